using ScalingAdvisor.Compute;
using ScalingAdvisor.Hardware;
using ScalingAdvisor.Memory;
using ScalingAdvisor.Models;
using ScalingAdvisor.Performance;
using ScalingAdvisor.StepTime;
using ScalingAdvisor.Tests.StepTime;

namespace ScalingAdvisor.Tests.Memory;

/// <summary>
/// Expert parallelism in the training memory model: the routed experts' states divided by e, their ZeRO shards over the
/// N_d/e expert-data-parallel ranks (Megatron-Core MoE parallel folding; DeepSpeed-MoE §4.1).
/// </summary>
public class ExpertParallelMemoryTests
{
    private static readonly TransformerShape Qwen3 = PublishedRuns.Qwen3Moe30B();

    private static TrainingMemoryEstimate Estimate(int expertParallel, int zero = 1) => TrainingMemory.Estimate(
        Qwen3,
        new TrainingSetup(OptimizerKind.AdamW, new ParallelLayout(16, 1, 2, zero, expertParallel: expertParallel), new ActivationSetup(2, 4096, ActivationRecomputation.None, true)));

    [Fact]
    public void Expert_parallel_divides_the_routed_experts_weights_and_gradients_by_e()
    {
        // Qwen3-30B-A3B (config.json): 48 layers × 128 experts × 3·2048·768 = 28.99B routed-expert weights; PP 2 puts 24
        // layers of them on a stage.
        double expertsPerStage = 24.0 * 128 * 3 * 2048 * 768;
        var one = Estimate(1);
        var eight = Estimate(8);

        (one.Weights - eight.Weights).Bytes.Should().BeApproximately(2 * expertsPerStage * (1 - (1.0 / 8)), 1);
        (one.Gradients - eight.Gradients).Bytes.Should().BeApproximately(2 * expertsPerStage * (1 - (1.0 / 8)), 1);
    }

    [Fact]
    public void Zero_shards_the_experts_optimizer_states_over_the_expert_data_parallel_ranks_only()
    {
        // DP 8, EP 8: each expert has one data-parallel replica, so ZeRO 1 cannot shard its 12 bytes of Adam state;
        // the dense part is sharded over all 8 ranks as before.
        double expertsPerStage = 24.0 * 128 * 3 * 2048 * 768;
        var one = Estimate(1);
        var eight = Estimate(8);
        double denseOptimizer = one.OptimizerStates.Bytes - (12 * expertsPerStage / 8);
        eight.OptimizerStates.Bytes.Should().BeApproximately(denseOptimizer + (12 * expertsPerStage / 8 / 1), 1);
        Estimate(4).OptimizerStates.Bytes.Should().BeApproximately(denseOptimizer + (12 * expertsPerStage / 4 / 2), 1);
    }

    [Fact]
    public void A_dense_model_is_unchanged_by_an_expert_parallel_degree()
    {
        var shape = ModelCatalog.BuiltIn.Get("llama-3-8b").Shape;
        TrainingMemoryEstimate Dense(int e) => TrainingMemory.Estimate(shape, new TrainingSetup(OptimizerKind.AdamW, new ParallelLayout(8, zeroStage: 1, expertParallel: e), new ActivationSetup(1, 8192, ActivationRecomputation.None, true)));
        Dense(8).Total.Should().Be(Dense(1).Total);
    }

    [Fact]
    public void The_layout_search_finds_layouts_that_fit_only_with_the_experts_sharded()
    {
        // Qwen3-30B-A3B on 16 H100 80 GB without a pipeline: replicated, 30.5B parameters need 4 bytes each of weights and
        // gradients (122 GB) before any optimizer state; with e = 8 the routed experts shrink to 1/8.
        var cluster = new StepTimeCluster(new TrainingCluster(AcceleratorCatalog.BuiltIn.Get("h100-sxm"), 16, Precision.Bf16), scaleOutBandwidth: ScalingAdvisor.Units.ByteRate.FromGigabytesPerSecond(50));
        var result = LayoutSearch.Search(Qwen3, cluster, new LayoutSearchOptions(512, 4096, Recomputation: ActivationRecomputation.Full, Best: 10_000));

        result.Best.Should().Contain(c => c.Prediction.Layout.PipelineParallel == 1 && c.Prediction.Layout.TensorParallel == 1 && c.Prediction.Layout.ExpertParallel >= 8);
        result.Best.Should().OnlyContain(c => c.Fits);
    }
}
