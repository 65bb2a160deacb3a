namespace ScalingAdvisor.Cli.Tests.Commands;

/// <summary><c>memory train --ep</c>: the routed experts' states split over e ranks (issue 18).</summary>
public class MemoryTrainExpertParallelTests
{
    // Qwen3-30B-A3B (config.json): 48 layers × 128 routed experts × 3·2048·768 weights = 28.99B routed-expert parameters.
    private const double Qwen3RoutedExperts = 48.0 * 128 * 3 * 2048 * 768;

    private static System.Text.Json.JsonElement Qwen3(int ep, string zero = "0")
        => CliRunner.Json("memory", "train", "--model", "qwen3-30b-a3b", "--gpus", "16", "--zero", zero, "--ep", ep.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Ep_2_halves_and_ep_4_quarters_the_expert_states_and_leaves_the_dense_states()
    {
        var one = Qwen3(1).GetProperty("perGpu");
        double expert = one.GetProperty("expertStatesBytes").GetDouble();
        double dense = one.GetProperty("denseStatesBytes").GetDouble();
        expert.Should().BeApproximately(16 * Qwen3RoutedExperts, 1e3, "AdamW's 16 bytes per routed-expert parameter, replicated");
        foreach (int ep in new[] { 2, 4 })
        {
            var json = Qwen3(ep);
            var perGpu = json.GetProperty("perGpu");
            perGpu.GetProperty("expertStatesBytes").GetDouble().Should().BeApproximately(expert / ep, 1e3, $"--ep {ep}");
            perGpu.GetProperty("denseStatesBytes").GetDouble().Should().BeApproximately(dense, 1e3);
            (perGpu.GetProperty("expertStatesBytes").GetDouble() + perGpu.GetProperty("denseStatesBytes").GetDouble())
                .Should().BeApproximately(json.GetProperty("modelStatesBytesPerGpu").GetDouble(), 1e3);
            json.GetProperty("assumptions").GetProperty("ep").GetDouble().Should().Be(ep);
        }
    }

    [Fact]
    public void Under_zero_1_ep_shrinks_the_expert_weights_and_gradients_but_not_their_optimizer_shard()
    {
        // ZeRO 1 shards the experts' 12 bytes of optimizer state over their N_d/e data-parallel ranks: 16/e ranks each
        // holding 1/e of the experts is 1/16 of them per GPU whatever e is; weights and gradients (4 bytes) shrink by e.
        double one = Qwen3(1, zero: "1").GetProperty("perGpu").GetProperty("expertStatesBytes").GetDouble();
        double eight = Qwen3(8, zero: "1").GetProperty("perGpu").GetProperty("expertStatesBytes").GetDouble();
        one.Should().BeApproximately(Qwen3RoutedExperts * (4 + (12.0 / 16)), 1e3);
        eight.Should().BeApproximately(Qwen3RoutedExperts * ((4.0 / 8) + (12.0 / 16)), 1e3);
    }

    [Fact]
    public void A_dense_model_reports_no_expert_states()
        => CliRunner.Json("memory", "train", "--model", "llama-3-8b").GetProperty("perGpu").GetProperty("expertStatesBytes").GetDouble().Should().Be(0);

    [Fact]
    public void Ep_on_a_dense_model_is_refused()
        => CliRunner.ExpectInvalidInput("memory", "train", "--model", "llama-3-8b", "--gpus", "8", "--ep", "2").Should().Contain("--ep").And.Contain("dense");

    [Fact]
    public void Ep_that_does_not_divide_the_routed_experts_is_refused()
        => CliRunner.ExpectInvalidInput("memory", "train", "--model", "qwen3-30b-a3b", "--gpus", "12", "--ep", "3").Should().Contain("--ep").And.Contain("128");

    [Fact]
    public void Ep_larger_than_the_routed_experts_is_refused()
        => CliRunner.ExpectInvalidInput("memory", "train", "--model", "mixtral-8x7b", "--gpus", "16", "--ep", "16").Should().Contain("--ep").And.Contain("8 routed experts");

    [Fact]
    public void Ep_that_does_not_divide_the_data_parallel_ranks_is_refused()
        => CliRunner.ExpectInvalidInput("memory", "train", "--model", "qwen3-30b-a3b", "--gpus", "16", "--tp", "4", "--ep", "8").Should().Contain("--ep").And.Contain("data-parallel");

    [Fact]
    public void Ep_with_only_a_parameter_count_is_refused()
        => CliRunner.ExpectInvalidInput("memory", "train", "--params", "30B", "--gpus", "8", "--ep", "8").Should().Contain("--ep").And.Contain("shape");

    [Fact]
    public void Memory_finetune_has_no_ep()
        => CliRunner.ExpectInvalidInput("memory", "finetune", "--model", "qwen3-30b-a3b", "--gpus", "8", "--ep", "8").Should().Contain("--ep");
    [Fact]
    public void DeepSeek_V3_fits_the_256_H100s_of_Megatron_Bridges_32_node_recipe_only_with_expert_parallelism()
    {
        // Megatron-Bridge recipes/deepseek/deepseek_v3.py, deepseek_v3_pretrain_config_32nodes ("minimal number of nodes
        // (32)", H100 80 GB): TP 2, PP 8, EP 32 with expert TP 1, full recompute, micro-batch 1, s = 4096, distributed
        // optimizer, bf16 gradients. EP 32 × ETP 1 over TP 2 × DP 16 gives each GPU 1/32 of a stage's routed experts and an
        // expert-data-parallel group of 1: here t = 2 and e = 16 (expert TP = t), which is the same shard. The recipe keeps
        // Adam's moments in bf16 (8 bytes of optimizer state, not 12), so this estimate is an upper bound.
        string[] recipe = ["memory", "train", "--model", "deepseek-v3", "--gpus", "256", "--tp", "2", "--pp", "8", "--zero", "1", "--recompute", "full", "--hardware", "h100-sxm"];
        var withEp = CliRunner.Json([.. recipe, "--ep", "16"]);
        withEp.GetProperty("fits").GetBoolean().Should().BeTrue();

        // The largest stage holds 8 expert layers (the recipe's stages 1–6 too): 8 · 256 · 3·7168·2048 routed weights, 1/32
        // of them per GPU at 2 + 2 + 12 bytes.
        withEp.GetProperty("perGpu").GetProperty("expertStatesBytes").GetDouble().Should().BeApproximately(16 * (8 * 256.0 * 3 * 7168 * 2048) / 32, 1e3);

        CliRunner.Json([.. recipe, "--ep", "1"]).GetProperty("fits").GetBoolean().Should().BeFalse("replicated experts need 4 bytes each of weights and gradients on every rank");
    }
}
