using ScalingAdvisor.Fitting;
using ScalingAdvisor.Laws;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Tests.Fitting;

// Each test fits with the 4,500-start grid: CPU-heavy, so not run in parallel with the other heavy tests.
[Collection(ScalingAdvisor.Tests.PublicSurface.CpuHeavyTests.Name)]
public class DataConstrainedFitterTests
{
    // The truth: muennighoff2023, Muennighoff et al. 2023's fitted constants as their datablations code prints them
    // (R*_D = 15.387756, R*_N = 5.309743; E, A, B, α = β of their C4 fit).
    private static readonly DataConstrainedLaw Truth = ScalingLaws.Muennighoff2023;

    /// <summary>Single-epoch runs on a grid, plus repeated-epoch runs on 100M–10B unique tokens (as their §4 grid), noise σ on log loss.</summary>
    private static List<TrainingRun> Runs(double sigma, int seed)
    {
        var random = new Random(seed);
        double Gauss() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var runs = new List<TrainingRun>();
        void Add(double n, double d, double u)
        {
            double loss = Truth.Loss(ParameterCount.FromCount(n), TokenCount.FromCount(d), TokenCount.FromCount(u)) * Math.Exp(sigma * Gauss());
            runs.Add(new TrainingRun(ParameterCount.FromCount(n), TokenCount.FromCount(d), loss) { UniqueTokens = TokenCount.FromCount(u) });
        }

        foreach (double n in (double[])[1e8, 3e8, 1e9, 3e9])
        {
            foreach (double d in (double[])[2e9, 6e9, 2e10, 6e10])
            {
                Add(n, d, d);
            }
        }

        foreach (double u in (double[])[1e8, 1e9, 1e10])
        {
            foreach (double epochs in (double[])[2, 4, 10, 40])
            {
                foreach (double n in (double[])[1e8, 5e8, 2e9])
                {
                    Add(n, u * epochs, u);
                }
            }
        }

        return runs;
    }

    [Fact]
    public void Seeded_repeated_epoch_runs_give_back_the_published_repetition_constants()
    {
        var fit = DataConstrainedFitter.Fit(Runs(0.002, seed: 4));

        fit.Law.DataRepetitionConstant.Should().BeApproximately(15.387756, 0.15 * 15.387756);
        fit.Law.ParameterRepetitionConstant.Should().BeApproximately(5.309743, 0.25 * 5.309743);
        fit.Law.Alpha.Should().BeApproximately(Truth.Alpha, 0.03);
        fit.SingleEpochRuns.Should().Be(16);
        fit.RepeatedRuns.Should().Be(36);
        fit.Convergence.Converged.Should().BeTrue();
    }

    [Fact]
    public void Noiseless_runs_give_back_the_constants_closely()
    {
        var fit = DataConstrainedFitter.Fit(Runs(0, seed: 1));

        fit.Law.DataRepetitionConstant.Should().BeApproximately(15.387756, 0.02 * 15.387756);
        fit.Law.ParameterRepetitionConstant.Should().BeApproximately(5.309743, 0.05 * 5.309743);
    }

    [Fact]
    public void Runs_that_never_repeat_data_are_refused_as_unidentifiable()
    {
        var runs = Runs(0, 1).Where(r => r.Tokens.Count <= r.UniqueTokens!.Value.Count).ToList();

        FluentActions.Invoking(() => DataConstrainedFitter.Fit(runs))
            .Should().Throw<ArgumentException>().WithParameterName("runs").WithMessage("*R*_D cannot be fitted*");
    }

    [Fact]
    public void Runs_without_unique_tokens_are_refused()
    {
        var runs = Runs(0, 1).Select(r => new TrainingRun(r.Parameters, r.Tokens, r.Loss) { Line = 3 }).ToList();

        FluentActions.Invoking(() => DataConstrainedFitter.Fit(runs)).Should().Throw<ArgumentException>().WithMessage("*uniqueTokens column*line 3*");
    }
}
