using ScalingAdvisor.Advice;
using ScalingAdvisor.Fitting;
using ScalingAdvisor.Footprint;
using ScalingAdvisor.Hardware;
using ScalingAdvisor.Laws;
using ScalingAdvisor.Performance;
using ScalingAdvisor.Units;
using static ScalingAdvisor.Tests.Fitting.FittingTestData;

namespace ScalingAdvisor.Tests.Advice;

public class AdvisorIntervalTests
{
    private static readonly ChinchillaLaw Law = AdviceFixture.Law;

    private static AdviceScenario Scenario(ILossLaw law, ScalingLimits limits, double minGain = 0.01) => AdviceFixture.Scenario(law, limits, minGain);

    [Fact]
    public void Refits_that_differ_only_in_E_move_the_loss_interval_by_the_percentiles_of_E_and_not_the_stop_budget()
    {
        // E does not enter the allocation (Hoffmann et al. 2022 eq. 4) nor the gain per doubling, and the day limit depends
        // only on C, so every refit stops at the same budget. With E_i = E + δ_i, δ_i = −0.1 + 0.01·i (i = 0..20), the 95%
        // type-7 percentiles of δ are at h = 20·0.025 = 0.5 and 19.5: −0.095 and +0.095.
        var samples = Enumerable.Range(0, 21)
            .Select(i => (ILossLaw)new ChinchillaLaw($"e{i}", Law.Source, new ChinchillaConstants(Law.E - 0.1 + (0.01 * i), Law.A, Law.B, Law.Alpha, Law.Beta)))
            .ToList();
        var scenario = Scenario(Law, new ScalingLimits { MaxDays = 90, CheckMemory = false }) with { Uncertainty = new LawUncertainty(samples, 0.95) };

        var result = Advisor.Advise(scenario);

        var point = result.Recommendation.Point!.Value;
        var interval = result.Interval!;
        interval.BudgetFlops.Low.Should().Be(point.Budget.Flops);
        interval.BudgetFlops.High.Should().Be(point.Budget.Flops);
        interval.Parameters.Low.Should().BeApproximately(point.Parameters.Count, 1e-9 * point.Parameters.Count);
        interval.Loss.Low.Should().BeApproximately(point.Loss - 0.095, 1e-9);
        interval.Loss.High.Should().BeApproximately(point.Loss + 0.095, 1e-9);
        interval.BoundCounts.Should().Equal(new Dictionary<StopBound, int> { [StopBound.MaxDays] = 21 });
        result.Findings.Should().Contain(f => f.Contains("bootstrap refits", StringComparison.Ordinal));
    }

    [Fact]
    public void A_bootstrapped_fit_gives_an_interval_that_brackets_the_point_recommendation()
    {
        var runs = new RunSet("runs.csv", Synthetic(0.01, seed: 5, sizes: 6, tokenCounts: 5));
        var options = new ChinchillaFitOptions { Starts = SparseGrid(9) };
        var fit = new ChinchillaFitter(options).Fit(runs.Runs);
        var bootstrap = ChinchillaBootstrap.Run(runs.Runs, fit, new BootstrapOptions { Resamples = 60, Seed = 3 }, options);
        bootstrap.Samples.Should().HaveCount(bootstrap.Resamples - bootstrap.FailedResamples);

        var scenario = Scenario(fit.Law, new ScalingLimits { CheckMemory = false }, minGain: 0.02) with
        {
            Uncertainty = LawUncertainty.From(bootstrap),
            StepsPerDoubling = 4,
        };
        var result = Advisor.Advise(scenario);

        var point = result.Recommendation.Point!.Value;
        var interval = result.Interval!;
        interval.Samples.Should().Be(bootstrap.Samples.Count);
        interval.BoundCounts.Values.Sum().Should().Be(interval.Samples);
        interval.BudgetFlops.Low.Should().BeLessOrEqualTo(interval.BudgetFlops.High);
        interval.Parameters.Low.Should().BeGreaterThan(0);
        interval.Loss.Estimate.Should().Be(point.Loss);
        interval.BudgetFlops.Estimate.Should().Be(point.Budget.Flops);
    }

    [Fact]
    public void Fewer_than_two_samples_are_rejected_naming_the_parameter()
    {
        var scenario = Scenario(Law, new ScalingLimits()) with { Uncertainty = new LawUncertainty([Law], 0.95) };
        var act = () => Advisor.Advise(scenario);
        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("Samples");
    }

    [Fact]
    public void Without_a_recommendation_there_is_no_interval()
    {
        var scenario = Scenario(Law, new ScalingLimits { MaxDays = 1e-9 }) with { Uncertainty = new LawUncertainty([Law, Law], 0.9) };
        var result = Advisor.Advise(scenario);
        result.Recommendation.Point.Should().BeNull();
        result.Interval.Should().BeNull();
    }
}
