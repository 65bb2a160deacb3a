namespace ScalingAdvisor.Cli.Tests.Commands;

public class ThroughputCommandTests
{
    [Fact]
    public void Small_batches_are_memory_bound_and_large_batches_compute_bound()
    {
        var small = CliRunner.Json("throughput", "--params", "7B", "--hardware", "h100-sxm", "--batch", "1");
        small.GetProperty("boundBy").GetString().Should().Be("memory");
        // 14 GB of fp16 weights at 3.35 TB/s × 0.6 per token.
        small.GetProperty("decodeTokensPerSecond").GetDouble().Should().BeApproximately(3.35e12 * 0.6 / 14e9, 1e-6);
        small.GetProperty("prefillTokensPerSecond").GetDouble().Should().BeApproximately(989.5e12 * 0.4 / 14e9, 1e-6);

        var large = CliRunner.Json("throughput", "--params", "7B", "--hardware", "h100-sxm", "--batch", "1024");
        large.GetProperty("boundBy").GetString().Should().Be("compute");
    }

    [Fact]
    public void Four_bit_weights_read_a_quarter_of_the_bytes()
    {
        var json = CliRunner.Json("throughput", "--params", "70B", "--hardware", "a100-80gb", "--weights-bits", "4");
        json.GetProperty("weightsBytes").GetDouble().Should().Be(35e9);
        json.GetProperty("fitsInMemory").GetBoolean().Should().BeTrue();
        json.GetProperty("assumptions").GetProperty("bandwidthUtilisation").GetDouble().Should().Be(0.6);
    }

    [Fact]
    public void KV_cache_bytes_scale_with_batch_and_context()
    {
        // Llama-2-70B: 320 KiB per token (FORMULAS.md §3) → 8 × 4096 tokens = 10 GiB.
        var json = CliRunner.Json("throughput", "--params", "70B", "--hardware", "h200", "--batch", "8", "--context", "4096", "--kv-bytes-per-token", "320KiB");
        json.GetProperty("kvCacheBytes").GetDouble().Should().Be(10 * 1073741824.0);
    }

    [Fact]
    public void Table_output_names_the_bound()
        => CliRunner.Run("throughput", "--params", "7B", "--hardware", "l4").Stdout.Should().Contain("memory");

    [Fact]
    public void Unsupported_precision_is_rejected()
        => CliRunner.ExpectInvalidInput("throughput", "--params", "7B", "--hardware", "tpu-v5e", "--precision", "fp8")
            .Should().Contain("tpu-v5e has no fp8 peak");

    [Fact]
    public void Zero_batch_is_rejected()
        => CliRunner.ExpectInvalidInput("throughput", "--params", "7B", "--hardware", "l4", "--batch", "0")
            .Should().Contain("--batch");
}
