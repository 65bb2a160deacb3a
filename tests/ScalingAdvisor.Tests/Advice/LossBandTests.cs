using ScalingAdvisor.Advice;
using ScalingAdvisor.Laws;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Tests.Advice;

/// <summary>The bootstrap bands the plots draw: of a fitted curve (<see cref="LawUncertainty.LossAt"/>) and of the loss frontier.</summary>
public class LossBandTests
{
    private static readonly ChinchillaLaw Law = AdviceFixture.Law;

    // Refits that differ only in E by δ_i = −0.1 + 0.01·i (i = 0..20): E adds to the loss everywhere and does not move the
    // allocation (Hoffmann et al. 2022 eq. 4), so the 95% type-7 percentiles of the loss are the estimate − 0.095 and + 0.095.
    private static LawUncertainty ShiftedE() => new(
        Enumerable.Range(0, 21)
            .Select(i => (ILossLaw)new ChinchillaLaw($"e{i}", Law.Source, new ChinchillaConstants(Law.E - 0.1 + (0.01 * i), Law.A, Law.B, Law.Alpha, Law.Beta)))
            .ToList(),
        0.95);

    [Fact]
    public void The_loss_interval_at_N_and_D_is_the_estimate_with_the_percentiles_of_the_refits()
    {
        var n = ParameterCount.FromCount(1e9);
        var d = TokenCount.FromCount(2e10);

        var interval = ShiftedE().LossAt(Law, n, d);

        double loss = Law.Loss(n, d);
        interval.Estimate.Should().Be(loss);
        interval.Low.Should().BeApproximately(loss - 0.095, 1e-12);
        interval.High.Should().BeApproximately(loss + 0.095, 1e-12);
    }

    [Fact]
    public void The_loss_interval_names_a_parameter_that_is_not_positive()
    {
        var act = () => ShiftedE().LossAt(Law, ParameterCount.FromCount(0), TokenCount.FromCount(1e9));
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("parameters");
    }

    [Fact]
    public void The_frontier_band_follows_every_budget_and_is_null_without_uncertainty()
    {
        var scenario = AdviceFixture.Scenario(Law, new ScalingLimits { MaxDays = 90, CheckMemory = false });
        Advisor.FrontierLossBand(Advisor.Advise(scenario)).Should().BeNull();

        var result = Advisor.Advise(scenario with { Uncertainty = ShiftedE() });
        var band = Advisor.FrontierLossBand(result)!;

        band.Should().HaveCount(result.Frontier.Count);
        for (int k = 0; k < band.Count; k++)
        {
            band[k].Estimate.Should().Be(result.Frontier[k].Loss);
            band[k].Low.Should().BeApproximately(result.Frontier[k].Loss - 0.095, 1e-9);
            band[k].High.Should().BeApproximately(result.Frontier[k].Loss + 0.095, 1e-9);
        }
    }
}
