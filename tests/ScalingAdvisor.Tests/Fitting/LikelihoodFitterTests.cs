using ScalingAdvisor.Fitting;
using ScalingAdvisor.Units;
using static ScalingAdvisor.Tests.Fitting.FittingTestData;

namespace ScalingAdvisor.Tests.Fitting;

// Each test fits with the 4,500-start grid: CPU-heavy, so not run in parallel with the other heavy tests.
[Collection(ScalingAdvisor.Tests.PublicSurface.CpuHeavyTests.Name)]
public class LikelihoodFitterTests
{
    // 60 runs from Besiroglu et al. 2024 Table 1's law with Gaussian noise σ on log loss (seeded).
    private static List<TrainingRun> Runs(double sigma, int seed)
    {
        var random = new Random(seed);
        double Gauss() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var runs = new List<TrainingRun>();
        for (int i = 0; i < 6; i++)
        {
            for (int j = 0; j < 10; j++)
            {
                double n = 5e7 * Math.Pow(3, i), d = 1e9 * Math.Pow(2, j);
                double loss = (TrueE + (TrueA * Math.Pow(n, -TrueAlpha)) + (TrueB * Math.Pow(d, -TrueBeta))) * Math.Exp(sigma * Gauss());
                runs.Add(new TrainingRun(ParameterCount.FromCount(n), TokenCount.FromCount(d), loss));
            }
        }

        return runs;
    }

    [Fact]
    public void Seeded_runs_give_back_the_law_within_a_few_standard_errors_and_the_noise_level()
    {
        const double sigma = 0.01;
        var result = LikelihoodFitter.Fit(Runs(sigma, seed: 11));

        var law = result.Fit.Law;
        var se = result.StandardErrors!;
        se.Should().NotBeNull();
        law.Alpha.Should().BeApproximately(TrueAlpha, 4 * se.Alpha);
        law.Beta.Should().BeApproximately(TrueBeta, 4 * se.Beta);
        law.E.Should().BeApproximately(TrueE, 4 * se.E);
        Math.Log(law.A).Should().BeApproximately(Math.Log(TrueA), 4 * se.LogA);
        se.Alpha.Should().BePositive().And.BeLessThan(0.1);
        se.E.Should().BeApproximately(law.E * se.LogE, 1e-12);
        result.Sigma.Should().BeApproximately(sigma, 0.15 * sigma, "σ̂ is the residual scale, biased low by 5 of 60 degrees of freedom");
        result.LogLikelihood.Should().BeApproximately(-0.5 * 60 * (Math.Log(2 * Math.PI * result.Sigma * result.Sigma) + 1), 1e-9);
    }

    [Fact]
    public void The_standard_errors_shrink_with_the_noise()
    {
        var noisy = LikelihoodFitter.Fit(Runs(0.02, seed: 3)).StandardErrors!;
        var quiet = LikelihoodFitter.Fit(Runs(0.005, seed: 3)).StandardErrors!;

        // Asymptotically SE ∝ σ: a quarter of the noise gives about a quarter of the error.
        (quiet.Alpha / noisy.Alpha).Should().BeInRange(0.15, 0.4);
    }

    [Fact]
    public void The_inverse_of_a_known_positive_definite_matrix_is_exact_and_an_indefinite_one_is_refused()
    {
        var m = new double[,] { { 4, 2 }, { 2, 3 } };
        var inverse = LikelihoodFitter.InvertPositiveDefinite(m)!;
        inverse[0, 0].Should().BeApproximately(3.0 / 8, 1e-12);
        inverse[0, 1].Should().BeApproximately(-2.0 / 8, 1e-12);
        inverse[1, 1].Should().BeApproximately(4.0 / 8, 1e-12);
        LikelihoodFitter.InvertPositiveDefinite(new double[,] { { 1, 2 }, { 2, 1 } }).Should().BeNull();
    }
}
