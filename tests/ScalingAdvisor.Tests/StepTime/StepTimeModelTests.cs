using ScalingAdvisor.Compute;
using ScalingAdvisor.Hardware;
using ScalingAdvisor.Models;
using ScalingAdvisor.Performance;
using ScalingAdvisor.StepTime;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Tests.StepTime;

public class StepTimeModelTests
{
    private static readonly TransformerShape Llama405B = ModelCatalog.BuiltIn.Get("llama-3.1-405b").Shape;
    private static readonly AcceleratorProfile H100 = AcceleratorCatalog.BuiltIn.Get("h100-sxm");

    private static StepTimeCluster Cluster(int gpus) => new(new TrainingCluster(H100, gpus), scaleOutBandwidth: ByteRate.FromGigabytesPerSecond(50));

    [Fact]
    public void Llama3_405B_bubble_is_15_over_8_times_32_of_the_micro_batches_as_Dubey_2024_section_3_3_2_states()
    {
        // Dubey et al. 2024 §3.3.2: bubble (PP − 1)/(V·M) = 15/(8·32) = 5.9% with 126 layers on 16 stages.
        var layout = new TrainingLayout(8192, 2048, 8192, tensorParallel: 8, pipelineParallel: 16, virtualStages: 8, recomputation: ActivationRecomputation.None);
        var prediction = StepTimeModel.Predict(Llama405B, layout, Cluster(8192));

        layout.MicroBatches.Should().Be(32);
        prediction.SlowestStageLayers.Should().Be(8, "126 layers on 16 stages: 14 stages of 8, 2 of 7");
        var b = prediction.Breakdown;
        var microBatches = b.Total - b.PipelineBubble - b.DataParallelCommunication - b.OptimizerStep - b.Stragglers;
        (b.PipelineBubble / microBatches).Should().BeApproximately(15.0 / (8 * 32), 1e-9);
    }

    [Fact]
    public void Interleaving_shrinks_the_bubble_and_multiplies_the_point_to_point_traffic()
    {
        var plain = StepTimeModel.Predict(Llama405B, new TrainingLayout(8192, 2048, 8192, tensorParallel: 8, pipelineParallel: 16, recomputation: ActivationRecomputation.None), Cluster(8192));
        var interleaved = StepTimeModel.Predict(Llama405B, new TrainingLayout(8192, 2048, 8192, tensorParallel: 8, pipelineParallel: 16, virtualStages: 8, recomputation: ActivationRecomputation.None), Cluster(8192));

        interleaved.Breakdown.PipelineBubble.Should().BeLessThan(plain.Breakdown.PipelineBubble * 0.2);
        (interleaved.Breakdown.PipelinePointToPoint / plain.Breakdown.PipelinePointToPoint).Should().BeApproximately(8, 0.5);
        interleaved.Mfu.Should().BeGreaterThan(plain.Mfu);
    }

    [Fact]
    public void Full_recomputation_costs_about_a_third_more_GEMM_time_and_lowers_MFU()
    {
        // Narayanan et al. 2021 eq. 3: full recomputation turns 72 into 96, i.e. one more forward pass (+33%).
        var shape = ModelCatalog.BuiltIn.Get("llama-2-7b").Shape;
        var none = StepTimeModel.Predict(shape, new TrainingLayout(64, 512, 4096, recomputation: ActivationRecomputation.None), Cluster(64));
        var full = StepTimeModel.Predict(shape, new TrainingLayout(64, 512, 4096, recomputation: ActivationRecomputation.Full), Cluster(64));

        (full.Breakdown.Recomputation / (none.Breakdown.AttentionProjections + none.Breakdown.FeedForward)).Should().BeInRange(0.3, 0.45);
        full.Mfu.Should().BeLessThan(none.Mfu * 0.8);
    }

    [Fact]
    public void Fused_attention_runs_at_FlashAttention_2s_35_percent_on_H100_and_60_percent_on_A100()
    {
        // Shah et al. 2024 (FlashAttention-3), abstract: "FlashAttention-2 achieving only 35% utilization on the H100 GPU";
        // Dao 2023 §4.1: 50–73% forward, up to 63% backward on A100.
        FusedAttentionEfficiency.Of(H100).Should().Be(0.35);
        FusedAttentionEfficiency.Of(AcceleratorCatalog.BuiltIn.Get("b200")).Should().Be(0.35);
        FusedAttentionEfficiency.Of(AcceleratorCatalog.BuiltIn.Get("a100-80gb")).Should().Be(0.6);

        // The device's share is what the model uses unless the caller gives one: attention takes 0.6 / 0.35 as long.
        var shape = ModelCatalog.BuiltIn.Get("llama-2-7b").Shape;
        var layout = new TrainingLayout(8, 64, 32768, tensorParallel: 8, recomputation: ActivationRecomputation.None);
        var device = StepTimeModel.Predict(shape, layout, Cluster(8)).Breakdown.Attention;
        var given = StepTimeModel.Predict(shape, layout, Cluster(8), StepTimeAssumptions.Default with { AttentionEfficiency = 0.6 }).Breakdown.Attention;
        (device / given).Should().BeApproximately(0.6 / 0.35, 0.01, "only the per-kernel launch overhead does not scale");
    }

    [Fact]
    public void Overlapping_the_tensor_parallel_collectives_with_their_GEMMs_leaves_one_chunk_in_t_exposed()
    {
        // Wang et al. 2023 (ASPLOS '23) §3 / Transformer Engine userbuffers: the all-gather and reduce-scatter are split into
        // t chunks and all but one travel under the GEMM; Llama 3 70B on 8 H100s (TP 8, s 8192) has GEMMs longer than them.
        var shape = ModelCatalog.BuiltIn.Get("llama-3-70b").Shape;
        var serial = new TrainingLayout(64, 128, 8192, tensorParallel: 8, pipelineParallel: 8, recomputation: ActivationRecomputation.None);
        var plain = StepTimeModel.Predict(shape, serial, Cluster(64));
        var overlapped = StepTimeModel.Predict(shape, serial with { TensorParallelOverlap = true }, Cluster(64));
        var noSequenceParallel = new TrainingLayout(64, 128, 8192, tensorParallel: 8, pipelineParallel: 8, recomputation: ActivationRecomputation.None, sequenceParallel: false);

        overlapped.Breakdown.TensorParallelCommunication.TotalSeconds.Should().BeApproximately(plain.Breakdown.TensorParallelCommunication.TotalSeconds / 8, 1e-9);
        overlapped.Mfu.Should().BeGreaterThan(plain.Mfu);
        StepTimeModel.Predict(shape, noSequenceParallel with { TensorParallelOverlap = true }, Cluster(64)).Mfu
            .Should().Be(StepTimeModel.Predict(shape, noSequenceParallel, Cluster(64)).Mfu, "the overlap needs sequence parallelism's all-gather and reduce-scatter");
    }

    [Fact]
    public void Tensor_parallel_communication_is_zero_without_tensor_parallelism_and_grows_with_it()
    {
        var shape = ModelCatalog.BuiltIn.Get("llama-2-70b").Shape;
        var t1 = StepTimeModel.Predict(shape, new TrainingLayout(64, 512, 4096, pipelineParallel: 8), Cluster(64));
        var t8 = StepTimeModel.Predict(shape, new TrainingLayout(64, 512, 4096, tensorParallel: 8), Cluster(64));

        t1.Breakdown.TensorParallelCommunication.Should().Be(Duration.Zero);
        t8.Breakdown.TensorParallelCommunication.Should().BeGreaterThan(Duration.Zero);
    }

    [Fact]
    public void A_layout_that_does_not_divide_the_heads_is_refused_with_the_reason()
    {
        var layout = new TrainingLayout(24, 24, 4096, tensorParallel: 3);
        StepTimeModel.Unsupported(Llama405B, layout, Cluster(24)).Should().Contain("tensor parallel 3");
        var act = () => StepTimeModel.Predict(Llama405B, layout, Cluster(24));
        act.Should().Throw<ArgumentException>().WithParameterName("layout");
    }

    [Fact]
    public void A_layout_across_nodes_without_a_network_bandwidth_is_refused()
    {
        // A user's device with a scale-up fabric but no published network.
        var device = new AcceleratorProfile(
            "lab-gpu", "Lab GPU", "Lab", new Dictionary<Precision, FlopRate> { [Precision.Bf16] = FlopRate.FromTeraflopsPerSecond(1000) },
            ByteSize.FromGibibytes(80), ByteRate.FromTerabytesPerSecond(3), fabric: new AcceleratorFabric(ByteRate.FromGigabytesPerSecond(450), null, 8));
        var cluster = new StepTimeCluster(new TrainingCluster(device, 16));
        var act = () => StepTimeModel.Predict(ModelCatalog.BuiltIn.Get("llama-2-7b").Shape, new TrainingLayout(16, 64, 4096), cluster);
        act.Should().Throw<ArgumentException>().WithParameterName("cluster");
    }

    [Fact]
    public void Wall_time_is_the_steps_for_the_tokens_times_the_step_time()
    {
        var prediction = StepTimeModel.Predict(ModelCatalog.BuiltIn.Get("llama-2-7b").Shape, new TrainingLayout(64, 512, 4096), Cluster(64));
        prediction.WallTime(TokenCount.FromCount(1e12)).TotalSeconds.Should().BeApproximately(1e12 / (512.0 * 4096) * prediction.StepTime.TotalSeconds, 1e-6);
    }

    [Fact]
    public void The_slowest_of_many_devices_lags_more_than_the_slowest_of_few()
    {
        StepTimeModel.SlowestOf(1).Should().Be(0);
        StepTimeModel.SlowestOf(8).Should().BeApproximately(1.42, 0.03, "the expected maximum of 8 standard normals is 1.42");
        StepTimeModel.SlowestOf(8192).Should().BeGreaterThan(3.5);
    }
}
