namespace ScalingAdvisor.Cli.Tests.Commands;

public class TimeCommandTests
{
    [Fact]
    public void Narayanan_GPT3_example_takes_about_34_days()
    {
        // Narayanan et al. 2021 §5.1: 8·N·D = 4.2e23 FLOPs on 1024 A100s at 140 TFLOP/s → about 34 days.
        var json = CliRunner.Json("time", "--flops", "4.2e23", "--hardware", "a100-80gb", "--gpus", "1024", "--achieved-tflops", "140");
        json.GetProperty("schemaVersion").GetInt32().Should().Be(1);
        json.GetProperty("flops").GetDouble().Should().Be(4.2e23);
        json.GetProperty("wallDays").GetDouble().Should().BeApproximately(33.9, 0.05);
        json.GetProperty("wallSeconds").GetDouble().Should().BeApproximately(33.9084 * 86400, 10);
        json.GetProperty("gpuHours").GetDouble().Should().BeApproximately(1024 * 33.9084 * 24, 10);
        var assumptions = json.GetProperty("assumptions");
        assumptions.GetProperty("mfu").GetDouble().Should().BeApproximately(140.0 / 312, 1e-9);
        assumptions.GetProperty("precision").GetString().Should().Be("bf16");
        assumptions.GetProperty("hardware").GetString().Should().Be("a100-80gb");
    }

    [Fact]
    public void Params_and_tokens_use_6ND_and_the_default_MFU_of_0_4()
    {
        var json = CliRunner.Json("time", "--params", "7B", "--tokens", "1T", "--hardware", "h100-sxm", "--gpus", "8");
        json.GetProperty("flops").GetDouble().Should().BeApproximately(4.2e22, 1e9);
        json.GetProperty("assumptions").GetProperty("mfu").GetDouble().Should().Be(0.4);
        json.GetProperty("wallSeconds").GetDouble().Should().BeApproximately(4.2e22 / (8 * 989.5e12 * 0.4), 1);
    }

    [Fact]
    public void Table_output_shows_days_and_the_MFU_assumption()
        => CliRunner.Run("time", "--flops", "1e23", "--hardware", "a100-80gb", "--gpus", "64").Stdout.ReplaceLineEndings(" ")
            .Should().Contain("days").And.Contain("MFU = 0.4").And.Contain("MFU source = default (--mfu not given)");

    [Fact]
    public void Unknown_hardware_lists_the_valid_ids()
        => CliRunner.ExpectInvalidInput("time", "--flops", "1e23", "--hardware", "a100", "--gpus", "8")
            .Should().Contain("a100").And.Contain("a100-80gb").And.Contain("tpu-v5p");

    [Fact]
    public void Unsupported_precision_is_rejected_with_what_the_part_supports()
        => CliRunner.ExpectInvalidInput("time", "--flops", "1e23", "--hardware", "v100", "--gpus", "8", "--precision", "bf16")
            .Should().Contain("v100 has no bf16 peak").And.Contain("fp32, fp16");

    [Theory]
    [InlineData("0")]
    [InlineData("1.5")]
    [InlineData("-0.2")]
    public void MFU_outside_zero_to_one_is_rejected(string mfu)
        => CliRunner.ExpectInvalidInput("time", "--flops", "1e23", "--hardware", "a100-80gb", "--gpus", "8", "--mfu", mfu)
            .Should().Contain("--mfu");

    [Fact]
    public void MFU_and_achieved_TFLOPs_together_are_rejected()
        => CliRunner.ExpectInvalidInput("time", "--flops", "1e23", "--hardware", "a100-80gb", "--gpus", "8", "--mfu", "0.5", "--achieved-tflops", "100")
            .Should().Contain("--mfu").And.Contain("--achieved-tflops");

    [Fact]
    public void A_malformed_hardware_file_names_the_file_entry_and_field()
    {
        var path = Path.Combine(Path.GetTempPath(), $"hw-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "accelerators": [ { "id": "lab", "name": "Lab", "vendor": "Lab", "densePeakTflops": { "bf16": "fast" }, "memoryGiB": 8, "memoryBandwidthGBps": 100 } ] }""");
        try
        {
            CliRunner.ExpectInvalidInput("time", "--flops", "1e23", "--hardware-file", path, "--gpus", "8")
                .Should().Contain(path).And.Contain("'lab'").And.Contain("densePeakTflops.bf16");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_hardware_file_with_one_entry_is_used_without_an_id()
    {
        var path = Path.Combine(Path.GetTempPath(), $"hw-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "accelerators": [ { "id": "lab", "name": "Lab", "vendor": "Lab", "densePeakTflops": { "bf16": 100 }, "memoryGiB": 8, "memoryBandwidthGBps": 100, "tdpWatts": 200 } ] }""");
        try
        {
            var json = CliRunner.Json("time", "--flops", "8.64e18", "--hardware-file", path, "--gpus", "1", "--mfu", "1");
            json.GetProperty("wallDays").GetDouble().Should().BeApproximately(1, 1e-12); // 8.64e18 FLOPs at 100 TFLOP/s = 86,400 s
            json.GetProperty("assumptions").GetProperty("hardware").GetString().Should().Be("lab");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
