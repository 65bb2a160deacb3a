using ScalingAdvisor.Advice;
using ScalingAdvisor.Laws;
using ScalingAdvisor.Tasks;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Tests.Advice;

public class AdvisorTaskGoalTests
{
    private static readonly ChinchillaLaw Law = AdviceFixture.Law;
    private static readonly TaskLaw Hellaswag = TaskLawCatalog.Get("ladder2024", "hellaswag");

    private static AdviceScenario Scenario(double minGainPoints) => AdviceFixture.Scenario(Law, new ScalingLimits { CheckMemory = false }, minGain: 1e-9)
        with { Task = new TaskGoal(Hellaswag, minGainPoints) };

    [Fact]
    public void With_a_task_goal_the_sweep_stops_where_a_doubling_buys_fewer_accuracy_points_than_the_minimum()
    {
        var result = Advisor.Advise(Scenario(minGainPoints: 1.0));

        // Without the goal, 1e-9 nats would never stop it before the sweep's end: the stop is the points rule.
        result.Recommendation.BoundBy.Should().Be(StopBound.DiminishingReturns);
        result.Recommendation.Reason.Should().Contain("accuracy points on hellaswag").And.Contain("nats");
        int k = result.RecommendedIndex!.Value;
        var point = result.Frontier[k];
        var next = result.Frontier[k + 1];
        double gain = Hellaswag.Predict(next.Parameters, next.Tokens).AccuracyPoints - Hellaswag.Predict(point.Parameters, point.Tokens).AccuracyPoints;
        gain.Should().BeLessThan(1.0);
        result.GainPointsNextDoubling(k).Should().BeApproximately(gain, 1e-12);
        var previous = result.Frontier[k - 1];
        (Hellaswag.Predict(point.Parameters, point.Tokens).AccuracyPoints - Hellaswag.Predict(previous.Parameters, previous.Tokens).AccuracyPoints)
            .Should().BeGreaterThanOrEqualTo(1.0);
        result.TaskPredictions.Should().HaveCount(result.Frontier.Count);
        result.Findings.Should().Contain(f => f.Contains("hellaswag", StringComparison.Ordinal));
    }

    [Fact]
    public void A_larger_minimum_gain_in_points_stops_earlier()
    {
        var loose = Advisor.Advise(Scenario(0.2)).Recommendation.Point!.Value.Budget;
        var strict = Advisor.Advise(Scenario(2.0)).Recommendation.Point!.Value.Budget;

        strict.Should().BeLessThan(loose);
    }

    [Fact]
    public void Without_a_task_goal_there_are_no_task_predictions()
    {
        var result = Advisor.Advise(AdviceFixture.Scenario(Law, new ScalingLimits { CheckMemory = false }));

        result.TaskPredictions.Should().BeNull();
        result.GainPointsNextDoubling(0).Should().BeNull();
    }

    [Fact]
    public void A_non_positive_minimum_gain_in_points_is_refused_by_name()
    {
        FluentActions.Invoking(() => Advisor.Advise(Scenario(0)))
            .Should().Throw<ArgumentOutOfRangeException>().WithParameterName("MinGainPoints");
    }
}
