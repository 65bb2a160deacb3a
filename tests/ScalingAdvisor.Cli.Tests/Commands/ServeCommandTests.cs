namespace ScalingAdvisor.Cli.Tests.Commands;

public class ServeCommandTests
{
    private static readonly string[] Contract =
    [
        "serve", "--model", "llama-2-7b", "--hardware", "a100-80gb", "--gpus", "1", "--weights-bits", "16", "--kv-bits", "16",
        "--prompt-tokens", "512", "--output-tokens", "128", "--batch", "1", "--price-per-gpu-hour", "2", "--format", "json",
    ];

    [Fact]
    public void The_contract_invocation_reports_every_field_of_the_issue()
    {
        var json = CliRunner.Json(Contract[..^2]);
        foreach (var field in new[]
        {
            "ttftSeconds", "tpotSeconds", "outputTokensPerSecond", "outputTokensPerSecondPerGpu", "maxBatch", "fitsInMemory",
            "costUsdPerMillionOutputTokens", "energyKwhPerMillionOutputTokens", "co2eKgPerMillionOutputTokens", "costUsdPerMillionInputTokens",
        })
        {
            json.TryGetProperty(field, out var value).Should().BeTrue(field);
            value.ValueKind.Should().NotBe(System.Text.Json.JsonValueKind.Null, field);
        }

        json.GetProperty("fitsInMemory").GetBoolean().Should().BeTrue();
        json.GetProperty("boundBy").GetString().Should().Be("bandwidth");
        // 13.48 GB of bf16 weights + 0.30 GB of KV cache at P + O/2 = 576 tokens, at 2039 GB/s × 0.6.
        json.GetProperty("tpotSeconds").GetDouble().Should().BeApproximately((13_476_831_232 + (524_288.0 * 576)) / (2039e9 * 0.6), 1e-9);
        json.GetProperty("assumptions").GetProperty("definitions").GetString().Should().Contain("P + O/2").And.Contain("(O − 1)");
    }

    [Fact]
    public void A_million_output_tokens_use_the_energy_footprint_gives_their_GPU_hours()
    {
        var serve = CliRunner.Json(Contract[..^2]);
        double gpuHours = serve.GetProperty("gpuHoursPerMillionOutputTokens").GetDouble();
        var footprint = CliRunner.Json("footprint", "--gpu-hours", gpuHours.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            "--hardware", "a100-80gb", "--price-per-gpu-hour", "2");
        serve.GetProperty("energyKwhPerMillionOutputTokens").GetDouble().Should().BeApproximately(footprint.GetProperty("energyKwh").GetDouble(), 1e-12);
        serve.GetProperty("co2eKgPerMillionOutputTokens").GetDouble().Should().BeApproximately(footprint.GetProperty("co2eKg").GetDouble(), 1e-12);
        serve.GetProperty("costUsdPerMillionOutputTokens").GetDouble().Should().BeApproximately(footprint.GetProperty("costUsd").GetDouble(), 1e-12);
    }

    [Fact]
    public void A_model_too_large_for_its_GPUs_is_an_answer_not_an_error()
    {
        var json = CliRunner.Json("serve", "--model", "llama-2-70b", "--hardware", "a100-80gb", "--prompt-tokens", "512", "--output-tokens", "128");
        json.GetProperty("fitsInMemory").GetBoolean().Should().BeFalse();
        json.GetProperty("maxBatch").GetInt64().Should().Be(0);
        json.GetProperty("ttftSeconds").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        json.GetProperty("notFitReason").GetString().Should().Contain("more GPUs");
        CliRunner.Json("serve", "--model", "llama-2-70b", "--hardware", "a100-80gb", "--gpus", "4", "--prompt-tokens", "512", "--output-tokens", "128")
            .GetProperty("fitsInMemory").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public void Serve_works_from_params_shape_options_a_config_and_a_mixture_of_experts()
    {
        CliRunner.Json("serve", "--params", "7B", "--hardware", "h100-sxm", "--prompt-tokens", "128", "--output-tokens", "128")
            .GetProperty("assumptions").GetProperty("modelShapeSource").GetString().Should().StartWith("nominal shape");
        var flags = CliRunner.Json("serve", "--layers", "32", "--d-model", "4096", "--heads", "32", "--kv-heads", "8", "--ffn", "14336", "--vocab", "32000",
            "--gated-ffn", "--experts", "8", "--active-experts", "2", "--hardware", "h100-sxm", "--gpus", "2", "--batch", "4", "--prompt-tokens", "128", "--output-tokens", "128");
        flags.GetProperty("expertsTouchedPerDecodeStep").GetDouble().Should().BeApproximately(8 * (1 - Math.Pow(0.75, 4)), 1e-9);
        var preset = CliRunner.Json("serve", "--model", "mixtral-8x7b", "--hardware", "h100-sxm", "--gpus", "2", "--batch", "4", "--prompt-tokens", "128", "--output-tokens", "128");
        preset.GetProperty("tpotSeconds").GetDouble().Should().BeApproximately(flags.GetProperty("tpotSeconds").GetDouble(), 1e-12);

        var path = Path.Combine(Path.GetTempPath(), $"sa-serve-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{"model_type":"llama","hidden_size":4096,"intermediate_size":14336,"num_attention_heads":32,"num_hidden_layers":32,"num_key_value_heads":8,"vocab_size":128256,"tie_word_embeddings":false,"max_position_embeddings":8192,"rms_norm_eps":1e-05}""");
        try
        {
            var config = CliRunner.Json("serve", "--hf-config", path, "--hardware", "h100-sxm", "--prompt-tokens", "128", "--output-tokens", "128", "--weights-bits", "4");
            config.GetProperty("weightsBytes").GetDouble().Should().BeApproximately(8_030_261_248 * 4.125 / 8, 1);
            config.GetProperty("assumptions").GetProperty("weightFormat").GetString().Should().Contain("16-bit scale per 128 weights");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_memory_reserve_takes_a_fraction_or_bytes_and_shrinks_the_max_batch()
    {
        string[] args = ["serve", "--model", "llama-2-7b", "--hardware", "a100-80gb", "--prompt-tokens", "2048", "--output-tokens", "2048"];
        long none = CliRunner.Json(args).GetProperty("maxBatch").GetInt64();
        long vllm = CliRunner.Json([.. args, "--memory-reserve", "0.1"]).GetProperty("maxBatch").GetInt64();
        long bytes = CliRunner.Json([.. args, "--memory-reserve", "8GiB"]).GetProperty("maxBatch").GetInt64();
        none.Should().Be(33);
        vllm.Should().Be(29);
        bytes.Should().Be(vllm);
        CliRunner.ExpectInvalidInput([.. args, "--memory-reserve", "1.5"]).Should().Contain("--memory-reserve").And.Contain("1.5");
    }

    [Fact]
    public void Bad_serving_input_is_one_line_and_exit_2()
    {
        CliRunner.ExpectInvalidInput("serve", "--model", "llama-2-7b", "--hardware", "a100-80gb", "--prompt-tokens", "0", "--output-tokens", "128")
            .Should().Contain("--prompt-tokens");
        CliRunner.ExpectInvalidInput("serve", "--model", "llama-2-7b", "--hardware", "a100-80gb", "--gpus", "3", "--prompt-tokens", "10", "--output-tokens", "128")
            .Should().Contain("heads");
        CliRunner.ExpectInvalidInput("serve", "--model", "llama-2-7b", "--hardware", "a100-80gb", "--weights-bits", "5", "--prompt-tokens", "10", "--output-tokens", "128")
            .Should().Contain("--weights-bits");
    }

    [Fact]
    public void An_SLO_plan_over_the_catalog_names_the_cheapest_replica_its_binding_limit_and_the_fleet()
    {
        var json = CliRunner.Json("serve", "--model", "llama-2-70b", "--hardware", "all", "--prompt-tokens", "1024", "--output-tokens", "256",
            "--ttft-slo", "0.5s", "--tpot-slo", "50ms", "--tokens-per-day", "1B", "--price-per-gpu-hour", "2");
        var plan = json.GetProperty("plan");
        plan.GetProperty("ttftSeconds").GetDouble().Should().BeLessThanOrEqualTo(0.5);
        plan.GetProperty("tpotSeconds").GetDouble().Should().BeLessThanOrEqualTo(0.05);
        plan.GetProperty("bindingLimit").GetString().Should().BeOneOf("memory", "ttft-slo", "tpot-slo", "batch-cap");
        json.GetProperty("candidates").GetArrayLength().Should().BeGreaterThan(3);
        json.GetProperty("candidates")[0].GetProperty("hardware").GetString().Should().Be(plan.GetProperty("hardware").GetString());
        json.GetProperty("fleet").GetProperty("replicas").GetInt64().Should().BeGreaterThan(0);
        json.GetProperty("assumptions").GetProperty("tpotSloSeconds").GetDouble().Should().Be(0.05);
        CliRunner.ExpectInvalidInput("serve", "--model", "llama-2-70b", "--hardware", "all", "--prompt-tokens", "1", "--output-tokens", "1")
            .Should().Contain("--hardware all");
        CliRunner.ExpectInvalidInput("serve", "--model", "llama-2-70b", "--hardware", "h100-sxm", "--gpus", "2", "--prompt-tokens", "1", "--output-tokens", "1", "--ttft-slo", "1s")
            .Should().Contain("--gpus");
    }
}
