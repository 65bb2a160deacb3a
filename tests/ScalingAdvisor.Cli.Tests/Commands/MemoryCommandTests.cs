namespace ScalingAdvisor.Cli.Tests.Commands;

public class MemoryCommandTests
{
    // Rajbhandari et al. 2020 (ZeRO) Figure 1: Ψ = 7.5B, N_d = 64 → 120 / 31.4 / 16.6 / 1.9 GB per device.
    [Theory]
    [InlineData("0", 120e9)]
    [InlineData("1", 31.40625e9)]
    [InlineData("2", 16.640625e9)]
    [InlineData("3", 1.875e9)]
    public void Memory_train_reproduces_ZeRO_figure_1(string stage, double bytes)
    {
        var json = CliRunner.Json("memory", "train", "--params", "7.5B", "--gpus", "64", "--zero", stage);
        json.GetProperty("modelStatesBytesPerGpu").GetDouble().Should().BeApproximately(bytes, 1);
        var perGpu = json.GetProperty("perGpu");
        perGpu.GetProperty("activationsBytes").GetDouble().Should().Be(0);
        perGpu.GetProperty("totalBytes").GetDouble().Should().BeApproximately(bytes, 1);
        foreach (var field in new[] { "weightsBytes", "gradientsBytes", "optimizerBytes" })
        {
            perGpu.TryGetProperty(field, out _).Should().BeTrue(field);
        }

        json.GetProperty("findings")[0].GetString().Should().Contain("activation memory is omitted");
    }

    [Fact]
    public void Memory_train_with_a_model_includes_activations_and_checks_the_gpu_memory()
    {
        var json = CliRunner.Json("memory", "train", "--model", "llama-2-70b", "--gpus", "64", "--tp", "8", "--zero", "1",
            "--sequence-parallel", "--recompute", "selective", "--micro-batch", "1", "--gpu-memory", "80GiB");
        json.GetProperty("perGpu").GetProperty("activationsBytes").GetDouble().Should().BeGreaterThan(0);
        json.GetProperty("hardwareMemoryBytes").GetDouble().Should().Be(80.0 * 1024 * 1024 * 1024);
        json.GetProperty("fits").GetBoolean().Should().BeTrue();
        json.GetProperty("assumptions").GetProperty("dataParallel").GetDouble().Should().Be(8);
    }

    [Fact]
    public void Memory_train_reports_the_largest_pipeline_stage_of_llama_3_8b_at_pp_4()
    {
        // meta-llama/Meta-Llama-3-8B config.json: the first of 4 stages holds 8 layers and the 128256·4096 embedding,
        // 2,270,232,576 parameters: 4.54 GB of bf16 weights (an even split would say 4.02 GB).
        var json = CliRunner.Json("memory", "train", "--model", "llama-3-8b", "--gpus", "4", "--pp", "4");
        json.GetProperty("perGpu").GetProperty("weightsBytes").GetDouble().Should().Be(4_540_465_152);
        var stage = json.GetProperty("largestStage");
        stage.GetProperty("index").GetDouble().Should().Be(0);
        stage.GetProperty("role").GetString().Should().Be("first");
        stage.GetProperty("layers").GetDouble().Should().Be(8);

        var lora = CliRunner.Json("memory", "finetune", "--model", "llama-3-8b", "--gpus", "4", "--pp", "4");
        lora.GetProperty("largestStage").GetProperty("role").GetString().Should().Be("first");
        lora.GetProperty("perGpu").GetProperty("frozenWeightsBytes").GetDouble().Should().BeApproximately(4_540_465_152, 1);

        var counted = CliRunner.Json("memory", "train", "--params", "8030261248", "--gpus", "4", "--pp", "4");
        counted.GetProperty("largestStage").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);

        CliRunner.ExpectInvalidInput("memory", "train", "--model", "llama-3-8b", "--gpus", "64", "--pp", "64")
            .Should().Contain("at most the model's 32 layers");
    }

    [Fact]
    public void Memory_train_says_when_it_does_not_fit()
    {
        var json = CliRunner.Json("memory", "train", "--model", "llama-2-7b", "--zero", "0", "--gpu-memory", "80GB");
        json.GetProperty("fits").GetBoolean().Should().BeFalse();
        json.GetProperty("shortfallBytes").GetDouble().Should().BeGreaterThan(0);
        json.GetProperty("findings").EnumerateArray().Select(f => f.GetString()).Should().Contain(f => f!.Contains("short by", StringComparison.Ordinal));
    }

    [Fact]
    public void Flash_attention_and_recomputation_shrink_activations()
    {
        double Activations(params string[] extra) => CliRunner.Json(["memory", "train", "--model", "gpt2", .. extra])
            .GetProperty("perGpu").GetProperty("activationsBytes").GetDouble();
        var stored = Activations("--recompute", "none", "--flash-attention", "false");
        Activations("--recompute", "none").Should().BeLessThan(stored, "flash attention is on by default");
        Activations("--recompute", "full").Should().BeLessThan(Activations("--recompute", "selective"));
        Activations("--micro-batch", "4", "--recompute", "none", "--flash-attention", "false").Should().BeApproximately(4 * stored, 1);
        Activations("--seq-len", "512").Should().BeLessThan(Activations());
    }

    [Fact]
    public void Memory_infer_gives_Llama2_70B_320_KiB_of_fp16_KV_cache_per_token()
    {
        var json = CliRunner.Json("memory", "infer", "--model", "llama-2-70b", "--context", "4096", "--batch", "1", "--kv-bits", "16");
        json.GetProperty("kvCacheBytesPerToken").GetDouble().Should().Be(327_680);
        json.GetProperty("kvCacheBytes").GetDouble().Should().Be(327_680.0 * 4096);
        json.GetProperty("weightsBytes").GetDouble().Should().Be(2.0 * 68_976_648_192);
        json.GetProperty("totalBytes").GetDouble().Should().Be((2.0 * 68_976_648_192) + (327_680.0 * 4096));
    }

    [Fact]
    public void Memory_infer_at_4_bits_is_half_a_byte_per_weight_and_checks_fit()
    {
        var json = CliRunner.Json("memory", "infer", "--model", "llama-2-70b", "--weights-bits", "4", "--context", "4096", "--gpu-memory", "80GiB");
        json.GetProperty("weightsBytes").GetDouble().Should().Be(68_976_648_192 / 2.0);
        json.GetProperty("fits").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public void Memory_infer_from_params_omits_the_cache_and_says_so()
    {
        var json = CliRunner.Json("memory", "infer", "--params", "7B", "--weights-bits", "8");
        json.GetProperty("weightsBytes").GetDouble().Should().Be(7e9);
        json.GetProperty("kvCacheBytes").GetDouble().Should().Be(0);
        json.GetProperty("findings")[0].GetString().Should().Contain("KV cache is omitted");
    }

    [Fact]
    public void Table_output_of_memory_commands_shows_bytes_in_both_units()
    {
        CliRunner.Run("memory", "train", "--params", "7.5B", "--gpus", "64", "--zero", "3").Stdout.Should().Contain("GB").And.Contain("GiB");
        CliRunner.Run("memory", "infer", "--model", "llama-2-70b").Stdout.Should().Contain("KV cache per token");
    }

    [Theory]
    [InlineData("--zero", "4")]
    [InlineData("--zero", "-1")]
    [InlineData("--gpus", "0")]
    [InlineData("--gpus", "abc")]
    [InlineData("--tp", "NaN")]
    [InlineData("--micro-batch", "1e400")]
    [InlineData("--gpu-memory", "-80GiB")]
    [InlineData("--optimizer", "adam")]
    public void Bad_memory_train_options_are_rejected_with_one_line(string option, string value)
        => CliRunner.ExpectInvalidInput("memory", "train", "--params", "7B", option, value).Should().ContainAny(option, value);

    [Fact]
    public void Gpus_that_do_not_divide_by_tp_times_pp_are_rejected()
        => CliRunner.ExpectInvalidInput("memory", "train", "--params", "7B", "--gpus", "10", "--tp", "4").Should().Contain("multiple");

    [Fact]
    public void Seq_len_without_a_shape_is_rejected()
        => CliRunner.ExpectInvalidInput("memory", "train", "--params", "7B", "--seq-len", "2048").Should().Contain("--seq-len");

    [Theory]
    [InlineData("--weights-bits", "0")]
    [InlineData("--weights-bits", "64")]
    [InlineData("--batch", "0")]
    [InlineData("--context", "-5")]
    public void Bad_memory_infer_options_are_rejected_with_one_line(string option, string value)
        => CliRunner.ExpectInvalidInput("memory", "infer", "--model", "llama-2-7b", option, value).Should().Contain(option);
}

public class MemoryTrainHardwareTests
{
    [Fact]
    public void Hardware_gives_the_memory_to_check_against()
    {
        // CLI.md: `memory train` takes an optional --hardware; with it the report has hardwareMemoryBytes and fits.
        // 7.5B parameters, ZeRO-3 over 64 GPUs: 16 · 7.5e9 / 64 = 1.875e9 bytes per GPU (ZeRO Fig. 1), which fits an A100 80GB.
        var json = CliRunner.Json("memory", "train", "--params", "7.5B", "--gpus", "64", "--zero", "3", "--hardware", "a100-80gb");
        json.GetProperty("modelStatesBytesPerGpu").GetDouble().Should().BeApproximately(1.875e9, 1);
        json.GetProperty("hardwareMemoryBytes").GetDouble().Should().Be(ScalingAdvisor.Hardware.AcceleratorCatalog.BuiltIn.Get("a100-80gb").Memory.Bytes);
        json.GetProperty("fits").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public void Hardware_and_gpu_memory_together_are_rejected()
        => CliRunner.ExpectInvalidInput("memory", "train", "--params", "7.5B", "--hardware", "a100-80gb", "--gpu-memory", "80GB");

    [Fact]
    public void An_unknown_accelerator_is_rejected()
        => CliRunner.ExpectInvalidInput("memory", "train", "--params", "7.5B", "--hardware", "nope");

    // Issue 13: the training sequence is the preset's published pre-training length (Mistral 7B: 8192, Jiang et al. 2023
    // Table 1), not its 32k context window, which gave 5.64 TB of activations per GPU.
    [Fact]
    public void Memory_train_sizes_activations_at_the_presets_training_length_and_says_where_it_came_from()
    {
        var json = CliRunner.Json("memory", "train", "--model", "mistral-7b", "--gpus", "8", "--zero", "3", "--hardware", "h100-sxm");
        var assumptions = json.GetProperty("assumptions");
        assumptions.GetProperty("seqLen").GetDouble().Should().Be(8192);
        assumptions.GetProperty("seqLenSource").GetString().Should().StartWith("preset").And.Contain("Jiang et al. 2023");
        assumptions.GetProperty("recompute").GetString().Should().Be("selective");
        assumptions.GetProperty("flashAttention").GetBoolean().Should().BeTrue();
        // 32 layers × 34·s·b·d = 32 × 34 × 8192 × 4096 bytes (Korthikanti et al. 2022 Table 2, scores not stored).
        json.GetProperty("perGpu").GetProperty("activationsBytes").GetDouble().Should().Be(32 * 34.0 * 8192 * 4096);
        json.GetProperty("fits").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public void Llama_405B_on_1024_gpus_no_longer_needs_terabytes_of_activations()
    {
        var json = CliRunner.Json("memory", "train", "--model", "llama-3.1-405b", "--gpus", "1024", "--tp", "8", "--pp", "16");
        json.GetProperty("assumptions").GetProperty("seqLen").GetDouble().Should().Be(8192);
        json.GetProperty("perGpu").GetProperty("activationsBytes").GetDouble().Should().BeLessThan(1e12);
    }

    [Fact]
    public void A_Hugging_Face_config_trains_at_the_default_length_and_says_so()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sa-mistral-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{"model_type":"mistral","hidden_size":4096,"intermediate_size":14336,"num_attention_heads":32,"num_hidden_layers":32,"num_key_value_heads":8,"vocab_size":32000,"tie_word_embeddings":false,"max_position_embeddings":32768}""");
        try
        {
            var assumptions = CliRunner.Json("memory", "train", "--hf-config", path).GetProperty("assumptions");
            assumptions.GetProperty("seqLen").GetDouble().Should().Be(ScalingAdvisor.Compute.TrainingDefaults.SequenceLength);
            assumptions.GetProperty("seqLenSource").GetString().Should().StartWith("default").And.Contain("Hugging Face");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("80")]
    [InlineData("80G")]
    [InlineData("8e10")]
    public void A_byte_option_without_a_unit_is_refused_with_both_units_suggested(string value)
        => CliRunner.ExpectInvalidInput("memory", "train", "--params", "7B", "--gpu-memory", value)
            .Should().Contain("--gpu-memory").And.Contain("GB (GB = 1e9 bytes)").And.Contain("GiB");

    [Fact]
    public void The_help_of_a_byte_option_states_the_unit_convention()
        => CliRunner.Run("memory", "train", "--help").Stdout.Should().Contain("powers of 1000").And.Contain("powers of 1024")
            .And.Contain("is 80GiB");

    [Fact]
    public void Weight_bits_follow_the_range_the_help_states()
    {
        CliRunner.Run("memory", "infer", "--help").Stdout.Should().Contain("[from 1 to 32]");
        CliRunner.Json("memory", "infer", "--params", "7B", "--weights-bits", "3").GetProperty("weightsBytes").GetDouble().Should().Be(7e9 * 3 / 8);
        CliRunner.ExpectInvalidInput("memory", "infer", "--params", "7B", "--weights-bits", "33").Should().Contain("from 1 to 32");
    }

    [Fact]
    public void Base_bits_accept_only_the_set_the_help_states()
    {
        CliRunner.Run("memory", "finetune", "--help").Stdout.Should().Contain("[one of 16, 8, 4]");
        CliRunner.ExpectInvalidInput("memory", "finetune", "--model", "gpt2", "--method", "qlora", "--base-bits", "5")
            .Should().Contain("--base-bits").And.Contain("one of 16, 8, 4");
    }
}
