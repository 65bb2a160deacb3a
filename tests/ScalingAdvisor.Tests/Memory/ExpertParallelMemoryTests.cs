using ScalingAdvisor.Compute;
using ScalingAdvisor.Hardware;
using ScalingAdvisor.Memory;
using ScalingAdvisor.Models;
using ScalingAdvisor.Performance;
using ScalingAdvisor.StepTime;
using ScalingAdvisor.Tests.StepTime;
using ScalingAdvisor.Units;

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
    // DeepSeek-V3 (arXiv:2412.19437 §4.2, config.json): 61 layers, the first 3 dense, each of the other 58 with 256 routed
    // experts of 3·7168·2048 weights.
    private static readonly TransformerShape DeepSeekV3 = ModelCatalog.BuiltIn.Get("deepseek-v3").Shape;
    private const double DeepSeekRoutedPerLayer = 256.0 * 3 * 7168 * 2048;

    private static TrainingMemoryEstimate DeepSeek(int gpus, int pipeline, int expertParallel, int zero = 0) => TrainingMemory.Estimate(
        DeepSeekV3,
        new TrainingSetup(OptimizerKind.AdamW, new ParallelLayout(gpus, 1, pipeline, zero, expertParallel: expertParallel), new ActivationSetup(1, 4096, ActivationRecomputation.Full, true)));

    [Fact]
    public void Expert_states_are_the_routed_experts_share_and_shrink_by_e()
    {
        // Qwen3-30B-A3B, ZeRO 0: the expert states per GPU are 16 bytes × 24 layers' routed experts / e; the rest is dense.
        double expertsPerStage = 24.0 * 128 * 3 * 2048 * 768;
        foreach (int e in new[] { 1, 2, 4, 8 })
        {
            var estimate = Estimate(e, zero: 0);
            estimate.ExpertStates.Bytes.Should().BeApproximately(16 * expertsPerStage / e, 1, $"e = {e}");
            (estimate.ExpertStates + estimate.DenseStates).Bytes.Should().BeApproximately(estimate.ModelStates.Bytes, 1);
            estimate.DenseStates.Bytes.Should().BeApproximately(Estimate(1, zero: 0).DenseStates.Bytes, 1);
        }
    }

    [Fact]
    public void Only_the_expert_layers_of_DeepSeek_V3_hold_routed_experts()
    {
        // All 61 layers on one stage, e = 8, ZeRO 0: 2 bytes of weights for the 58·256 routed experts over 8 ranks and for
        // everything else in full. Counting routed experts on the 3 dense layers too (as before) overstates the expert
        // share by 3·256 experts.
        double total = ParameterCounter.Count(DeepSeekV3).Total.Count;
        double routed = 58 * DeepSeekRoutedPerLayer;
        var estimate = DeepSeek(gpus: 8, pipeline: 1, expertParallel: 8);
        estimate.Weights.Bytes.Should().BeApproximately(2 * ((total - routed) + (routed / 8)), 1e3);
        estimate.ExpertStates.Bytes.Should().BeApproximately(16 * routed / 8, 1e3);
    }

    [Fact]
    public void The_stage_of_DeepSeek_V3s_dense_first_layers_holds_no_experts_for_them()
    {
        // PP 16 over 61 layers: stage 0 holds layers 0–3 (3 dense, 1 expert layer) and the embedding, stage 1 four expert
        // layers, so stage 1 holds about 3·11.3B more parameters than stage 0. The stages still sum to the model.
        var stages = TrainingMemory.Stages(DeepSeekV3, 16);
        double perLayer = (stages[1].Parameters.Count - stages[0].Parameters.Count + (129280.0 * 7168)) / 3;
        perLayer.Should().BeGreaterThan(DeepSeekRoutedPerLayer * 0.95).And.BeLessThan(DeepSeekRoutedPerLayer * 1.05);
        stages.Sum(s => s.Parameters.Count).Should().BeApproximately(ParameterCounter.Count(DeepSeekV3).Total.Count, 1e3);
    }

    [Fact]
    public void An_expert_parallel_degree_that_does_not_divide_the_experts_is_refused()
    {
        var refused = () => Estimate(3);
        refused.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("expertParallel");
    }

    [Fact]
    public void Expert_parallelism_without_a_shape_is_refused()
    {
        var setup = new TrainingSetup(OptimizerKind.AdamW, new ParallelLayout(16, zeroStage: 1, expertParallel: 8), new ActivationSetup(1, 4096, ActivationRecomputation.Full, true));
        var refused = () => TrainingMemory.Estimate(ParameterCount.FromCount(30e9), setup);
        refused.Should().Throw<ArgumentException>().WithMessage("*needs the model's shape*");
    }
}
