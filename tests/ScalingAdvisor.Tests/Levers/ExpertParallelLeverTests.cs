using ScalingAdvisor.Footprint;
using ScalingAdvisor.Hardware;
using ScalingAdvisor.Levers;
using ScalingAdvisor.Memory;
using ScalingAdvisor.Models;
using ScalingAdvisor.Performance;
using ScalingAdvisor.StepTime;

namespace ScalingAdvisor.Tests.Levers;

/// <summary>
/// Issue 18 leftovers: <c>levers</c> lays a mixture-of-experts model out with expert parallelism (the routed experts
/// split over the data-parallel ranks, Megatron-Core MoE parallel folding, Liu et al. 2025 §3; DeepSpeed-MoE §4.1), and
/// every lever that rebuilds the layout keeps e.
/// </summary>
public class ExpertParallelLeverTests
{
    // Qwen3-30B-A3B (config.json): 48 layers × 128 routed experts × 3·2048·768 weights each = 28.99B routed-expert weights.
    private const double RoutedExpertWeights = 48.0 * 128 * 3 * 2048 * 768;

    private static readonly TransformerShape Qwen3 = ModelCatalog.BuiltIn.Get("qwen3-30b-a3b").Shape;

    private static LeverScenario Scenario(int gpus = 16, TrainingEfficiency? efficiency = null) => LeverScenario.Create(
        Qwen3,
        new TrainingCluster(AcceleratorCatalog.BuiltIn.Get("h100-sxm"), gpus),
        FootprintAssumptions.ForRegion(RegionCatalog.BuiltIn.Get("world")),
        efficiency: efficiency);

    private static ParallelLayout Replicated(ParallelLayout layout)
        => new(layout.Gpus, layout.TensorParallel, layout.PipelineParallel, layout.ZeroStage, layout.SequenceParallel);

    [Fact]
    public void The_baseline_splits_the_routed_experts_over_the_data_parallel_ranks_and_then_fits()
    {
        var scenario = Scenario();
        var layout = scenario.Training.Layout;
        layout.ExpertParallel.Should().BeGreaterThan(1).And.Match(e => 128 % e == 0 && layout.DataParallel % e == 0);

        var split = ScenarioOutcome.Evaluate(scenario).TrainingMemory;
        var replicated = TrainingMemory.Estimate(Qwen3, scenario.Training with { Layout = Replicated(layout) }, scenario.Cluster.Accelerator.Memory);

        // ZeRO-1: weights and gradients (2 + 2 bytes) of the routed experts shrink by (1 − 1/e); the 12 bytes of optimizer
        // state are sharded over N_d either way (N_d/e expert-data-parallel ranks of E/e experts each).
        (replicated.Total - split.Total).Bytes.Should().BeApproximately(4 * RoutedExpertWeights * (1 - (1.0 / layout.ExpertParallel)), 1);
        replicated.Fit!.Fits.Should().BeFalse("replicated, the experts' 16-bit weights and gradients alone are 116 GB per GPU");
        split.Fit!.Fits.Should().BeTrue();
    }

    [Fact]
    public void The_baseline_takes_the_fastest_expert_parallel_degree_that_fits()
    {
        var scenario = Scenario();
        var chosen = scenario.Training.Layout;
        double Mfu(int e)
        {
            var layout = new ParallelLayout(16, 1, 1, chosen.ZeroStage, chosen.SequenceParallel, e);
            return PredictedEfficiency.Predict(Qwen3, scenario.Cluster, scenario.StepTimeLayout(layout)).Prediction!.Mfu;
        }

        bool Fits(int e) => TrainingMemory.Estimate(
            Qwen3, scenario.Training with { Layout = new ParallelLayout(16, 1, 1, chosen.ZeroStage, chosen.SequenceParallel, e) }, scenario.Cluster.Accelerator.Memory).Fit!.Fits;

        int[] fitting = [.. new[] { 1, 2, 4, 8, 16 }.Where(Fits)];
        fitting.Should().Contain(chosen.ExpertParallel);
        fitting.Max(Mfu).Should().Be(Mfu(chosen.ExpertParallel));
    }

    [Fact]
    public void A_dense_model_keeps_e_1()
    {
        LeverFixture.Scenario().Training.Layout.ExpertParallel.Should().Be(1);
        ParallelLayoutSearch.Candidates(LeverFixture.Scenario()).Should().OnlyContain(c => c.ExpertParallel == 1);
    }

    [Fact]
    public void The_layout_search_splits_the_experts_of_each_candidate_so_fewer_model_parallel_GPUs_fit()
    {
        var scenario = Scenario();
        var candidates = ParallelLayoutSearch.Candidates(scenario);
        candidates.Should().Contain(c => c.ExpertParallel > 1);
        candidates.Should().OnlyContain(c => 128 % c.ExpertParallel == 0 && (16 / (c.TensorParallel * c.PipelineParallel)) % c.ExpertParallel == 0);

        // Replicated experts need TP 4 (53 GB) before a layout fits; split over the data-parallel ranks, TP 1 × PP 2 does.
        var lever = ParallelLayoutSearch.Levers(scenario)[0];
        lever.Why.Should().Be("fewest GPUs per replica that fits");
        (lever.TensorParallel * lever.PipelineParallel).Should().Be(2);
        lever.ExpertParallel.Should().BeGreaterThan(1);
        lever.Name.Should().Contain($"EP {lever.ExpertParallel}");
    }

    [Fact]
    public void The_layout_lever_uses_its_expert_parallel_degree()
    {
        var scenario = Scenario();
        var lever = new ParallelLayoutLever(1, 2, "test", expertParallel: 8);
        var row = lever.Evaluate(ScenarioOutcome.Evaluate(scenario));
        var expected = TrainingMemory.Estimate(Qwen3, scenario.Training with { Layout = new ParallelLayout(16, 1, 2, 1, false, 8) });
        row.TrainingMemoryPerGpu!.Lever.Bytes.Should().Be(expected.Total.Bytes);
    }

    [Fact]
    public void The_ZeRO_lever_keeps_the_baselines_expert_parallel_degree()
    {
        // ZeRO-2 leaves weights unsharded, so losing e would add the routed experts' weights back (2 bytes × (1 − 1/e)).
        var scenario = Scenario();
        var layout = scenario.Training.Layout;
        var row = new ZeroStageLever(2).Evaluate(ScenarioOutcome.Evaluate(scenario));
        var expected = TrainingMemory.Estimate(Qwen3, scenario.Training with
        {
            Layout = new ParallelLayout(layout.Gpus, layout.TensorParallel, layout.PipelineParallel, 2, layout.SequenceParallel, layout.ExpertParallel),
        });
        row.TrainingMemoryPerGpu!.Lever.Bytes.Should().Be(expected.Total.Bytes);
    }

    [Fact]
    public void More_devices_keep_the_expert_parallel_degree()
    {
        var scenario = Scenario();
        scenario.WithDevices(32).Training.Layout.ExpertParallel.Should().Be(scenario.Training.Layout.ExpertParallel);
    }
}
