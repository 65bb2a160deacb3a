using ScalingAdvisor.Fitting;
using static ScalingAdvisor.Tests.Fitting.FittingTestData;

namespace ScalingAdvisor.Tests.Fitting;

public class SaturatingPowerLawFitterTests
{
    // Tolerances scale with the noise σ of log L (plus a floor for the optimiser): E ± 10σ·E, γ ± 20σ·γ.
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.003)]
    public void Points_from_a_known_power_law_give_back_its_parameters(double sigma)
    {
        // A compute frontier like FORMULAS.md §8's: γ = αβ/(α+β) ≈ 0.18 for Besiroglu et al.'s α, β.
        const double e = 1.8, k = 2000.0, gamma = 0.18;
        var random = new Random(9);
        var x = Enumerable.Range(0, 30).Select(i => 1e17 * Math.Pow(10, i / 5.0)).ToArray();
        var loss = x.Select(v => (e + (k * Math.Pow(v, -gamma))) * Math.Exp(sigma * ((random.NextDouble() * 2) - 1) * Math.Sqrt(3))).ToArray();

        var fit = new SaturatingPowerLawFitter().Fit(x, loss, null, PowerLawAxis.Compute);

        fit.Law.Axis.Should().Be(PowerLawAxis.Compute);
        fit.Law.Gamma.Should().BeApproximately(gamma, (20 * sigma * gamma) + 1e-4);
        fit.Law.E.Should().BeApproximately(e, (10 * sigma * e) + 1e-4);
        fit.Convergence.Converged.Should().BeTrue();
        fit.StartsAtBest.Should().BeGreaterThan(0);
        fit.Diagnostics.WorstRuns.Should().NotBeEmpty();
    }

    [Fact]
    public void Runs_fit_along_one_axis()
    {
        // Along fixed tokens per parameter, loss against N is E + A/N^α + B/(20N)^β: not one power law, but close.
        var runs = Synthetic(0.0, seed: 1, sizes: 12, tokenCounts: 1);

        var fit = LawFitter.FitPowerLaw(runs, PowerLawAxis.Parameters);

        fit.Law.Gamma.Should().BeInRange(0.3, 0.4);
        fit.Diagnostics.LogRmse.Should().BeLessThan(0.01);
        fit.RunCount.Should().Be(12);
    }

    [Fact]
    public void Degenerate_inputs_are_refused()
    {
        var fitter = new SaturatingPowerLawFitter();

        ((Action)(() => fitter.Fit([1e18, 1e19], [3.0, 2.9], null, PowerLawAxis.Compute))).Should().Throw<ArgumentException>().WithMessage("*3 parameters*only 2 points*");
        ((Action)(() => fitter.Fit([1e18, 1e18, 1e18], [3.0, 2.9, 2.8], null, PowerLawAxis.Compute))).Should().Throw<ArgumentException>().WithMessage("*x must vary*");
        ((Action)(() => fitter.Fit([1e18, 1e19, 1e20], [3.0, double.NaN, 2.8], null, PowerLawAxis.Compute))).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*loss[1]*NaN*");
        ((Action)(() => fitter.Fit([1e18, 1e19, 1e20], [3.0, 2.9], null, PowerLawAxis.Compute))).Should().Throw<ArgumentException>().WithMessage("*should match*");
    }
}
