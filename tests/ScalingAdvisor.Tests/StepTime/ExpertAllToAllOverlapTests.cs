using ScalingAdvisor.Compute;
using ScalingAdvisor.Hardware;
using ScalingAdvisor.Performance;
using ScalingAdvisor.StepTime;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Tests.StepTime;

/// <summary>
/// Large mixture-of-experts runs (issue 18): leading dense layers priced as dense, the expert all-to-all split between the
/// scale-up and scale-out links, and Megatron-Core's EP A2A overlap.
/// </summary>
public class ExpertAllToAllOverlapTests
{
    private static readonly AcceleratorProfile H100 = AcceleratorCatalog.BuiltIn.Get("h100-sxm");

    private static StepTimeCluster Cluster(int gpus, int? devicesPerNode = null)
        => new(new TrainingCluster(H100, gpus, Precision.Fp8), scaleOutBandwidth: ByteRate.FromGigabytesPerSecond(50), devicesPerNode: devicesPerNode);

    private static TrainingLayout Layout(int gpus, int p = 1, int e = 8, int t = 1, bool overlap = false) =>
        new(gpus, 8 * gpus / (t * p), 4096, tensorParallel: t, pipelineParallel: p, expertParallel: e, recomputation: ActivationRecomputation.None,
            expertAllToAllOverlap: overlap);

    [Fact]
    public void Leading_dense_layers_pay_no_router_and_no_all_to_all()
    {
        // Qwen3-30B-A3B's 48 layers with the first 12 dense (FirstDenseLayers, DeepSeek's first_k_dense_replace): on one
        // stage the router and all-to-all times are 36/48 of the all-expert model's.
        var experts = PublishedRuns.Qwen3Moe30B();
        var mixed = experts with { FirstDenseLayers = 12 };
        var all = StepTimeModel.Predict(experts, Layout(8), Cluster(8));
        var some = StepTimeModel.Predict(mixed, Layout(8), Cluster(8));

        some.Breakdown.Router.TotalSeconds.Should().BeApproximately(all.Breakdown.Router.TotalSeconds * 36 / 48, 1e-9);
        some.Breakdown.ExpertParallelCommunication.TotalSeconds.Should().BeApproximately(all.Breakdown.ExpertParallelCommunication.TotalSeconds * 36 / 48, 1e-9);
    }

    [Fact]
    public void The_slowest_pipeline_stage_is_the_one_without_the_dense_layers()
    {
        // Two stages of 24 layers; the first 12 dense layers all sit on stage 0, so stage 1 (all expert layers, and the
        // output layer) sets the step: its all-to-all is the all-expert model's.
        var experts = PublishedRuns.Qwen3Moe30B();
        var mixed = experts with { FirstDenseLayers = 12 };
        var all = StepTimeModel.Predict(experts, Layout(16, p: 2), Cluster(16));
        var some = StepTimeModel.Predict(mixed, Layout(16, p: 2), Cluster(16));

        some.SlowestStageLayers.Should().Be(24);
        some.Breakdown.ExpertParallelCommunication.TotalSeconds.Should().BeApproximately(all.Breakdown.ExpertParallelCommunication.TotalSeconds, 1e-9);
        some.Breakdown.OutputLayer.TotalSeconds.Should().BeGreaterThan(0);
    }

    [Fact]
    public void A_dense_layer_holds_its_feed_forward_block_as_data_parallel_state_not_as_experts()
    {
        // 8 GPUs, e = 8, ZeRO 1: the experts' data-parallel group is 8/8 = 1 rank, so each device updates its 16 local
        // experts unsharded, while dense state is sharded over the 8 ranks. Making 12 layers dense swaps, per layer,
        // 16 experts and the router's 1/8 for the dense FFN's 1/8: the optimizer step (28 bytes per parameter over HBM at
        // 0.8) shrinks by exactly that.
        var experts = PublishedRuns.Qwen3Moe30B();
        var mixed = experts with { FirstDenseLayers = 12 };
        var layout = new TrainingLayout(8, 64, 4096, expertParallel: 8, recomputation: ActivationRecomputation.None, zeroStage: 1);
        var all = StepTimeModel.Predict(experts, layout, Cluster(8));
        var some = StepTimeModel.Predict(mixed, layout, Cluster(8));

        double ffn = ScalingAdvisor.Models.ParameterCounter.FeedForwardWeights(experts, 768);
        double perLayer = (16 * ffn) + (2048.0 * 128 / 8) - (ffn / 8);
        double expected = 28 * 12 * perLayer / (H100.MemoryBandwidth.BytesPerSecond * StepTimeAssumptions.DefaultMemoryEfficiency);
        (all.Breakdown.OptimizerStep - some.Breakdown.OptimizerStep).TotalSeconds.Should().BeApproximately(expected, expected * 1e-9);
    }

    [Fact]
    public void Only_the_off_node_share_of_an_expert_group_crosses_the_network()
    {
        // e = 16 over two 8-GPU nodes (t = 1): 8/16 of each send buffer leaves the node, not 15/16. With one device per
        // node every peer is remote. The transfer terms scale as 8/15 (latency aside).
        var shape = PublishedRuns.Qwen3Moe30B();
        var twoNodes = StepTimeModel.Predict(shape, Layout(16, e: 16), Cluster(16));
        var allRemote = StepTimeModel.Predict(shape, Layout(16, e: 16), Cluster(16, devicesPerNode: 1));

        double ratio = twoNodes.Breakdown.ExpertParallelCommunication / allRemote.Breakdown.ExpertParallelCommunication;
        ratio.Should().BeApproximately(8.0 / 15, 0.04);   // the per-step latency does not scale
    }

    [Fact]
    public void With_tensor_parallelism_the_dispatcher_sends_its_sequence_parallel_shard()
    {
        // Megatron-Core's MoE layer input under sequence parallelism is [s/t, b, h]: at t = 2 each rank dispatches half the
        // tokens. Same EP group placement (t·e = 16 over two nodes) with and without sequence parallelism.
        var shape = PublishedRuns.Qwen3Moe30B();
        var sharded = new TrainingLayout(32, 64, 4096, tensorParallel: 2, expertParallel: 8, recomputation: ActivationRecomputation.None);
        var withSp = StepTimeModel.Predict(shape, sharded, Cluster(32));
        var withoutSp = StepTimeModel.Predict(shape, new TrainingLayout(32, 64, 4096, tensorParallel: 2, expertParallel: 8, recomputation: ActivationRecomputation.None, sequenceParallel: false), Cluster(32));

        (withSp.Breakdown.ExpertParallelCommunication / withoutSp.Breakdown.ExpertParallelCommunication).Should().BeApproximately(0.5, 0.04);   // latency aside
    }

    [Fact]
    public void The_overlap_hides_the_all_to_all_behind_the_adjacent_micro_batch_up_to_its_compute()
    {
        var shape = PublishedRuns.Qwen3Moe30B();

        // Inside one node the all-to-all over NVLink is shorter than a layer's compute: hidden entirely.
        var inNode = StepTimeModel.Predict(shape, Layout(8, overlap: true), Cluster(8));
        StepTimeModel.Predict(shape, Layout(8), Cluster(8)).Breakdown.ExpertParallelCommunication.TotalSeconds.Should().BeGreaterThan(0);
        inNode.Breakdown.ExpertParallelCommunication.TotalSeconds.Should().Be(0);

        // Over a 6 GB/s network it is longer than the compute: the excess stays, and the hidden part is at most the layers'
        // compute, and the step shrinks by at least that much (the straggler wait scales with it).
        var slow = new StepTimeCluster(new TrainingCluster(H100, 64, Precision.Fp8), scaleOutBandwidth: ByteRate.FromGigabytesPerSecond(6));
        var exposed = StepTimeModel.Predict(shape, Layout(64, e: 64), slow);
        var hidden = StepTimeModel.Predict(shape, Layout(64, e: 64, overlap: true), slow);
        double saved = (exposed.Breakdown.ExpertParallelCommunication - hidden.Breakdown.ExpertParallelCommunication).TotalSeconds;
        var b = exposed.Breakdown;
        double compute = (b.AttentionProjections + b.FeedForward + b.Router + b.Attention + b.ElementWise).TotalSeconds;
        hidden.Breakdown.ExpertParallelCommunication.TotalSeconds.Should().BeGreaterThan(0);
        saved.Should().BeGreaterThan(0).And.BeLessThanOrEqualTo(compute * 1.0000001);
        (exposed.StepTime - hidden.StepTime).TotalSeconds.Should().BeGreaterThan(saved);
    }

    [Fact]
    public void The_overlap_changes_nothing_for_a_dense_model()
    {
        var shape = ScalingAdvisor.Models.ModelCatalog.BuiltIn.Get("llama-3-8b").Shape;
        var off = new TrainingLayout(8, 64, 4096, recomputation: ActivationRecomputation.None);
        var on = new TrainingLayout(8, 64, 4096, recomputation: ActivationRecomputation.None, expertAllToAllOverlap: true);
        StepTimeModel.Predict(shape, on, Cluster(8)).StepTime.Should().Be(StepTimeModel.Predict(shape, off, Cluster(8)).StepTime);
    }
}
