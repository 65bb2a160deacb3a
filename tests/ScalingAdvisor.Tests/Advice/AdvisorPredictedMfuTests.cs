using ScalingAdvisor.Advice;
using ScalingAdvisor.Laws;
using ScalingAdvisor.Models;
using ScalingAdvisor.StepTime;

namespace ScalingAdvisor.Tests.Advice;

/// <summary>Issue 18: with <see cref="AdviceScenario.PredictMfu"/> each budget is priced at the step-time model's MFU.</summary>
public class AdvisorPredictedMfuTests
{
    private static readonly AdviceScenario Flat = AdviceFixture.Scenario(AdviceFixture.Law, new ScalingLimits { MaxDays = 90 });

    [Fact]
    public void Each_budget_is_priced_at_its_own_predicted_mfu()
    {
        var result = Advisor.Advise(Flat with { PredictMfu = true });
        var peak = Flat.Cluster.Accelerator.DensePeak(Flat.Cluster.Precision).FlopsPerSecond;
        result.Frontier.Should().OnlyContain(p => p.MfuPredicted);
        result.Frontier.Select(p => p.Mfu).Distinct().Should().HaveCountGreaterThan(5, "the MFU depends on the model size");
        foreach (var point in result.Frontier)
        {
            point.Mfu.Should().BeInRange(0.05, 0.9);
            double seconds = 6 * point.Parameters.Count * point.Tokens.Count / (Flat.Cluster.Devices * peak * point.Mfu);
            point.WallTime.TotalSeconds.Should().BeApproximately(seconds, seconds * 1e-9);
        }

        result.Findings.Should().Contain(f => f.Contains("predicted by the step-time model", StringComparison.Ordinal));
    }

    [Fact]
    public void The_predicted_mfu_is_the_step_time_models_for_the_nominal_shape_on_a_memory_check_layout()
    {
        var point = Advisor.Advise(Flat with { PredictMfu = true }).Frontier[10];
        var shape = NominalShape.For(point.Parameters).ToShape(Flat.Memory.SequenceLength);
        var candidates = new[] { 1, 2, 4, 8 }.Where(t => shape.Heads % t == 0).Select(t => PredictedEfficiency.Predict(shape, Flat.Cluster,
            new TrainingLayout(1024, PredictedEfficiency.GlobalBatch(Flat.Memory.SequenceLength, 1, 1024 / t), Flat.Memory.SequenceLength,
                tensorParallel: t, zeroStage: 3, sequenceParallel: true)).Prediction!.Mfu);
        candidates.Should().Contain(point.Mfu);
    }

    [Fact]
    public void Without_it_every_budget_keeps_the_flat_mfu()
    {
        var result = Advisor.Advise(Flat);
        result.Frontier.Should().OnlyContain(p => !p.MfuPredicted && p.Mfu == 0.4);
        result.Findings.Should().NotContain(f => f.Contains("step-time model", StringComparison.Ordinal));
    }
}
