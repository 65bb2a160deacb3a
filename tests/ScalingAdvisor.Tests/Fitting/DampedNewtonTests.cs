using ScalingAdvisor.Fitting;
using static ScalingAdvisor.Tests.Fitting.FittingTestData;

namespace ScalingAdvisor.Tests.Fitting;

public class DampedNewtonTests
{
    // Rosenbrock's function 100·(y − x²)² + (1 − x)², minimum 0 at (1, 1); the standard start (−1.2, 1) (Moré, Garbow and
    // Hillstrom 1981, "Testing unconstrained optimization software", problem 1), and (0, 2), where the Hessian is indefinite.
    private static double Rosenbrock(ReadOnlySpan<double> t, Span<double> g, Span<double> h)
    {
        double x = t[0], y = t[1];
        g[0] = (-400 * x * (y - (x * x))) - (2 * (1 - x));
        g[1] = 200 * (y - (x * x));
        h[0] = 1200 * x * x - (400 * y) + 2;
        h[1] = h[2] = -400 * x;
        h[3] = 200;
        return (100 * (y - (x * x)) * (y - (x * x))) + ((1 - x) * (1 - x));
    }

    [Theory]
    [InlineData(-1.2, 1.0)]
    [InlineData(0.0, 2.0)]
    public void Rosenbrocks_valley_is_followed_to_its_minimum(double x0, double y0)
    {
        double[] x = [x0, y0];

        var outcome = new DampedNewton(2, Rosenbrock).Minimize(x, 200, 1e-10, 0);

        outcome.Termination.Should().Be(FitTermination.GradientTolerance);
        x[0].Should().BeApproximately(1, 1e-8);
        x[1].Should().BeApproximately(1, 1e-8);
        outcome.Evaluations.Should().BeLessThan(100, "Newton's method with damping needs a few dozen steps on this problem");
    }

    [Fact]
    public void A_start_where_the_objective_is_not_finite_is_reported()
    {
        double[] x = [double.NaN, 1];

        var outcome = new DampedNewton(2, Rosenbrock).Minimize(x, 100, 1e-10, 0);

        outcome.Termination.Should().Be(FitTermination.NonFiniteObjective);
        outcome.Value.Should().Be(double.PositiveInfinity);
    }

    // The same starts minimised by L-BFGS (Hoffmann et al.'s method) and by damped Newton, with and without the
    // single-precision approach, reach the same best objective.
    [Fact]
    public void From_the_same_starts_damped_Newton_reaches_the_best_objective_that_LBFGS_reaches()
    {
        var runs = Synthetic(0.01, seed: 21, sizes: 6, tokenCounts: 5);
        var objective = ChinchillaFitter.CreateObjective(runs, null, 1e-3);
        var starts = SparseGrid(11).Select(p => new[] { p.LogE, p.LogA, p.LogB, p.Alpha, p.Beta }).ToArray();
        var settings = new ChinchillaFitOptions().Settings;

        var lbfgs = Multistart.Run(objective, starts, settings);
        var newton = Multistart.RunNewton(objective, starts, settings, singlePrecisionApproach: false);
        var mixed = Multistart.RunNewton(objective, starts, settings, singlePrecisionApproach: true);

        newton.Best.Value.Should().BeApproximately(lbfgs.Best.Value, 1e-9 * lbfgs.Best.Value);
        mixed.Best.Value.Should().BeApproximately(lbfgs.Best.Value, 1e-9 * lbfgs.Best.Value, "the single-precision approach is finished in double precision");
        for (int k = 0; k < 5; k++)
        {
            newton.Theta[k].Should().BeApproximately(lbfgs.Theta[k], 1e-3 * Math.Max(1, Math.Abs(lbfgs.Theta[k])), $"parameter {k}");
        }
    }
}
