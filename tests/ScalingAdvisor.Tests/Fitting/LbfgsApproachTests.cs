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

    // Grid start 5 of the 240 Chinchilla runs: its single-precision approach stops on a plateau at ~26× the best objective
    // (one iteration lowers f by < 1e-5 there), yet the start reaches the best. The double-precision finish hands it back
    // to the approach while it still makes large decreases, so most of its evaluations are single precision, and it
    // still ends at the best objective, evaluated in double precision.
    [ChinchillaDataFact]
    public void The_double_precision_finish_hands_a_start_that_stopped_on_a_plateau_back_to_the_single_precision_approach()
    {
        var objective = ChinchillaFitter.CreateObjective(ChinchillaRuns().Runs, null, 1e-3);
        var workspace = objective.CreateHessianWorkspace();
        var phases = new List<char>();
        var minimizer = new Lbfgs(
            objective.ParameterCount,
            (theta, gradient) => { phases.Add('d'); return objective.EvaluateWithoutHessian(theta, gradient, workspace); },
            approach: (theta, gradient) => { phases.Add('s'); return objective.EvaluateWithoutHessianSingle(theta, gradient, workspace); });
        double[] theta = ChinchillaLogParameters.HoffmannGrid[5].ToVector();
        var settings = new ChinchillaFitOptions().Settings;

        var outcome = minimizer.Minimize(theta, settings.MaxIterations, settings.GradientTolerance, settings.RelativeTolerance);

        outcome.Value.Should().BeApproximately(0.0010182740178006, 1e-9 * 0.0010182740178006);
        outcome.Value.Should().Be(objective.EvaluateWithoutHessian(theta, new double[5], workspace));
        int firstDouble = phases.IndexOf('d');
        phases.Skip(firstDouble).Should().Contain('s', "the finish handed back to the approach");
        phases.Count(p => p == 's').Should().BeGreaterThan(phases.Count(p => p == 'd'));
        phases[^1].Should().Be('d');
        outcome.Evaluations.Should().Be(phases.Count);
    }
}
