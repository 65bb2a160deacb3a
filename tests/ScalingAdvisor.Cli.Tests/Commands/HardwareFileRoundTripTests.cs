namespace ScalingAdvisor.Cli.Tests.Commands;

/// <summary>`list hardware --format json` is accepted back as `--hardware-file` (docs/HARDWARE-FILE.md).</summary>
public class HardwareFileRoundTripTests
{
    [Fact]
    public void The_hardware_listing_reads_back_as_a_hardware_file_unchanged()
    {
        var listing = CliRunner.Run("list", "hardware", "--format", "json");
        listing.ExitCode.Should().Be(0);
        var path = Path.Combine(Path.GetTempPath(), $"sa-hw-listing-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, listing.Stdout);
        try
        {
            // Every entry replaces its built-in twin; listed again, nothing has changed (sources and years included).
            var again = CliRunner.Run("list", "hardware", "--format", "json", "--hardware-file", path);
            again.ExitCode.Should().Be(0);
            again.Stdout.Should().Be(listing.Stdout);

            // And a command prices a device from it exactly as from the built-in catalog.
            string[] time = ["time", "--flops", "4.2e23", "--hardware", "a100-80gb", "--gpus", "1024", "--format", "json"];
            CliRunner.Run([.. time, "--hardware-file", path]).Stdout.Should().Be(CliRunner.Run(time).Stdout);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_listing_entry_with_a_malformed_source_names_the_entry_and_field()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sa-hw-bad-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """
            { "hardware": [ { "id": "my-gpu", "name": "My GPU", "vendor": "Me", "bf16DenseFlopsPerSecond": 1e15,
              "memoryBytes": 80e9, "memoryBandwidthBytesPerSecond": 3e12, "sources": [ "no year here" ] } ] }
            """);
        try
        {
            CliRunner.ExpectInvalidInput("list", "hardware", "--hardware-file", path)
                .Should().Contain("my-gpu").And.Contain("sources");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
