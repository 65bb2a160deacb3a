using ScalingAdvisor.Footprint;
using ScalingAdvisor.Hardware;
using ScalingAdvisor.Levers;
using ScalingAdvisor.Performance;
using ScalingAdvisor.StepTime;

namespace ScalingAdvisor.Tests.Levers;

/// <summary>
/// The 2×-GPU lever (issue 18 leftover): with a predicted baseline MFU it re-predicts the MFU for the doubled cluster
/// with the step-time model (same shape, layout and global batch), as the fp8 lever does; a given MFU is kept.
/// </summary>
public class LargerClusterLeverTests
{
    private static LeverScenario Predicted(LeverScenario baseline)
    {
        var layout = baseline.StepTimeLayout(baseline.Training.Layout);
        double mfu = PredictedEfficiency.Predict(baseline.Shape, baseline.Cluster, layout).Prediction!.Mfu;
        return baseline with { Efficiency = TrainingEfficiency.FromMfu(mfu), PredictedMfuLayout = layout };
    }

    [Fact]
    public void With_a_predicted_baseline_the_doubled_cluster_runs_at_its_own_predicted_MFU()
    {
        var baseline = Predicted(LeverFixture.Scenario(flashAttention: true));
        var layout = baseline.PredictedMfuLayout!;
        var row = new LargerClusterLever().Evaluate(ScenarioOutcome.Evaluate(baseline));

        // The same global batch (1,024 sequences of 4,096 tokens) over 16 data-parallel ranks: half the micro-batches per
        // rank to hide the gradient reduction behind, over a larger ring.
        var doubled = new TrainingLayout(16, layout.GlobalBatchSize, layout.SequenceLength, microBatchSize: layout.MicroBatchSize,
            recomputation: layout.Recomputation, flashAttention: layout.FlashAttention, zeroStage: layout.ZeroStage, sequenceParallel: layout.SequenceParallel);
        double mfu16 = PredictedEfficiency.Predict(baseline.Shape, new TrainingCluster(baseline.Cluster.Accelerator, 16), doubled).Prediction!.Mfu;
        double mfu8 = baseline.Efficiency.Mfu!.Value;

        mfu16.Should().BeLessThan(mfu8);
        double ratio = row.TrainingTime!.Lever.TotalSeconds / row.TrainingTime.Baseline.TotalSeconds;
        ratio.Should().BeApproximately(0.5 * mfu8 / mfu16, 1e-9);
        row.Energy!.RelativeChange!.Value.Should().BeApproximately((mfu8 / mfu16) - 1, 1e-9, "GPU-hours grow as the MFU falls");
        row.Note.Should().Contain("predicted by the step-time model for the same layout and global batch");
    }

    [Fact]
    public void A_given_MFU_is_kept_and_the_note_says_so()
    {
        var row = new LargerClusterLever().Evaluate(ScenarioOutcome.Evaluate(LeverFixture.Scenario()));
        (row.TrainingTime!.Lever.TotalSeconds / row.TrainingTime.Baseline.TotalSeconds).Should().BeApproximately(0.5, 1e-12);
        row.Note.Should().Contain("the MFU was given, so it is kept");
    }

    [Fact]
    public void A_mixture_of_experts_baseline_keeps_its_expert_parallel_degree_in_the_re_prediction()
    {
        var baseline = Predicted(LeverScenario.Create(
            ScalingAdvisor.Models.ModelCatalog.BuiltIn.Get("qwen3-30b-a3b").Shape,
            new TrainingCluster(AcceleratorCatalog.BuiltIn.Get("h100-sxm"), 16),
            FootprintAssumptions.ForRegion(RegionCatalog.BuiltIn.Get("world"))));
        int e = baseline.Training.Layout.ExpertParallel;
        e.Should().BeGreaterThan(1);
        var row = new LargerClusterLever().Evaluate(ScenarioOutcome.Evaluate(baseline));
        var layout = baseline.PredictedMfuLayout!;
        var doubled = new TrainingLayout(32, layout.GlobalBatchSize, layout.SequenceLength, expertParallel: e, microBatchSize: layout.MicroBatchSize,
            recomputation: layout.Recomputation, flashAttention: layout.FlashAttention, zeroStage: layout.ZeroStage, sequenceParallel: layout.SequenceParallel);
        double mfu32 = PredictedEfficiency.Predict(baseline.Shape, new TrainingCluster(baseline.Cluster.Accelerator, 32), doubled).Prediction!.Mfu;
        (row.TrainingTime!.Lever.TotalSeconds / row.TrainingTime.Baseline.TotalSeconds).Should().BeApproximately(0.5 * baseline.Efficiency.Mfu!.Value / mfu32, 1e-9);
    }
}
