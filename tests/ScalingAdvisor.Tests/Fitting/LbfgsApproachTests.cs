using ScalingAdvisor.Fitting;
using static ScalingAdvisor.Tests.Fitting.FittingTestData;

namespace ScalingAdvisor.Tests.Fitting;

public class LbfgsApproachTests
{
    // The grid fit's L-BFGS with the single-precision approach reaches the best objective of L-BFGS in double precision
    // throughout, and what it reports is the double-precision objective at the point it returns.
    [Fact]
    public void LBFGS_with_a_single_precision_approach_reaches_the_double_precision_best_and_reports_its_double_value()
    {
        var runs = Synthetic(0.01, seed: 21, sizes: 6, tokenCounts: 5);
        var objective = ChinchillaFitter.CreateObjective(runs, null, 1e-3);
        var starts = SparseGrid(11).Select(p => new[] { p.LogE, p.LogA, p.LogB, p.Alpha, p.Beta }).ToArray();
        var settings = new ChinchillaFitOptions().Settings;

        var plain = Multistart.Run(objective, starts, settings);
        var mixed = Multistart.RunWithSinglePrecisionApproach(objective, starts, settings);

        mixed.Best.Value.Should().BeApproximately(plain.Best.Value, 1e-12 * plain.Best.Value);
        for (int k = 0; k < 5; k++)
        {
            mixed.Theta[k].Should().BeApproximately(plain.Theta[k], 1e-4 * Math.Max(1, Math.Abs(plain.Theta[k])), $"parameter {k}");
        }

        mixed.Best.Value.Should().Be(objective.EvaluateWithoutHessian(mixed.Theta, new double[5], objective.CreateHessianWorkspace()));
        mixed.StartsAtBest.Should().BeInRange(1, starts.Length);
    }
}
