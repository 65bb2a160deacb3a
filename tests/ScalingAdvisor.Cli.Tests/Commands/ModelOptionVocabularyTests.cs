using System.Text.Json;

namespace ScalingAdvisor.Cli.Tests.Commands;

/// <summary>The model group (--model, --hf-config, shape options, --params) is accepted alike by every command that needs N or a shape.</summary>
public class ModelOptionVocabularyTests
{
    private const double Llama2_7BParams = 6_738_415_616; // the released checkpoint (contract-check)

    [Fact]
    public void Time_with_a_model_and_tokens_uses_6ND_with_the_models_exact_count()
    {
        // Llama 2 (Touvron et al. 2023): 7B trained on 2T tokens; 6·N·D with N of the released checkpoint.
        var json = CliRunner.Json("time", "--model", "llama-2-7b", "--tokens", "2T", "--hardware", "a100-80gb", "--gpus", "1024");
        json.GetProperty("flops").GetDouble().Should().BeApproximately(6 * Llama2_7BParams * 2e12, 1e9);
        json.GetProperty("assumptions").GetProperty("params").GetDouble().Should().Be(Llama2_7BParams);
        json.GetProperty("assumptions").GetProperty("model").GetString().Should().Be("llama-2-7b");
    }

    [Fact]
    public void Footprint_with_a_model_prices_the_same_GPU_hours_as_time()
    {
        string[] run = ["--model", "llama-2-7b", "--tokens", "1T", "--hardware", "a100-80gb", "--gpus", "8"];
        var time = CliRunner.Json(["time", .. run]);
        var footprint = CliRunner.Json(["footprint", .. run]);
        footprint.GetProperty("gpuHours").GetDouble().Should().BeApproximately(time.GetProperty("gpuHours").GetDouble(), 1e-6);
    }

    [Fact]
    public void Flops_and_a_model_together_are_refused_in_one_line()
        => CliRunner.ExpectInvalidInput("time", "--flops", "1e23", "--model", "llama-2-7b", "--hardware", "a100-80gb", "--gpus", "8")
            .Should().Contain("--flops");

    [Fact]
    public void Loss_with_a_model_uses_the_count_the_law_wants_and_says_which()
    {
        // Chinchilla-form laws count all parameters: the model's total.
        var besiroglu = CliRunner.Json("loss", "--model", "llama-2-7b", "--tokens", "2T");
        besiroglu.GetProperty("params").GetDouble().Should().Be(Llama2_7BParams);
        besiroglu.GetProperty("loss").GetDouble()
            .Should().Be(CliRunner.Json("loss", "--params", "6738415616", "--tokens", "2T").GetProperty("loss").GetDouble());
        besiroglu.GetProperty("assumptions").GetProperty("paramsSource").GetString().Should().Contain("all parameters of llama-2-7b");

        // Kaplan et al. 2020 count non-embedding parameters: GPT-2 small's 124,439,808 less 50257·768 token and 1024·768
        // position embeddings = 85,056,000 (Kaplan §1.3; Radford et al. 2019).
        var kaplan = CliRunner.Json("loss", "--model", "gpt2", "--tokens", "300B", "--law", "kaplan2020");
        kaplan.GetProperty("params").GetDouble().Should().Be(85_056_000);
        kaplan.GetProperty("assumptions").GetProperty("paramsSource").GetString().Should().Contain("non-embedding parameters of gpt2");
    }

    [Fact]
    public void Params_and_a_model_together_are_refused_in_one_line()
        => CliRunner.ExpectInvalidInput("loss", "--model", "llama-2-7b", "--params", "7B", "--tokens", "1T")
            .Should().Contain("--model").And.Contain("--params");

    [Fact]
    public void Optimal_with_a_model_compares_it_with_the_optimum_at_the_same_budget()
    {
        var json = CliRunner.Json("optimal", "--flops", "5.76e23", "--model", "llama-2-70b");
        var given = json.GetProperty("givenModel");
        double n = given.GetProperty("params").GetDouble();
        given.GetProperty("tokens").GetDouble().Should().BeApproximately(5.76e23 / (6 * n), 1);
        given.GetProperty("lossAboveOptimumNats").GetDouble().Should().BeGreaterOrEqualTo(0);
        CliRunner.ExpectInvalidInput("optimal", "--target-loss", "2", "--model", "llama-2-70b").Should().Contain("--flops");
    }

    [Fact]
    public void Throughput_with_a_model_derives_the_KV_cache_from_its_shape()
    {
        // Llama-2-70B: 2·80 layers·8 KV heads·128·2 bytes = 320 KiB per token (FORMULAS.md §3) → 8 × 4096 tokens = 10 GiB.
        var json = CliRunner.Json("throughput", "--model", "llama-2-70b", "--hardware", "h200", "--batch", "8", "--context", "4096");
        json.GetProperty("assumptions").GetProperty("kvCacheBytesPerToken").GetDouble().Should().Be(327_680);
        json.GetProperty("kvCacheBytes").GetDouble().Should().Be(10 * 1073741824.0);
        var eight = CliRunner.Json("throughput", "--model", "llama-2-70b", "--hardware", "h200", "--batch", "8", "--context", "4096", "--kv-bits", "8");
        eight.GetProperty("kvCacheBytes").GetDouble().Should().Be(5 * 1073741824.0);
    }

    [Fact]
    public void Throughput_gives_rates_per_sequence_and_for_the_whole_batch()
    {
        var json = CliRunner.Json("throughput", "--params", "7B", "--hardware", "h100-sxm", "--batch", "8");
        double all = json.GetProperty("decodeTokensPerSecond").GetDouble();
        json.GetProperty("decodeTokensPerSecondPerSequence").GetDouble().Should().BeApproximately(all / 8, 1e-9 * all);
        json.GetProperty("prefillTokensPerSecondPerSequence").GetDouble()
            .Should().BeApproximately(json.GetProperty("prefillTokensPerSecond").GetDouble() / 8, 1e-6);
        json.GetProperty("assumptions").GetProperty("rates").GetString().Should().Contain("all 8 sequences");
    }

    [Fact]
    public void Throughput_refuses_a_rate_for_a_replica_that_does_not_fit_with_the_reason()
    {
        // Llama-2-70B at 16 bits: 138 GB of weights > 80 GiB of an A100.
        var json = CliRunner.Json("throughput", "--model", "llama-2-70b", "--hardware", "a100-80gb");
        json.GetProperty("fitsInMemory").GetBoolean().Should().BeFalse();
        json.GetProperty("decodeTokensPerSecond").ValueKind.Should().Be(JsonValueKind.Null);
        json.GetProperty("prefillTokensPerSecond").ValueKind.Should().Be(JsonValueKind.Null);
        json.GetProperty("rateUnavailableReason").GetString().Should().Contain("Does not fit").And.Contain("a100-80gb");
        CliRunner.Run("throughput", "--model", "llama-2-70b", "--hardware", "a100-80gb").Stdout.Should().Contain("Does not fit");
    }

    [Fact]
    public void Throughput_refuses_a_KV_size_given_beside_a_model()
        => CliRunner.ExpectInvalidInput("throughput", "--model", "llama-2-7b", "--hardware", "h100-sxm", "--kv-bytes-per-token", "512KiB")
            .Should().Contain("--kv-bytes-per-token");
}
