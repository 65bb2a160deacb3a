using ScalingAdvisor.Fitting;
using ScalingAdvisor.Laws;
using ScalingAdvisor.Units;
using Xunit.Abstractions;
using static ScalingAdvisor.Tests.Fitting.FittingTestData;

namespace ScalingAdvisor.Tests.Fitting;

public class ChinchillaBootstrapTests(ITestOutputHelper output)
{
    private static readonly ChinchillaFitOptions Sparse = new() { Starts = SparseGrid(5) };

    [Fact]
    public void A_seed_gives_the_same_intervals_on_one_thread_and_on_all()
    {
        var runs = Synthetic(0.01, seed: 4, sizes: 6, tokenCounts: 5);
        var fit = new ChinchillaFitter(Sparse).Fit(runs);
        var options = new BootstrapOptions { Resamples = 40, Seed = 42, Budget = FlopCount.FromFlops(1e22) };

        var serial = ChinchillaBootstrap.Run(runs, fit, options with { MaxDegreeOfParallelism = 1 });
        var parallel = ChinchillaBootstrap.Run(runs, fit, options);

        parallel.Should().BeEquivalentTo(serial);
        parallel.Alpha.Low.Should().BeLessThan(parallel.Alpha.High);
    }

    [Fact]
    public void Different_seeds_draw_different_resamples()
    {
        ChinchillaBootstrap.Resample(50, 1, 0).Should().NotEqual(ChinchillaBootstrap.Resample(50, 2, 0));
        ChinchillaBootstrap.Resample(50, 1, 0).Should().NotEqual(ChinchillaBootstrap.Resample(50, 1, 1));
        ChinchillaBootstrap.Resample(50, 1, 3).Sum().Should().Be(50);
    }

    [Fact]
    public void Progress_reports_every_resample()
    {
        var runs = Synthetic(0.01, seed: 4, sizes: 5, tokenCounts: 4);
        var fit = new ChinchillaFitter(Sparse).Fit(runs);
        var reports = new System.Collections.Concurrent.ConcurrentBag<int>();

        ChinchillaBootstrap.Run(runs, fit, new BootstrapOptions { Resamples = 25 }, progress: new SyncProgress(reports.Add));

        reports.Should().HaveCount(25).And.Contain(25);
    }

    // Hoffmann et al. 2022 App. D.2 / FORMULAS.md §6: the allocation exponents are a = β/(α+β), b = α/(α+β), and
    // N_opt, D_opt follow the closed form; the point estimates must be exactly those of the full fit.
    [Fact]
    public void Point_estimates_of_derived_quantities_follow_the_closed_form()
    {
        var runs = Synthetic(0.005, seed: 8, sizes: 5, tokenCounts: 4);
        var fit = new ChinchillaFitter(Sparse).Fit(runs);
        var law = fit.Law;
        double c = 5.76e23;

        var result = ChinchillaBootstrap.Run(runs, fit, new BootstrapOptions { Resamples = 20, Budget = FlopCount.FromFlops(c) });

        double g = Math.Pow(law.Alpha * law.A / (law.Beta * law.B), 1 / (law.Alpha + law.Beta));
        double n = g * Math.Pow(c / 6, law.Beta / (law.Alpha + law.Beta));
        double d = Math.Pow(c / 6, law.Alpha / (law.Alpha + law.Beta)) / g;
        result.ParametersExponent.Estimate.Should().BeApproximately(law.Beta / (law.Alpha + law.Beta), 1e-12);
        result.TokensExponent.Estimate.Should().BeApproximately(law.Alpha / (law.Alpha + law.Beta), 1e-12);
        result.AtBudget!.OptimalParameters.Estimate.Should().BeApproximately(n, 1e-9 * n);
        result.AtBudget.OptimalTokens.Estimate.Should().BeApproximately(d, 1e-9 * d);
        (6 * n * d).Should().BeApproximately(c, 1e-9 * c);
        result.AtBudget.Loss.Estimate.Should().BeApproximately(law.Loss(ParameterCount.FromCount(n), TokenCount.FromCount(d)), 1e-9);
    }

    // The refits start from the full-data optimum and two nearby grid points instead of 4,500 grid points
    // (ChinchillaBootstrap's implementation note); on resamples of the Chinchilla runs they must reach the same minimum.
    [ChinchillaDataFact]
    public void The_cheap_refit_reaches_the_full_grid_minimum_on_resamples_of_the_Chinchilla_runs()
    {
        var set = ChinchillaRuns();

        var fit = new ChinchillaFitter().Fit(set.Runs);
        var law = fit.Law;
        var starts = ChinchillaBootstrap.StartsFor([Math.Log(law.E), Math.Log(law.A), Math.Log(law.B), law.Alpha, law.Beta], new BootstrapOptions().ExtraStarts);
        var settings = new ChinchillaFitOptions().Settings;
        var grid = ChinchillaLogParameters.HoffmannGrid.Select(p => p.ToVector()).ToArray();
        for (int index = 0; index < 3; index++)
        {
            var objective = ChinchillaFitter.CreateObjective(set.Runs, ChinchillaBootstrap.Resample(set.Runs.Count, 7, index), 1e-3);

            // The refit's method (damped Newton from 3 starts) against Hoffmann et al.'s (L-BFGS from the whole grid).
            double cheap = Multistart.RunNewton(objective, starts, settings with { MaxDegreeOfParallelism = 1 }, singlePrecisionApproach: false).Best.Value;
            double full = Multistart.Run(objective, grid, settings).Best.Value;

            cheap.Should().BeLessThanOrEqualTo(full * (1 + 1e-6), $"resample {index}");
        }
    }

    // Besiroglu et al. 2024 (4,000 resamples): 95% intervals E (1.769, 1.871), A (285, 744), B (1042, 5810),
    // α (0.317, 0.373), β (0.331, 0.415). With 400 resamples the percentiles are noisier: ends within 10% (α, β, E: 1%).
    [ChinchillaDataFact]
    public void Chinchilla_runs_give_intervals_near_the_replications_bootstrap()
    {
        var set = ChinchillaRuns();

        var fit = new ChinchillaFitter().Fit(set.Runs);
        var result = ChinchillaBootstrap.Run(set.Runs, fit, new BootstrapOptions { Resamples = 400, Seed = 1 });
        output.WriteLine($"E ({result.E.Low}, {result.E.High}) A ({result.A.Low}, {result.A.High}) B ({result.B.Low}, {result.B.High}) α ({result.Alpha.Low}, {result.Alpha.High}) β ({result.Beta.Low}, {result.Beta.High})");

        result.FailedResamples.Should().Be(0);
        result.E.Low.Should().BeApproximately(1.769, 0.02);
        result.E.High.Should().BeApproximately(1.871, 0.02);
        result.Alpha.Low.Should().BeApproximately(0.317, 0.005);
        result.Alpha.High.Should().BeApproximately(0.373, 0.005);
        result.Beta.Low.Should().BeApproximately(0.331, 0.006);
        result.Beta.High.Should().BeApproximately(0.415, 0.006);
        result.A.Low.Should().BeApproximately(285, 30);
        result.A.High.Should().BeApproximately(744, 75);
        result.B.Low.Should().BeApproximately(1042, 105);
        result.B.High.Should().BeApproximately(5810, 580);
    }

    // Over repeated synthetic data sets, nominal 90% intervals of α and β should cover the truth about 90% of the
    // time; with 16 data sets × 2 exponents, a loose band (≥ 65%) keeps this fast and still catches broken intervals.
    [Fact]
    public void Intervals_cover_the_true_exponents_at_about_the_nominal_rate()
    {
        int covered = 0, total = 0;
        var options = new ChinchillaFitOptions { Starts = SparseGrid(15) };
        for (int dataSet = 0; dataSet < 16; dataSet++)
        {
            var runs = Synthetic(0.01, seed: 100 + dataSet, sizes: 6, tokenCounts: 5);
            var fit = new ChinchillaFitter(options).Fit(runs);
            var result = ChinchillaBootstrap.Run(runs, fit, new BootstrapOptions { Resamples = 80, Seed = dataSet, Confidence = 0.9 }, options);
            covered += (result.Alpha.Contains(TrueAlpha) ? 1 : 0) + (result.Beta.Contains(TrueBeta) ? 1 : 0);
            total += 2;
        }

        output.WriteLine($"covered {covered} of {total}");
        ((double)covered / total).Should().BeInRange(0.65, 1.0);
    }

    [Fact]
    public void Out_of_range_options_are_rejected()
    {
        var runs = Synthetic(0.0, seed: 1, sizes: 3, tokenCounts: 3);
        var fit = new FitResult<ChinchillaLaw>(new ChinchillaLaw("t", "t", new ChinchillaConstants(TrueE, TrueA, TrueB, TrueAlpha, TrueBeta)), 0, new FitConvergence(true, FitTermination.GradientTolerance, 1), 1, 1, new FitDiagnostics(0, 0, []), runs.Count);

        ((Action)(() => ChinchillaBootstrap.Run(runs, fit, new BootstrapOptions { Confidence = 1 }))).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("Confidence");
        ((Action)(() => ChinchillaBootstrap.Run(runs, fit, new BootstrapOptions { Resamples = 0 }))).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("Resamples");
    }

    private sealed class SyncProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
