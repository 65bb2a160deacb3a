using ScalingAdvisor.Fitting;
using ScalingAdvisor.Tasks;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Tests.Fitting;

// Each test fits with the 4,500-start grid: CPU-heavy, so not run in parallel with the other heavy tests.
[Collection(ScalingAdvisor.Tests.PublicSurface.CpuHeavyTests.Name)]
public class TaskLawFitterTests
{
    // The truth of the synthetic evaluations: ladder2024's HellaSwag law (Bhagia et al. 2024 Eq. 1–2).
    private static readonly TaskLaw Truth = TaskLawCatalog.Get("ladder2024", "hellaswag");

    /// <summary>
    /// A ladder like the paper's (§2.1): 4 sizes × 4 token multipliers as final checkpoints, each with 20 intermediate
    /// checkpoints; task loss with relative noise σ_L, accuracy with absolute noise σ_A (Gaussian, seeded).
    /// </summary>
    internal static List<TaskRun> Ladder(double sigmaLoss, double sigmaAccuracy, int seed)
    {
        var random = new Random(seed);
        double Gauss() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var runs = new List<TaskRun>();
        foreach (double n in (double[])[190e6, 370e6, 760e6, 1.3e9])
        {
            foreach (double multiple in (double[])[1, 2, 5, 10])
            {
                double finalTokens = 20 * n * multiple;
                for (int c = 1; c <= 20; c++)
                {
                    double d = finalTokens * c / 20;
                    var p = Truth.Predict(ParameterCount.FromCount(n), TokenCount.FromCount(d));
                    double loss = p.TaskLoss * Math.Exp(sigmaLoss * Gauss());
                    double accuracy = Math.Clamp(Truth.Step2.Accuracy(loss) + (sigmaAccuracy * Gauss()), 0, 1);
                    runs.Add(new TaskRun(ParameterCount.FromCount(n), TokenCount.FromCount(d), loss, accuracy, final: c == 20));
                }
            }
        }

        return runs;
    }

    [Fact]
    public void Seeded_evaluations_drawn_from_the_published_form_give_back_its_parameters()
    {
        // Noise: 0.3% on task loss (the paper's step-1 fitting error is 0.2–1.2%, §3.1), 0.5 point on accuracy.
        var runs = Ladder(0.003, 0.005, seed: 17);

        var fit = new TaskLawFitter().Fit(runs, "hellaswag", "synthetic");

        // Step 1 from 16 final checkpoints: the exponents and E trade off, so the tolerances are loose on them and tight
        // on what the law predicts; step 2 from 320 points: tight.
        var law = fit.Law;
        law.Step1.Alpha.Should().BeApproximately(Truth.Step1.Alpha, 0.06);
        law.Step1.Beta.Should().BeApproximately(Truth.Step1.Beta, 0.06);
        law.Step1.E.Should().BeApproximately(Truth.Step1.E, 0.05);
        law.Step2.K.Should().BeApproximately(Truth.Step2.K, 0.15 * Truth.Step2.K);
        law.Step2.L0.Should().BeApproximately(Truth.Step2.L0, 0.01);
        law.Step2.A.Should().BeApproximately(Truth.Step2.A, 0.03);
        law.Step2.B.Should().BeApproximately(Truth.Step2.B, 0.02);
        // Inside the ladder within 0.5% and 1 point; at 7B-4T (×5 in N, ×15 in D past it) within 2% and 3 points.
        foreach (var (n, d, lossTolerance, pointsTolerance) in new[] { (190e6, 3.8e9, 0.005, 1.0), (1.3e9, 2.6e11, 0.005, 1.0), (7e9, 4e12, 0.02, 3.0) })
        {
            var expected = Truth.Predict(ParameterCount.FromCount(n), TokenCount.FromCount(d));
            var got = law.Predict(ParameterCount.FromCount(n), TokenCount.FromCount(d));
            got.TaskLoss.Should().BeApproximately(expected.TaskLoss, lossTolerance * expected.TaskLoss, "at N = {0}, D = {1}", n, d);
            got.AccuracyPoints.Should().BeApproximately(expected.AccuracyPoints, pointsTolerance, "at N = {0}, D = {1}", n, d);
        }

        fit.Step1RunCount.Should().Be(16);
        fit.RunCount.Should().Be(320);
        fit.Step2.PointCount.Should().Be(321, "the anchor (0, 1) of §3.2 is added");
        fit.Step1.Convergence.Converged.Should().BeTrue();
        fit.Step2.Convergence.Converged.Should().BeTrue();
        law.FittedRange.Parameters.Max.Should().Be(1.3e9);
    }

    [Fact]
    public void The_fit_keeps_accuracy_at_or_below_one_as_the_authors_bounds_do()
    {
        // Accuracy that keeps rising past the last points pulls an unbounded sigmoid's b above 1; the bound holds it at 1.
        var truth = new AccuracySigmoid(-0.8, 4, 0.6, 1.0);
        var runs = Ladder(0.003, 0, seed: 2)
            .Select(r => new TaskRun(r.Parameters, r.Tokens, r.TaskLoss, Math.Min(1, truth.Accuracy(r.TaskLoss) + 0.03), r.Final))
            .ToList();

        var fit = new TaskLawFitter().Fit(runs, "t", "synthetic");

        fit.Law.Step2.B.Should().BeLessThanOrEqualTo(1.0);
        fit.Law.Step2.A.Should().BeGreaterThanOrEqualTo(-1.0);
    }

    [Fact]
    public void Bootstrap_intervals_bracket_the_estimates_and_the_truth()
    {
        var runs = Ladder(0.003, 0.005, seed: 5);
        var fitter = new TaskLawFitter();
        var fit = fitter.Fit(runs, "hellaswag", "synthetic");
        var query = (ParameterCount.FromCount(1e9), TokenCount.FromCount(1e11));

        var intervals = fitter.Bootstrap(runs, fit, new BootstrapOptions { Resamples = 40, Seed = 1 }, query);

        intervals.Resamples.Should().Be(40);
        intervals.Alpha.Low.Should().BeLessThanOrEqualTo(fit.Law.Step1.Alpha);
        intervals.Alpha.High.Should().BeGreaterThanOrEqualTo(fit.Law.Step1.Alpha);
        intervals.Accuracy!.Low.Should().BeLessThan(intervals.Accuracy.High);
        double truth = Truth.Predict(query.Item1, query.Item2).Accuracy;
        truth.Should().BeInRange(intervals.Accuracy.Low - 0.01, intervals.Accuracy.High + 0.01);
    }

    [Fact]
    public void Too_few_final_checkpoints_are_refused()
    {
        var runs = Ladder(0, 0, 1).Where(r => r.Final).Take(4).ToList();

        FluentActions.Invoking(() => new TaskLawFitter().Fit(runs, "t", "s"))
            .Should().Throw<ArgumentException>().WithParameterName("runs").WithMessage("*only 4 final checkpoints*");
    }

    [Fact]
    public void Runs_of_one_model_size_are_refused_as_unidentifiable()
    {
        var runs = Ladder(0, 0, 1).Where(r => r.Parameters.Count == 190e6)
            .Select(r => new TaskRun(r.Parameters, r.Tokens, r.TaskLoss, r.Accuracy, final: true)).ToList();

        FluentActions.Invoking(() => new TaskLawFitter().Fit(runs, "t", "s"))
            .Should().Throw<ArgumentException>().WithMessage("*N must vary*");
    }

    [Fact]
    public void A_task_law_file_round_trips_exactly()
    {
        var law = TaskLawCatalog.Get("ladder2024", "mmlu");
        using var stream = new MemoryStream();
        TaskLawFile.Save(law, 16, stream);
        stream.Position = 0;

        var back = TaskLawFile.Load(stream, "law.json");

        back.Step1.Should().Be(law.Step1);
        back.Step2.Should().Be(law.Step2);
        back.Task.Should().Be("mmlu");
        back.FittedRange.Parameters.Max.Should().Be(law.FittedRange.Parameters.Max);
    }

    [Fact]
    public void A_loss_law_file_is_not_taken_for_a_task_law()
    {
        using var stream = new MemoryStream("{\"schemaVersion\": 1, \"kind\": \"chinchilla\"}"u8.ToArray());

        FluentActions.Invoking(() => TaskLawFile.Load(stream, "law.json")).Should().Throw<ArgumentException>().WithMessage("*not a task law*");
    }
}
