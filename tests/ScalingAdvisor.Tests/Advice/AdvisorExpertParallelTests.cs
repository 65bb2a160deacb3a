using ScalingAdvisor.Advice;
using ScalingAdvisor.Laws;
using ScalingAdvisor.Models;
using ScalingAdvisor.StepTime;

namespace ScalingAdvisor.Tests.Advice;

/// <summary>
/// Issue 18 leftover: with a mixture-of-experts law (Krajewski et al. 2024) advise times each budget's nominal shape as
/// a mixture of experts and lays its experts out with expert parallelism, instead of timing a dense shape.
/// </summary>
public class AdvisorExpertParallelTests
{
    private static readonly MixtureOfExpertsLaw Moe = ScalingLaws.Krajewski2024;

    private static readonly AdviceScenario Predicted = AdviceFixture.Scenario(Moe, new ScalingLimits { MaxDays = 30 }) with { PredictMfu = true };

    [Fact]
    public void The_nominal_shape_of_a_mixture_of_experts_law_holds_the_laws_total_parameters()
    {
        // Krajewski et al. 2024 §6.1: N_act = 12·d²·L and N_total = (8E + 4)·d²·L, 43× at E = 64 (G = 1: E experts of the
        // dense feed-forward width, one routed per token).
        var nominal = NominalShape.ForUnchecked(1e10, NominalShape.DefaultAspectRatio);
        var shape = MemoryCheck.Default.PredictionShape(nominal, Moe);
        var dense = nominal.ToShape(MemoryCheck.Default.SequenceLength);
        (shape.Experts, shape.ActiveExperts, shape.ExpertWidth).Should().Be((64, 1, dense.FeedForwardWidth));
        var counts = ParameterCounter.Count(shape);
        (counts.NonEmbedding.Count / counts.ActiveNonEmbedding.Count).Should().BeApproximately(43, 0.5);
        MemoryCheck.Default.PredictionShape(nominal, AdviceFixture.Law).Should().Be(dense, "a dense law keeps the dense shape");
    }

    [Fact]
    public void Each_budget_takes_the_fastest_expert_parallel_degree()
    {
        // 7.58e10 active parameters: 73 heads, so t = 1; all 1,024 GPUs are data parallel and e ranges over 1–64.
        const double N = 7.58e10;
        var cluster = Predicted.Cluster;
        var shape = Predicted.Memory.PredictionShape(NominalShape.ForUnchecked(N, NominalShape.DefaultAspectRatio), Moe);
        shape.Heads.Should().Be(73);
        var (mfu, e) = Predicted.Memory.PredictedMfu(N, N * Moe.StoredPerCountedParameter, cluster, Moe);

        double At(int degree) => PredictedEfficiency.Predict(shape, cluster, Predicted.Memory.PredictionLayout(1024, 1, degree)).Prediction!.Mfu;
        e.Should().NotBeNull().And.BeGreaterThan(1);
        mfu.Should().Be(new[] { 1, 2, 4, 8, 16, 32, 64 }.Max(At));
        mfu.Should().BeGreaterThan(5 * At(1), "replicated experts all-gather 43× the active weights under ZeRO-3");
    }

    [Fact]
    public void The_recommendation_reports_its_expert_parallel_degree_and_a_dense_law_none()
    {
        Advisor.Advise(Predicted).Recommendation.Point!.Value.ExpertParallel.Should().BeGreaterThan(1);
        Advisor.Advise(AdviceFixture.Scenario(AdviceFixture.Law, new ScalingLimits { MaxDays = 30 }) with { PredictMfu = true })
            .Recommendation.Point!.Value.ExpertParallel.Should().BeNull();
        Advisor.Advise(AdviceFixture.Scenario(Moe, new ScalingLimits { MaxDays = 30 })).Recommendation.Point!.Value.ExpertParallel
            .Should().BeNull("the MFU was not predicted");
    }
}
