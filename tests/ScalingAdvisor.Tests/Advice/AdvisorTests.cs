using ScalingAdvisor.Advice;
using ScalingAdvisor.Footprint;
using ScalingAdvisor.Hardware;
using ScalingAdvisor.Laws;
using ScalingAdvisor.Performance;
using FsCheck;
using FsCheck.Fluent;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Tests.Advice;

public class AdvisorTests
{
    private static readonly ChinchillaLaw Law = (ChinchillaLaw)LawCatalog.Get("besiroglu2024").Law;

    private static AdviceScenario Scenario(ScalingLimits limits, double minGain = 0.01) => new(
        Law,
        new TrainingCluster(AcceleratorCatalog.BuiltIn.Get("h100-sxm"), 1024),
        TrainingEfficiency.FromMfu(0.4),
        new FootprintAssumptions(CarbonIntensity.FromKilogramsPerKilowattHour(0.385), 1.1, 1.0, Money.FromUsd(2)),
        limits)
    { MinGainNats = minGain };

    [Fact]
    public void Diminishing_returns_stop_where_the_closed_form_gain_falls_below_the_minimum()
    {
        // FORMULAS.md §8: along the frontier L(C) = E + k·C^(−γ); the gain of a doubling at C is
        // L(C) − L(2C), computed here from the closed-form optimum (Hoffmann et al. 2022 App. D.2).
        var result = Advisor.Advise(Scenario(new ScalingLimits { CheckMemory = false }, minGain: 0.02));
        result.Recommendation.BoundBy.Should().Be(StopBound.DiminishingReturns);
        var c = result.Recommendation.Point!.Budget;
        double gain = Law.OptimalLoss(c) - Law.OptimalLoss(c * 2);
        gain.Should().BeLessThan(0.02);
        // The budget before it still bought at least the minimum gain.
        double previousGain = Law.OptimalLoss(c / 2) - Law.OptimalLoss(c);
        previousGain.Should().BeGreaterOrEqualTo(0.02);
    }

    [Fact]
    public void A_day_limit_stops_at_the_last_budget_within_it()
    {
        // Wall days = C / (1024 · 989e12 FLOP/s · 0.4) / 86400 (Narayanan et al. 2021 eq. 4 with MFU):
        // 2.1e24 FLOPs → 60 days; the next doubling, 120 days, breaks a 90-day limit.
        var result = Advisor.Advise(Scenario(new ScalingLimits { MaxDays = 90 }, minGain: 1e-6));
        result.Recommendation.BoundBy.Should().Be(StopBound.MaxDays);
        var days = result.Recommendation.Point!.WallTime.TotalDays;
        days.Should().BeLessOrEqualTo(90).And.BeGreaterThan(45);
        result.Recommendation.Reason.Should().Contain("90-day limit");
    }

    [Fact]
    public void A_target_loss_stops_at_the_first_budget_that_reaches_it()
    {
        var result = Advisor.Advise(Scenario(new ScalingLimits { TargetLoss = 2.1, CheckMemory = false }, minGain: 1e-6));
        result.Recommendation.BoundBy.Should().Be(StopBound.TargetLoss);
        var c = result.Recommendation.Point!.Budget;
        Law.OptimalLoss(c).Should().BeLessOrEqualTo(2.1);
        Law.OptimalLoss(c / 2).Should().BeGreaterThan(2.1);
    }

    [Fact]
    public void A_cost_limit_below_the_first_budget_gives_no_recommendation_with_a_reason()
    {
        var result = Advisor.Advise(Scenario(new ScalingLimits { MaxCost = Money.FromUsd(0.01) }));
        result.Recommendation.Point.Should().BeNull();
        result.Recommendation.BoundBy.Should().Be(StopBound.MaxCost);
        result.Recommendation.Reason.Should().Contain("smallest budget");
    }

    [Fact]
    public void The_data_limit_binds_when_tokens_exceed_four_epochs_of_unique_data()
    {
        var unique = TokenCount.FromCount(1e11);
        var result = Advisor.Advise(Scenario(new ScalingLimits { UniqueTokens = unique, CheckMemory = false }, minGain: 1e-6));
        result.Recommendation.BoundBy.Should().Be(StopBound.Data);
        result.Recommendation.Point!.Tokens.Count.Should().BeLessOrEqualTo(4 * unique.Count);
    }

    [Fact]
    public void A_looser_day_limit_never_lowers_the_recommendation()
    {
        double previous = 0;
        foreach (double days in new[] { 1.0, 10, 30, 90, 365 })
        {
            var c = Advisor.Advise(Scenario(new ScalingLimits { MaxDays = days, CheckMemory = false }, 1e-6)).Recommendation.Point!.Budget.Flops;
            c.Should().BeGreaterOrEqualTo(previous);
            previous = c;
        }
    }

    [Fact]
    public void From_at_or_above_to_is_rejected()
    {
        var act = () => Advisor.Advise(Scenario(new ScalingLimits()) with { From = FlopCount.FromFlops(1e27), To = FlopCount.FromFlops(1e20) });
        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Memory_binds_on_a_small_cluster_of_small_gpus()
    {
        // 16 bytes/param (ZeRO §3) fully sharded over 8 L4s (24 GB each): at most 8·24e9/16 = 1.2e10 parameters.
        var scenario = Scenario(new ScalingLimits(), minGain: 1e-6) with
        {
            Cluster = new TrainingCluster(AcceleratorCatalog.BuiltIn.Get("l4"), 8),
        };
        var result = Advisor.Advise(scenario);
        result.Recommendation.BoundBy.Should().Be(StopBound.Memory);
        double limit = 8 * AcceleratorCatalog.BuiltIn.Get("l4").Memory.Bytes / 16;
        result.Recommendation.Point!.Parameters.Count.Should().BeLessOrEqualTo(limit);
        result.Frontier[result.RecommendedIndex!.Value + 1].Parameters.Count.Should().BeGreaterThan(limit);
    }

    [Fact]
    public void With_no_binding_limit_the_sweep_ends_at_its_last_budget()
    {
        var scenario = Scenario(new ScalingLimits { CheckMemory = false }, minGain: 1e-9) with { To = FlopCount.FromFlops(1e21) };
        var result = Advisor.Advise(scenario);
        result.Recommendation.BoundBy.Should().Be(StopBound.SweepEnd);
        result.RecommendedIndex.Should().Be(result.Frontier.Count - 1);
    }

    [Fact]
    public void Property_a_higher_minimum_gain_never_raises_the_recommendation()
    {
        FsCheck.Fluent.Prop.ForAll(
            FsCheck.Fluent.Gen.Choose(1, 200).ToArbitrary(),
            FsCheck.Fluent.Gen.Choose(1, 200).ToArbitrary(),
            (a, b) =>
            {
                double low = Math.Min(a, b) / 1000.0, high = Math.Max(a, b) / 1000.0;
                var atLow = Advisor.Advise(Scenario(new ScalingLimits { CheckMemory = false }, low)).Recommendation.Point!.Budget;
                var atHigh = Advisor.Advise(Scenario(new ScalingLimits { CheckMemory = false }, high)).Recommendation.Point!.Budget;
                return atHigh <= atLow;
            }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Property_a_looser_cost_limit_never_lowers_the_recommendation()
    {
        FsCheck.Fluent.Prop.ForAll(
            FsCheck.Fluent.Gen.Choose(3, 9).ToArbitrary(),
            FsCheck.Fluent.Gen.Choose(3, 9).ToArbitrary(),
            (a, b) =>
            {
                double tight = Math.Pow(10, Math.Min(a, b)), loose = Math.Pow(10, Math.Max(a, b));
                var atTight = Advisor.Advise(Scenario(new ScalingLimits { MaxCost = Money.FromUsd(tight), CheckMemory = false }, 1e-6)).Recommendation.Point;
                var atLoose = Advisor.Advise(Scenario(new ScalingLimits { MaxCost = Money.FromUsd(loose), CheckMemory = false }, 1e-6)).Recommendation.Point;
                return atTight is null || (atLoose is not null && atLoose.Budget >= atTight.Budget);
            }).QuickCheckThrowOnFailure();
    }
}
