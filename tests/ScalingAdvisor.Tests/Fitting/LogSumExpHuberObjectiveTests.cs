using ScalingAdvisor.Fitting;
using static ScalingAdvisor.Tests.Fitting.FittingTestData;

namespace ScalingAdvisor.Tests.Fitting;

public class LogSumExpHuberObjectiveTests
{
    private static LogSumExpHuberObjective TwoTerm(out List<TrainingRun> runs)
    {
        runs = Synthetic(0.02, seed: 3, sizes: 5, tokenCounts: 4);
        return ChinchillaFitter.CreateObjective(runs, null, 1e-3);
    }

    // Points spread so that residuals fall in both the quadratic (|r| ≤ δ) and the linear branch of the Huber loss.
    public static TheoryData<double[]> Points => new()
    {
        new[] { 0.6, 6.2, 7.6, 0.35, 0.37 },
        new[] { 0.5, 6.0, 7.7, 0.34, 0.36 },
        new[] { 0.0, 5.0, 10.0, 0.5, 1.5 },
        new[] { -1.0, 25.0, 0.0, 2.0, 0.0 },
    };

    [Theory]
    [MemberData(nameof(Points))]
    public void The_analytic_gradient_of_the_Chinchilla_objective_matches_central_finite_differences(double[] theta)
    {
        var objective = TwoTerm(out _);
        var workspace = objective.CreateWorkspace();
        var gradient = new double[5];
        objective.Evaluate(theta, gradient, workspace);

        var scratch = new double[5];
        for (int k = 0; k < 5; k++)
        {
            double h = 1e-6 * Math.Max(1, Math.Abs(theta[k]));
            var plus = (double[])theta.Clone();
            var minus = (double[])theta.Clone();
            plus[k] += h;
            minus[k] -= h;
            double numeric = (objective.Evaluate(plus, scratch, workspace) - objective.Evaluate(minus, scratch, workspace)) / (2 * h);
            gradient[k].Should().BeApproximately(numeric, 1e-5 * Math.Max(1e-3, Math.Abs(numeric)), $"component {k}");
        }
    }

    // 15 runs: not a whole number of vectors, so the padded tail is exercised. The last point makes a − e − α·log N exceed
    // 700, where the two-exponential form would overflow and the max-shifted form takes over.
    public static TheoryData<double[]> HessianPoints => new()
    {
        new[] { 0.6, 6.2, 7.6, 0.35, 0.37 },
        new[] { 0.0, 5.0, 10.0, 0.5, 1.5 },
        new[] { -1.0, 25.0, 0.0, 2.0, 0.0 },
        new[] { -1.0, 800.0, 5.0, 0.5, 0.3 },
    };

    [Theory]
    [MemberData(nameof(HessianPoints))]
    public void The_analytic_Hessian_of_the_Chinchilla_objective_matches_central_differences_of_the_gradient(double[] theta)
    {
        var runs = Synthetic(0.02, seed: 3, sizes: 5, tokenCounts: 3);
        var objective = ChinchillaFitter.CreateObjective(runs, null, 1e-3);
        var workspace = objective.CreateWorkspace();
        var hessianWorkspace = objective.CreateHessianWorkspace();
        var gradient = new double[5];
        var hessian = new double[25];
        double value = objective.EvaluateWithHessian(theta, gradient, hessian, hessianWorkspace);

        var reference = new double[5];
        value.Should().BeApproximately(objective.Evaluate(theta, reference, workspace), 1e-12 * Math.Abs(value));
        for (int k = 0; k < 5; k++)
        {
            gradient[k].Should().BeApproximately(reference[k], 1e-10 * Math.Max(1e-3, Math.Abs(reference[k])), $"gradient {k}");
        }

        var plusGradient = new double[5];
        var minusGradient = new double[5];
        for (int k = 0; k < 5; k++)
        {
            double h = 1e-7 * Math.Max(1, Math.Abs(theta[k]));
            var plus = (double[])theta.Clone();
            var minus = (double[])theta.Clone();
            plus[k] += h;
            minus[k] -= h;
            objective.Evaluate(plus, plusGradient, workspace);
            objective.Evaluate(minus, minusGradient, workspace);
            for (int j = 0; j < 5; j++)
            {
                double numeric = (plusGradient[j] - minusGradient[j]) / (2 * h);
                hessian[(j * 5) + k].Should().BeApproximately(numeric, 1e-5 * Math.Max(1e-3, Math.Abs(numeric)), $"H[{j},{k}]");
                hessian[(j * 5) + k].Should().Be(hessian[(k * 5) + j]);
            }
        }
    }

    [Theory]
    [MemberData(nameof(HessianPoints))]
    public void The_single_precision_evaluation_agrees_with_the_double_precision_one_to_float_rounding(double[] theta)
    {
        var objective = ChinchillaFitter.CreateObjective(Synthetic(0.02, seed: 3, sizes: 5, tokenCounts: 3), null, 1e-3);
        var workspace = objective.CreateHessianWorkspace();
        double[] gradient = new double[5], hessian = new double[25], gradientSingle = new double[5], hessianSingle = new double[25];

        double value = objective.EvaluateWithHessian(theta, gradient, hessian, workspace);
        double single = objective.EvaluateWithHessianSingle(theta, gradientSingle, hessianSingle, workspace);

        single.Should().BeApproximately(value, 1e-4 * Math.Abs(value));
        double scale = gradient.Max(Math.Abs);
        for (int k = 0; k < 5; k++)
        {
            gradientSingle[k].Should().BeApproximately(gradient[k], 1e-3 * scale, $"gradient {k}");
        }
    }

    [Theory]
    [MemberData(nameof(HessianPoints))]
    public void The_evaluation_without_the_Hessian_matches_the_reference_in_double_and_finite_differences_in_single_precision(double[] theta)
    {
        var objective = ChinchillaFitter.CreateObjective(Synthetic(0.02, seed: 3, sizes: 5, tokenCounts: 3), null, 1e-3);
        var workspace = objective.CreateWorkspace();
        var hessianWorkspace = objective.CreateHessianWorkspace();
        double[] reference = new double[5], gradient = new double[5], gradientSingle = new double[5], scratch = new double[5];

        double expected = objective.Evaluate(theta, reference, workspace);
        double value = objective.EvaluateWithoutHessian(theta, gradient, hessianWorkspace);
        double single = objective.EvaluateWithoutHessianSingle(theta, gradientSingle, hessianWorkspace);

        value.Should().BeApproximately(expected, 1e-12 * Math.Abs(expected));
        single.Should().BeApproximately(expected, 1e-4 * Math.Abs(expected));
        double scale = reference.Max(Math.Abs);
        for (int k = 0; k < 5; k++)
        {
            gradient[k].Should().BeApproximately(reference[k], 1e-10 * Math.Max(1e-3, Math.Abs(reference[k])), $"gradient {k}");

            // The single-precision gradient against central differences of the double-precision objective.
            double h = 1e-6 * Math.Max(1, Math.Abs(theta[k]));
            var plus = (double[])theta.Clone();
            var minus = (double[])theta.Clone();
            plus[k] += h;
            minus[k] -= h;
            double numeric = (objective.Evaluate(plus, scratch, workspace) - objective.Evaluate(minus, scratch, workspace)) / (2 * h);
            gradientSingle[k].Should().BeApproximately(numeric, 1e-3 * scale, $"single-precision gradient {k}");
        }
    }

    [Fact]
    public void The_analytic_gradient_of_the_one_variable_objective_matches_central_finite_differences()
    {
        var runs = Synthetic(0.02, seed: 5, sizes: 5, tokenCounts: 4);
        var objective = new LogSumExpHuberObjective(
            [runs.Select(r => Math.Log(r.Flops.Flops)).ToArray()], runs.Select(r => Math.Log(r.Loss)).ToArray(), runs.Select(_ => 1.0).ToArray(), 1e-3);
        var workspace = objective.CreateWorkspace();
        double[] theta = [0.5, 4.0, 0.08];
        var gradient = new double[3];
        objective.Evaluate(theta, gradient, workspace);

        var scratch = new double[3];
        for (int k = 0; k < 3; k++)
        {
            double h = 1e-6;
            var plus = (double[])theta.Clone();
            var minus = (double[])theta.Clone();
            plus[k] += h;
            minus[k] -= h;
            double numeric = (objective.Evaluate(plus, scratch, workspace) - objective.Evaluate(minus, scratch, workspace)) / (2 * h);
            gradient[k].Should().BeApproximately(numeric, 1e-5 * Math.Max(1e-3, Math.Abs(numeric)), $"component {k}");
        }
    }

    [Fact]
    public void The_objective_is_the_weighted_sum_of_Huber_losses_of_log_residuals()
    {
        var objective = TwoTerm(out var runs);
        double[] theta = [0.6, 6.2, 7.6, 0.35, 0.37];

        double expected = runs.Sum(r =>
        {
            double predicted = Math.Exp(theta[0]) + Math.Exp(theta[1] - (theta[3] * Math.Log(r.Parameters.Count))) + Math.Exp(theta[2] - (theta[4] * Math.Log(r.Tokens.Count)));
            double residual = Math.Log(predicted) - Math.Log(r.Loss);
            return Math.Abs(residual) <= 1e-3 ? 0.5 * residual * residual : 1e-3 * (Math.Abs(residual) - 5e-4);
        });

        objective.Evaluate(theta, new double[5], objective.CreateWorkspace()).Should().BeApproximately(expected, 1e-12 * expected);
    }

    [Fact]
    public void Huber_is_quadratic_inside_delta_and_linear_outside()
    {
        LogSumExpHuberObjective.Huber(5e-4, 1e-3).Should().BeApproximately(1.25e-7, 1e-20);
        LogSumExpHuberObjective.Huber(-0.01, 1e-3).Should().BeApproximately(1e-3 * (0.01 - 5e-4), 1e-18);
    }
}
