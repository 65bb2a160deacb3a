namespace ScalingAdvisor.Cli.Tests.Commands;

public class ListHardwareAndRegionsCommandTests
{
    [Fact]
    public void List_hardware_shows_every_built_in_id_with_dense_peaks_and_sources()
    {
        var json = CliRunner.Json("list", "hardware");
        var rows = json.GetProperty("hardware").EnumerateArray().ToList();
        rows.Select(r => r.GetProperty("id").GetString()).Should().Equal(
            "v100", "a100-40gb", "a100-80gb", "h100-sxm", "h100-pcie", "h200", "h20", "b200", "gb200", "b300", "gb300", "mi300x", "mi325x", "mi355x", "l4",
            "tpu-v4", "tpu-v5e", "tpu-v5p", "tpu-v6e", "tpu-v7", "gaudi3");
        var h100 = rows.Single(r => r.GetProperty("id").GetString() == "h100-sxm");
        h100.GetProperty("bf16DenseFlopsPerSecond").GetDouble().Should().BeApproximately(989.5e12, 1e9);
        h100.GetProperty("sources").GetArrayLength().Should().BeGreaterThan(5);
    }

    [Fact]
    public void List_hardware_json_gives_fp4_and_the_fabric_per_direction_in_SI_units_and_null_when_unpublished()
    {
        var rows = CliRunner.Json("list", "hardware").GetProperty("hardware").EnumerateArray().ToList();
        var gb200 = rows.Single(r => r.GetProperty("id").GetString() == "gb200");
        gb200.GetProperty("fp4DenseFlopsPerSecond").GetDouble().Should().Be(10000e12);
        gb200.GetProperty("scaleUpBytesPerSecondPerDirection").GetDouble().Should().Be(900e9);
        gb200.GetProperty("scaleUpDomainDevices").GetDouble().Should().Be(72);
        gb200.GetProperty("scaleOutBytesPerSecondPerDirection").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        var h100 = rows.Single(r => r.GetProperty("id").GetString() == "h100-sxm");
        h100.GetProperty("fp4DenseFlopsPerSecond").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        h100.GetProperty("scaleOutBytesPerSecondPerDirection").GetDouble().Should().Be(50e9);
    }

    [Fact]
    public void A_precision_the_hardware_lacks_is_one_line_and_exit_2_naming_what_it_has()
    {
        var error = CliRunner.ExpectInvalidInput("time", "--flops", "1e24", "--hardware", "h100-sxm", "--precision", "fp4");
        error.Should().Contain("h100-sxm has no fp4 peak").And.Contain("fp8");
    }

    [Fact]
    public void Fp4_is_accepted_where_the_hardware_has_it()
        => CliRunner.Json("time", "--flops", "1e24", "--hardware", "b200", "--precision", "fp4")
            .GetProperty("wallSeconds").GetDouble().Should().BeGreaterThan(0);

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
