using ScalingAdvisor.Compute;
using ScalingAdvisor.Hardware;
using ScalingAdvisor.Models;
using ScalingAdvisor.Performance;
using ScalingAdvisor.StepTime;

namespace ScalingAdvisor.Tests.StepTime;

/// <summary>The mixture-of-experts terms of the step-time model (issue 18, row 8 of TRAINING-THROUGHPUT.md).</summary>
public class MixtureOfExpertsStepTimeTests
{
    private static readonly AcceleratorProfile H100 = AcceleratorCatalog.BuiltIn.Get("h100-sxm");

    private static StepTimeCluster Cluster(int gpus) => new(new TrainingCluster(H100, gpus, Precision.Fp8), scaleOutBandwidth: ScalingAdvisor.Units.ByteRate.FromGigabytesPerSecond(50));

    private static TrainingLayout Row8Layout(int expertParallel = 8) =>
        new(16, 512, 4096, pipelineParallel: 2, virtualStages: 24, expertParallel: expertParallel, microBatchSize: 2, recomputation: ActivationRecomputation.None);

    [Fact]
    public void The_busiest_expert_rank_matches_a_simulation_of_random_routing_the_benchmarks_force()
    {
        // Megatron-Core moe_router_force_load_balancing routes with random logits: each of e ranks sends n·k assignments,
        // each to a uniformly chosen rank. Simulated (seeded) mean of max load ÷ mean load against the binomial formula.
        const int ranks = 8, perRank = 512, trials = 2000;
        var random = new Random(18);
        double sum = 0;
        var load = new int[ranks];
        for (int trial = 0; trial < trials; trial++)
        {
            Array.Clear(load);
            for (int i = 0; i < ranks * perRank; i++)
            {
                load[random.Next(ranks)]++;
            }

            sum += load.Max() / (double)perRank;
        }

        double simulated = sum / trials;
        StepTimeModel.BusiestExpertRank(perRank, ranks).Should().BeApproximately(simulated, 0.006);
        StepTimeModel.BusiestExpertRank(perRank, ranks).Should().BeGreaterThan(1.04);
        StepTimeModel.BusiestExpertRank(8192 * 8, 1).Should().Be(1);
    }

    [Fact]
    public void Each_local_expert_pays_its_own_GEMM_launch_as_Transformer_Engine_runs_one_cuBLAS_GEMM_per_expert()
    {
        // 16 local experts × (2 forward + 4 backward GEMMs) launches per layer and micro-batch, not 6.
        var shape = PublishedRuns.Qwen3Moe30B();
        var layout = Row8Layout();
        var with = StepTimeModel.Predict(shape, layout, Cluster(16));
        var without = StepTimeModel.Predict(shape, layout, Cluster(16), StepTimeAssumptions.Default with { KernelOverheadSeconds = 0 });

        double launches = (with.Breakdown.FeedForward - without.Breakdown.FeedForward).TotalSeconds / StepTimeAssumptions.DefaultKernelOverheadSeconds;
        double perLayerAndMicroBatch = launches / (layout.MicroBatches * with.SlowestStageLayers);
        perLayerAndMicroBatch.Should().BeApproximately(16 * 6 * StepTimeModel.BusiestExpertRank(8192 * 8, 8), 0.01);
    }

    [Fact]
    public void The_all_to_all_dispatcher_resorts_tokens_by_local_expert_only_when_a_rank_holds_more_than_one()
    {
        // 8 experts on 8 ranks hold one each (no sort); 16 on 8 hold two (sort_chunks_by_idxs before and after the experts):
        // 4·k·d elements of 2 bytes per token forward, twice that backward, at 0.8 of the HBM peak.
        var one = PublishedRuns.Qwen3Moe30B() with { Experts = 8 };
        var two = one with { Experts = 16 };
        var layout = Row8Layout();
        var a = StepTimeModel.Predict(one, layout, Cluster(16));
        var b = StepTimeModel.Predict(two, layout, Cluster(16));

        double tokens = 2.0 * 4096;
        double bytes = 3 * tokens * 4 * 8 * 2048 * 2;
        double expected = layout.MicroBatches * a.SlowestStageLayers * bytes / (H100.MemoryBandwidth.BytesPerSecond * StepTimeAssumptions.DefaultMemoryEfficiency);
        (b.Breakdown.ElementWise - a.Breakdown.ElementWise).TotalSeconds.Should().BeApproximately(expected, 1e-6 * expected);
    }

    [Fact]
    public void With_sequence_parallelism_the_router_sees_only_the_device_s_n_over_t_shard()
    {
        // Review of issue 18: Megatron-Core's MoELayer routes its input, the [s/t, b, h] sequence-parallel shard. Going from
        // TP 1 to TP 2 on 8 H100 at a fixed batch doubles each device's micro-batches, but halves the tokens each routes:
        // the router's FLOPs per step stay the same and only its kernel launches double, so its time grows well short of
        // the 2× that routing all n tokens on every tensor-parallel rank gives.
        var shape = ModelCatalog.BuiltIn.Get("qwen3-30b-a3b").Shape;
        double Router(int t) => StepTimeModel.Predict(
            shape, new TrainingLayout(8, 64, 4096, tensorParallel: t, expertParallel: 8 / t, zeroStage: 1), Cluster(8)).Breakdown.Router.TotalSeconds;
        Router(2).Should().BeLessThan(1.75 * Router(1));
    }

    [Fact]
    public void Dense_models_pay_no_expert_terms()
    {
        var shape = ModelCatalog.BuiltIn.Get("llama-3-8b").Shape;
        var layout = new TrainingLayout(8, 128, 8192, recomputation: ActivationRecomputation.None, zeroStage: 3);
        var prediction = StepTimeModel.Predict(shape, layout, Cluster(8));
        prediction.Breakdown.Router.TotalSeconds.Should().Be(0);
        prediction.Breakdown.ExpertParallelCommunication.TotalSeconds.Should().Be(0);
    }

    [Fact]
    public void Routed_experts_run_at_their_own_width_not_the_dense_feed_forward_width()
    {
        // Qwen/Qwen3-30B-A3B config.json: intermediate_size 6144 (unused: every layer is a mixture of experts),
        // moe_intermediate_size 768. The catalog preset says so; the step time must not depend on the unused dense width.
        var preset = ModelCatalog.BuiltIn.Get("qwen3-30b-a3b").Shape;
        preset.FeedForwardWidth.Should().Be(6144);
        preset.ExpertWidth.Should().Be(768);
        var expertsOnly = PublishedRuns.Qwen3Moe30B();
        var asPublished = expertsOnly with { FeedForwardWidth = 6144, ExpertWidth = 768 };
        var layout = Row8Layout();

        var a = StepTimeModel.Predict(expertsOnly, layout, Cluster(16));
        var b = StepTimeModel.Predict(asPublished, layout, Cluster(16));
        b.StepTime.TotalSeconds.Should().BeApproximately(a.StepTime.TotalSeconds, 1e-9 * a.StepTime.TotalSeconds);
        b.Mfu.Should().BeApproximately(a.Mfu, 1e-9);

        // The preset (which adds per-head QK-norm weights) predicts what the calibration shape does.
        StepTimeModel.Predict(preset, layout, Cluster(16)).Mfu.Should().BeApproximately(a.Mfu, 0.01 * a.Mfu);
    }

    [Fact]
    public void Shared_experts_run_as_one_MLP_of_their_summed_width_on_every_local_token()
    {
        // Megatron-Core SharedExpertMLP: one MLP of moe_shared_expert_intermediate_size = shared experts × width, on all
        // n local tokens before the dispatch (DeepSeekMoE, Dai et al. 2024 §3.2: every token passes the shared experts).
        var none = PublishedRuns.Qwen3Moe30B();
        var four = none with { SharedExperts = 4, SharedExpertWidth = 768 };
        var one = none with { SharedExperts = 1, SharedExpertWidth = 3072 };
        var layout = Row8Layout();
        var withoutShared = StepTimeModel.Predict(none, layout, Cluster(16));
        var withFour = StepTimeModel.Predict(four, layout, Cluster(16));
        var withOne = StepTimeModel.Predict(one, layout, Cluster(16));

        withFour.Breakdown.FeedForward.TotalSeconds.Should().BeApproximately(withOne.Breakdown.FeedForward.TotalSeconds, 1e-9);

        // Its 3 GEMMs of 2·n·d·3072 FLOPs forward (×3 with the backward) cannot run faster than the fp8 peak.
        double n = 2.0 * 4096;
        double floor = layout.MicroBatches * withoutShared.SlowestStageLayers * 3 * 3 * 2 * n * 2048 * 3072 / H100.DensePeak(Precision.Fp8).FlopsPerSecond;
        (withFour.Breakdown.FeedForward - withoutShared.Breakdown.FeedForward).TotalSeconds.Should().BeGreaterThan(floor);
        (withFour.Breakdown.FeedForward - withoutShared.Breakdown.FeedForward).TotalSeconds.Should().BeLessThan(3 * floor);
    }
}
