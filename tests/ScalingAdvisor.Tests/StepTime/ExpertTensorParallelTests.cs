using ScalingAdvisor.Compute;
using ScalingAdvisor.Hardware;
using ScalingAdvisor.Memory;
using ScalingAdvisor.Models;
using ScalingAdvisor.Performance;
using ScalingAdvisor.StepTime;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Tests.StepTime;

/// <summary>
/// Expert tensor parallelism t_e (Megatron-Core <c>expert_tensor_parallel_size</c>; MoE parallel folding, Liu et al.
/// 2025 §3): the routed experts' matrices split over t_e ranks instead of t, the expert layers folding a pipeline
/// stage's t·c·DP ranks into t_e·e·DP_e. Default t_e = t, which changes nothing.
/// </summary>
public class ExpertTensorParallelTests
{
    private static readonly TransformerShape DeepSeekV3 = ModelCatalog.BuiltIn.Get("deepseek-v3").Shape;
    private static readonly TransformerShape Qwen3 = ModelCatalog.BuiltIn.Get("qwen3-30b-a3b").Shape;
    private static readonly AcceleratorProfile H100 = AcceleratorCatalog.BuiltIn.Get("h100-sxm");

    private static TrainingMemoryEstimate Memory(int expertParallel, int? expertTensorParallel) => TrainingMemory.Estimate(
        DeepSeekV3,
        new TrainingSetup(
            OptimizerKind.AdamW,
            new ParallelLayout(256, 2, 8, 1, true, expertParallel, expertTensorParallel),
            new ActivationSetup(1, 4096, ActivationRecomputation.Full, true)));

    [Fact]
    public void The_32_node_DeepSeek_V3_recipe_is_enterable_as_published_and_holds_the_same_expert_shard()
    {
        // Megatron-Bridge deepseek_v3_pretrain_config_32nodes: 256 H100, TP 2, PP 8, EP 32, ETP 1. Each GPU holds 1/32 of
        // a stage's routed experts, unsplit, with one expert-data-parallel rank (256/(1·32·8) = 1): the same shard as
        // t_e = t = 2 with e = 16, the only way to enter it before.
        var recipe = new ParallelLayout(256, 2, 8, 1, true, 32, 1);
        recipe.ExpertDataParallel.Should().Be(1);
        var folded = Memory(32, 1);
        var equivalent = Memory(16, null);
        folded.ExpertStates.Bytes.Should().Be(equivalent.ExpertStates.Bytes);
        folded.Total.Bytes.Should().Be(equivalent.Total.Bytes);
        folded.ExpertStates.Bytes.Should().BeLessThan(Memory(16, 1).ExpertStates.Bytes, "at t_e 1 and e 16 each expert is whole and half as many are split off");
    }

    [Fact]
    public void The_default_expert_tensor_parallel_degree_is_t_and_changes_nothing()
    {
        new ParallelLayout(64, 4, 2, 1, true, 8).ExpertTensorParallel.Should().Be(4);
        Memory(16, 2).Total.Should().Be(Memory(16, null).Total);

        var cluster = new StepTimeCluster(new TrainingCluster(H100, 16));
        var implicitLayout = new TrainingLayout(16, 64, 4096, tensorParallel: 2, expertParallel: 4, zeroStage: 1);
        var explicitLayout = new TrainingLayout(16, 64, 4096, tensorParallel: 2, expertParallel: 4, zeroStage: 1, expertTensorParallel: 2);
        StepTimeModel.Predict(Qwen3, explicitLayout, cluster).Breakdown.Should().Be(StepTimeModel.Predict(Qwen3, implicitLayout, cluster).Breakdown);
    }

    [Fact]
    public void Layouts_refuse_an_expert_tensor_parallel_degree_that_breaks_the_folding_rules()
    {
        FluentActions.Invoking(() => new ParallelLayout(64, 4, 2, 1, true, 8, 3)).Should().Throw<ArgumentException>().WithParameterName("expertTensorParallel");
        FluentActions.Invoking(() => new TrainingLayout(16, 64, 4096, tensorParallel: 4, expertTensorParallel: 3))
            .Should().Throw<ArgumentException>().WithParameterName("expertTensorParallel");

        // t·c·DP = 2·1·8 = 16 ranks per stage: e·t_e = 32 does not divide them; e = 16 at t_e = 1 does (e > DP is fine then).
        FluentActions.Invoking(() => new TrainingLayout(16, 64, 4096, tensorParallel: 2, expertParallel: 32, expertTensorParallel: 1))
            .Should().Throw<ArgumentException>().WithParameterName("expertParallel");
        new TrainingLayout(16, 64, 4096, tensorParallel: 2, expertParallel: 16, expertTensorParallel: 1).ExpertParallel.Should().Be(16);
    }

    [Fact]
    public void Below_t_the_expert_GEMMs_are_split_t_e_ways_and_the_all_to_all_still_carries_the_sequence_parallel_shard()
    {
        // Qwen3-30B-A3B on 16 H100, TP 2, EP 4, all within a node's NVLink at both t_e: per device the expert FLOPs are the
        // same (half the experts' tokens at full width or all at half width). Megatron-Core's all-to-all dispatcher sends a
        // device's n/t sequence-parallel tokens whatever t_e (the expert TP gather follows the all-to-all), so the
        // all-to-all is the same at t_e = 1 as at t_e = t = 2.
        var cluster = new StepTimeCluster(new TrainingCluster(H100, 16));
        StepTimePrediction At(int te) => StepTimeModel.Predict(
            Qwen3, new TrainingLayout(16, 64, 4096, tensorParallel: 2, expertParallel: 4, zeroStage: 1, expertTensorParallel: te), cluster);
        var two = At(2);
        var one = At(1);
        one.Breakdown.ExpertParallelCommunication.TotalSeconds.Should().BeGreaterThan(0)
            .And.Be(two.Breakdown.ExpertParallelCommunication.TotalSeconds);
        one.Breakdown.FeedForward.TotalSeconds.Should().BeApproximately(two.Breakdown.FeedForward.TotalSeconds, 0.25 * two.Breakdown.FeedForward.TotalSeconds);
    }

    [Fact]
    public void An_expert_group_strided_by_t_e_stays_on_NVLink_when_t_e_times_e_ranks_fit_a_node()
    {
        // Megatron-Core's expert RankGenerator (tp = t_e, cp = 1) puts an expert group's members t_e ranks apart: at TP 2,
        // t_e 1, EP 8 the group is 8 consecutive ranks, one node, so the network's bandwidth does not matter; at t_e 2 it
        // spans 16 ranks, two nodes, and the off-node share crosses the network.
        StepTimePrediction At(int te, double networkGigabytesPerSecond) => StepTimeModel.Predict(
            Qwen3,
            new TrainingLayout(16, 64, 4096, tensorParallel: 2, expertParallel: 8, zeroStage: 1, expertTensorParallel: te),
            new StepTimeCluster(new TrainingCluster(H100, 16), scaleOutBandwidth: ByteRate.FromGigabytesPerSecond(networkGigabytesPerSecond)));
        double Exposed(int te, double network) => At(te, network).Breakdown.ExpertParallelCommunication.TotalSeconds;
        Exposed(1, 6).Should().Be(Exposed(1, 50));
        Exposed(2, 6).Should().BeGreaterThan(2 * Exposed(2, 50));
    }

    [Fact]
    public void The_expert_gradients_cross_the_network_when_the_expert_data_parallel_group_spans_nodes()
    {
        // Review of issue 18: Qwen3-30B-A3B on 16 H100 (8 a node), TP 1, EP 8, DP 16: the expert data-parallel group is 2
        // ranks t_e·e = 8 apart, one in each node, so the routed experts' gradients (reduce-scatter) and parameters
        // (all-gather) all cross the network. The last layer's bucket of each is never hidden: at least X/(L·B) seconds for
        // X bytes of expert gradients per device over a 2-rank ring at B bytes/s (each moves X/2). Counting the members
        // t·c = 1 apart put both in one node, on NVLink.
        const double network = 5e9;
        var layout = new TrainingLayout(16, 64, 4096, expertParallel: 8, zeroStage: 1);
        var cluster = new StepTimeCluster(new TrainingCluster(H100, 16), scaleOutBandwidth: ByteRate.FromBytesPerSecond(network), devicesPerNode: 8);
        double expertBytes = 2.0 * Qwen3.Layers * Qwen3.Experts * ParameterCounter.FeedForwardWeightsPerExpert(Qwen3) / 8;
        StepTimeModel.Predict(Qwen3, layout, cluster).Breakdown.DataParallelCommunication.TotalSeconds
            .Should().BeGreaterThan(expertBytes / (Qwen3.Layers * network));
    }

    [Fact]
    public void The_DeepSeek_V3_recipe_layout_is_timed()
    {
        var cluster = new StepTimeCluster(new TrainingCluster(H100, 256));
        var layout = new TrainingLayout(256, 8192, 4096, tensorParallel: 2, pipelineParallel: 8, expertParallel: 32, recomputation: ActivationRecomputation.Full, zeroStage: 1, expertTensorParallel: 1);
        var prediction = StepTimeModel.Predict(DeepSeekV3, layout, cluster);
        prediction.Mfu.Should().BeInRange(0.01, 0.9);
        prediction.Layout.ExpertTensorParallel.Should().Be(1);
    }
}
