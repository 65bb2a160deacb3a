using ScalingAdvisor.Fitting;
using ScalingAdvisor.Units;
using Xunit.Abstractions;
using static ScalingAdvisor.Tests.Fitting.FittingTestData;

namespace ScalingAdvisor.Tests.Fitting;

public class ChinchillaFitterTests(ITestOutputHelper output)
{
    // ../shared/datasets/README.md (Besiroglu et al. 2024 replication data): Hoffmann's Approach 3 as written
    // reaches 0.00101827402 at E ≈ 1.8172, A ≈ 477.8, B ≈ 2143, α ≈ 0.3473, β ≈ 0.3672.
    [ChinchillaDataFact]
    public void The_Chinchilla_figure_4_runs_reach_the_documented_objective_and_parameters()
    {
        var set = ChinchillaRuns();

        var fit = new ChinchillaFitter().Fit(set.Runs);
        output.WriteLine($"objective {fit.Objective:R}, E {fit.Law.E}, A {fit.Law.A}, B {fit.Law.B}, α {fit.Law.Alpha}, β {fit.Law.Beta}, {fit.Convergence.Reason}, starts at best {fit.StartsAtBest}/{fit.StartsTried}");

        set.Runs.Should().HaveCount(240);
        fit.Objective.Should().BeLessThanOrEqualTo(1.00001 * 0.00101827402);

        // The best objective of scipy's L-BFGS-B from the same 4,500 starts (benchmarks/peers/scipy_grid_fit.py, as recorded
        // in benchmarks/README.md) and of this project's L-BFGS: 0.0010182740178006; damped Newton reaches it to ~1e-12.
        fit.Objective.Should().BeApproximately(0.0010182740178006, 1e-12 * 0.0010182740178006);
        fit.Law.E.Should().BeApproximately(1.8172, 5e-4);
        fit.Law.Alpha.Should().BeApproximately(0.3473, 5e-4);
        fit.Law.Beta.Should().BeApproximately(0.3672, 5e-4);
        fit.Law.A.Should().BeApproximately(477.8, 5);
        fit.Law.B.Should().BeApproximately(2143, 40);
        fit.Convergence.Converged.Should().BeTrue();
        fit.StartsTried.Should().Be(4500);
        fit.StartsAtBest.Should().BeInRange(2, 4499, "the flat valley is reached from some but not all grid starts");
        fit.RunCount.Should().Be(240);
        fit.Diagnostics.LogRmse.Should().BeInRange(0.001, 0.05);
        fit.Diagnostics.WorstRuns.Should().HaveCount(5);
        fit.Diagnostics.WorstRuns.Select(r => Math.Abs(r.LogResidual)).Should().BeInDescendingOrder();
    }

    [Fact]
    public void The_fit_does_not_depend_on_the_number_of_threads()
    {
        var runs = Synthetic(0.01, seed: 11, sizes: 6, tokenCounts: 5);
        var options = new ChinchillaFitOptions { Starts = SparseGrid(7) };

        var serial = new ChinchillaFitter(options with { MaxDegreeOfParallelism = 1 }).Fit(runs);
        var parallel = new ChinchillaFitter(options).Fit(runs);

        parallel.Law.Should().Be(serial.Law);
        parallel.Objective.Should().Be(serial.Objective);
        parallel.StartsAtBest.Should().Be(serial.StartsAtBest);
    }

    [Fact]
    public void Noiseless_synthetic_runs_give_back_their_parameters()
    {
        var fit = new ChinchillaFitter().Fit(Synthetic(0.0, seed: 1));

        fit.Law.E.Should().BeApproximately(TrueE, 1e-3 * TrueE);
        fit.Law.Alpha.Should().BeApproximately(TrueAlpha, 1e-3 * TrueAlpha);
        fit.Law.Beta.Should().BeApproximately(TrueBeta, 1e-3 * TrueBeta);
        fit.Law.A.Should().BeApproximately(TrueA, 1e-2 * TrueA);
        fit.Law.B.Should().BeApproximately(TrueB, 1e-2 * TrueB);
        fit.Diagnostics.LogRmse.Should().BeLessThan(1e-4);
    }

    // Tolerance scales with the noise σ of log L: with 80 runs, the exponents' standard errors are a few σ.
    [Theory]
    [InlineData(0.002)]
    [InlineData(0.01)]
    public void Noisy_synthetic_runs_give_back_their_parameters_within_a_tolerance_that_scales_with_the_noise(double sigma)
    {
        var fit = new ChinchillaFitter(new ChinchillaFitOptions { Starts = SparseGrid(3) }).Fit(Synthetic(sigma, seed: 2));

        fit.Law.E.Should().BeApproximately(TrueE, 4 * sigma * TrueE);
        fit.Law.Alpha.Should().BeApproximately(TrueAlpha, 4 * sigma);
        fit.Law.Beta.Should().BeApproximately(TrueBeta, 4 * sigma);
        fit.Diagnostics.LogRmse.Should().BeInRange(0.5 * sigma, 1.5 * sigma);
    }

    [Fact]
    public void Runs_with_the_same_parameter_count_are_refused()
    {
        var runs = Enumerable.Range(1, 8).Select(i => new TrainingRun(ParameterCount.FromCount(1e8), TokenCount.FromCount(i * 1e9), 3.0 - (0.1 * i))).ToList();

        var act = () => new ChinchillaFitter().Fit(runs);

        act.Should().Throw<ArgumentException>().WithMessage("Every run has the same parameter count N = 1E+08*N must vary*").Which.ParamName.Should().Be("runs");
    }

    [Fact]
    public void Runs_with_the_same_token_count_are_refused()
    {
        var runs = Enumerable.Range(1, 8).Select(i => new TrainingRun(ParameterCount.FromCount(i * 1e8), TokenCount.FromCount(1e9), 3.0 - (0.1 * i))).ToList();

        var act = () => new ChinchillaFitter().Fit(runs);

        act.Should().Throw<ArgumentException>().WithMessage("*same token count*D must vary*");
    }

    [Fact]
    public void Two_runs_are_refused_because_the_law_has_five_parameters()
    {
        var runs = Synthetic(0.0, seed: 1).Take(2).ToList();

        var act = () => new ChinchillaFitter().Fit(runs);

        act.Should().Throw<ArgumentException>().WithMessage("The law has 5 parameters (E, A, B, α, β) but there are only 2 runs*");
    }

    [Fact]
    public void A_negative_or_NaN_loss_cannot_make_a_run()
    {
        var negative = () => new TrainingRun(ParameterCount.FromCount(1e8), TokenCount.FromCount(1e9), -2.0);
        var nan = () => new TrainingRun(ParameterCount.FromCount(1e8), TokenCount.FromCount(1e9), double.NaN);

        negative.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*loss should be in (0, ∞) but was -2*");
        nan.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*loss should be in (0, ∞) but was not a number*");
    }

    [Fact]
    public void Loss_that_grows_with_model_size_is_reported_instead_of_returning_a_negative_exponent()
    {
        var runs = Synthetic(0.0, seed: 1, sizes: 4, tokenCounts: 3)
            .Select(r => new TrainingRun(r.Parameters, r.Tokens, 2 + (1e-9 * r.Parameters.Count))).ToList();

        var act = () => new ChinchillaFitter(new ChinchillaFitOptions { Starts = SparseGrid(9) }).Fit(runs);

        act.Should().Throw<ArgumentException>().WithMessage("*must be > 0*");
    }

    [Fact]
    public void Out_of_range_options_are_rejected()
    {
        ((Action)(() => _ = new ChinchillaFitter(new ChinchillaFitOptions { HuberDelta = 0 }))).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("HuberDelta");
        ((Action)(() => _ = new ChinchillaFitter(new ChinchillaFitOptions { Starts = [] }))).Should().Throw<ArgumentException>().WithParameterName("Starts");
        ((Action)(() => _ = new ChinchillaFitter(new ChinchillaFitOptions { MaxDegreeOfParallelism = 0 }))).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void The_Hoffmann_grid_has_4500_distinct_points_on_the_published_ranges()
    {
        var grid = ChinchillaLogParameters.HoffmannGrid;

        grid.Should().HaveCount(4500).And.OnlyHaveUniqueItems();
        grid.Select(p => p.Alpha).Distinct().Should().BeEquivalentTo(new[] { 0, 0.5, 1, 1.5, 2 });
        grid.Select(p => p.LogE).Distinct().Should().BeEquivalentTo(new[] { -1, -0.5, 0, 0.5, 1 });
        grid.Select(p => p.LogA).Distinct().Should().BeEquivalentTo(new[] { 0.0, 5, 10, 15, 20, 25 });
    }
}
