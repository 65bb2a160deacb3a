namespace ScalingAdvisor.Cli.Tests.Commands;

public class ListHardwareAndRegionsCommandTests
{
    [Fact]
    public void List_hardware_shows_every_built_in_id_with_dense_peaks_and_sources()
    {
        var json = CliRunner.Json("list", "hardware");
        var rows = json.GetProperty("hardware").EnumerateArray().ToList();
        rows.Select(r => r.GetProperty("id").GetString()).Should().Equal(
            "v100", "a100-40gb", "a100-80gb", "h100-sxm", "h100-pcie", "h200", "b200", "mi300x", "l4", "tpu-v4", "tpu-v5e", "tpu-v5p");
        var h100 = rows.Single(r => r.GetProperty("id").GetString() == "h100-sxm");
        h100.GetProperty("bf16DenseFlopsPerSecond").GetDouble().Should().BeApproximately(989.5e12, 1e9);
        h100.GetProperty("sources").GetArrayLength().Should().BeGreaterThan(5);
    }

    [Fact]
    public void List_regions_shows_intensities_with_source_and_year()
    {
        var json = CliRunner.Json("list", "regions");
        var llama = json.GetProperty("regions").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "us-llama");
        llama.GetProperty("gridIntensityKgPerKwh").GetDouble().Should().Be(0.385);
        llama.GetProperty("source").GetString().Should().Contain("Touvron");
        llama.GetProperty("year").GetDouble().Should().Be(2023);
    }

    [Fact]
    public void List_regions_table_includes_France()
        => CliRunner.Run("list", "regions").Stdout.Should().Contain("France");
}
