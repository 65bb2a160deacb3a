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
    public void Prefill_of_a_4096_token_prompt_counts_attention_from_the_nominal_shape_of_the_params()
    {
        // Mistral 7B's 7,241,732,096 parameters: 2·N per token plus 4·L·P·a·d_h over the 4096-token prompt, with L and
        // a·d_h of the nominal shape (d/L = 128): 16.0% more than 2·N (the real shape's 14.8%).
        var json = CliRunner.Json("throughput", "--params", "7241732096", "--hardware", "a100-80gb", "--context", "4096");
        var assumptions = json.GetProperty("assumptions");
        double layers = assumptions.GetProperty("attentionLayers").GetDouble();
        double width = assumptions.GetProperty("attentionWidth").GetDouble();
        assumptions.GetProperty("prefillAttention").GetString().Should().StartWith("nominal shape");
        double twoN = 2 * 7_241_732_096.0;
        double perToken = json.GetProperty("prefillFlopsPerToken").GetDouble();
        perToken.Should().BeApproximately(twoN + (4 * layers * 4096 * width), 1);
        ((perToken / twoN) - 1).Should().BeApproximately(0.160, 0.001);
        json.GetProperty("prefillTokensPerSecond").GetDouble().Should().BeApproximately(312e12 * 0.4 / perToken, 1e-6);
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
