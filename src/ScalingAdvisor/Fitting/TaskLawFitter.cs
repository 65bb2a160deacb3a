using System.Globalization;
using ScalingAdvisor.Laws;
using ScalingAdvisor.Tasks;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Fitting;

/// <summary>
/// Fits the two-step task law of Bhagia et al. 2024 (arXiv 2412.04403 §3) to the user's evaluations:
/// step 1, L(N, D) = A/N^α + B/D^β + E on the final checkpoints by the Huber (δ = 1e-3) fit of log task loss
/// (§3.1, the method of Hoffmann et al. 2022 App. D.2, so <see cref="ChinchillaFitter"/> with its 4,500-start grid);
/// step 2, Acc(L) = a/(1 + e^(−k(L − L0))) + b by least squares over every row, with the paper's anchor point
/// (L = 0, Acc = 1) added (§3.2), by L-BFGS from a grid of starts. Refuses data that cannot identify either step.
/// </summary>
public sealed class TaskLawFitter
{
    /// <summary>The fewest final checkpoints step 1 accepts: its five parameters.</summary>
    public const int MinimumStep1Runs = ChinchillaFitter.ParameterCount;

    /// <summary>The fewest rows step 2 accepts besides the anchor: its four parameters.</summary>
    public const int MinimumStep2Runs = SigmoidLeastSquaresObjective.ParameterCount;

    /// <summary>The fitting method in a sentence, for reports.</summary>
    public const string Method = "Bhagia et al. 2024 §3: step 1 Huber (δ = 1e-3) on log task loss of the final checkpoints, L-BFGS from the 4,500-point grid of Hoffmann et al. 2022 App. D.2, then step 2 least squares over all rows plus the anchor (L = 0, accuracy 1) with a ≥ −1 and b ≤ 1 as the authors' code bounds them, L-BFGS multistart";

    private readonly ChinchillaFitOptions _step1Options;

    /// <summary>Creates a fitter.</summary>
    /// <param name="step1Options">Options of the step-1 fit; null for Hoffmann et al.'s defaults.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public TaskLawFitter(ChinchillaFitOptions? step1Options = null)
    {
        _step1Options = (step1Options ?? new ChinchillaFitOptions()) with
        {
            LawSource = "Step 1 of a task law fitted to user evaluations (Bhagia et al. 2024 §3.1)",
        };
        _step1Options.Validate();
    }

    /// <summary>Fits both steps.</summary>
    /// <param name="runs">The evaluations.</param>
    /// <param name="task">The task's id, for the law (e.g. <c>hellaswag</c>).</param>
    /// <param name="sourceName">Where the runs come from, e.g. the file name.</param>
    /// <param name="cancellationToken">Cancels the fit.</param>
    /// <returns>The fitted task law and how each step went.</returns>
    /// <exception cref="ArgumentException">Too few runs, no spread in N, D, task loss or accuracy, or a best fit that is not a valid law.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="runs"/> is null.</exception>
    public TaskFitResult Fit(IReadOnlyList<TaskRun> runs, string task, string sourceName, CancellationToken cancellationToken = default)
    {
        Validate(runs);
        ArgumentException.ThrowIfNullOrWhiteSpace(task);
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceName);
        var step1Runs = Step1Runs(runs, null);
        FitResult<ChinchillaLaw> step1;
        try
        {
            step1 = new ChinchillaFitter(_step1Options).Fit(step1Runs, cancellationToken);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException("Step 1 (task loss from N and D): " + StripParameter(ex), nameof(runs), ex);
        }

        var objective = Step2Objective(runs, null);
        var outcome = FitStep2(objective, Step2Starts(runs), Step2Settings, cancellationToken);
        var sigmoid = ToSigmoid(outcome, runs);
        var law = new TaskLaw("fitted", task, $"Fitted to the {runs.Count} evaluations of {sourceName} ({Method})",
            new TaskLossLaw(step1.Law.A, step1.Law.Alpha, step1.Law.B, step1.Law.Beta, step1.Law.E), sigmoid)
        {
            FittedRange = RunRanges.Of(step1Runs).ToFittedRange($"the {step1Runs.Count} final checkpoints of {sourceName}"),
        };
        double sum = 0;
        foreach (var run in runs)
        {
            double r = sigmoid.Accuracy(run.TaskLoss) - run.Accuracy;
            sum += r * r;
        }

        var step2 = new TaskStepFit(outcome.Best.Value, FitConvergence.From(outcome.Best), outcome.StartsTried, outcome.StartsAtBest,
            Math.Sqrt(sum / runs.Count), objective.PointCount);
        return new TaskFitResult(law, step1, step2, runs.Count, step1Runs.Count);
    }

    /// <summary>Bootstraps a fit: resamples the rows with replacement, refits both steps, and takes percentile intervals.</summary>
    /// <param name="runs">The evaluations the fit was made to.</param>
    /// <param name="fit">The fit to all of them (the refits start from it).</param>
    /// <param name="options">Resamples, seed, confidence; null for the defaults.</param>
    /// <param name="query">An (N, D) at which to report the interval of the predicted task loss and accuracy; null for none.</param>
    /// <param name="cancellationToken">Cancels the bootstrap.</param>
    /// <returns>The intervals.</returns>
    /// <exception cref="ArgumentException">No resample could be fitted, or an option is out of range.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public TaskBootstrapResult Bootstrap(
        IReadOnlyList<TaskRun> runs, TaskFitResult fit, BootstrapOptions? options = null, (ParameterCount Parameters, TokenCount Tokens)? query = null,
        CancellationToken cancellationToken = default)
    {
        Validate(runs);
        ArgumentNullException.ThrowIfNull(fit);
        options ??= new BootstrapOptions();
        options.Validate();
        var step1 = fit.Law.Step1;
        var step2 = fit.Law.Step2;
        double[] start1 = [Math.Log(step1.E), Math.Log(step1.A), Math.Log(step1.B), step1.Alpha, step1.Beta];
        var starts1 = ChinchillaBootstrap.StartsFor(start1, options.ExtraStarts);
        double[][] starts2 = [[step2.A, step2.L0, step2.K, step2.B]];
        var settings1 = _step1Options.Settings with { MaxDegreeOfParallelism = 1 };
        var settings2 = Step2Settings with { MaxDegreeOfParallelism = 1 };
        var values = new double[options.Resamples][];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellationToken };
        Parallel.For(0, options.Resamples, parallel, i =>
        {
            var row = new double[ValueCount];
            Array.Fill(row, double.NaN);
            values[i] = row;
            int[] counts = ChinchillaBootstrap.Resample(runs.Count, options.Seed, i);
            if (!Identifiable(runs, counts))
            {
                return;
            }

            var trainingRuns = Step1Resample(runs, counts);
            var objective1 = ChinchillaFitter.CreateObjective(trainingRuns.Runs, trainingRuns.Counts, _step1Options.HuberDelta);
            var o1 = Multistart.Run(objective1, starts1, settings1);
            var objective2 = Step2Objective(runs, counts);
            var o2 = FitStep2(objective2, starts2, settings2, default);
            double[] t = o1.Theta, s = o2.Theta;
            if (o1.BestStartIndex < 0 || o2.BestStartIndex < 0 || !(t[3] > 0) || !(t[4] > 0) || !(s[0] < 0) || !(s[2] > 0) || !(s[3] >= 0))
            {
                return;
            }

            row[0] = Math.Exp(t[1]);
            row[1] = t[3];
            row[2] = Math.Exp(t[2]);
            row[3] = t[4];
            row[4] = Math.Exp(t[0]);
            row[5] = s[0];
            row[6] = s[2];
            row[7] = s[1];
            row[8] = s[3];
            if (query is { } q)
            {
                double loss = (row[0] * Math.Pow(q.Parameters.Count, -row[1])) + (row[2] * Math.Pow(q.Tokens.Count, -row[3])) + row[4];
                row[9] = loss;
                row[10] = (s[0] * SigmoidLeastSquaresObjective.Sigmoid(s[2] * (loss - s[1]))) + s[3];
            }
        });

        var ok = values.Where(v => double.IsFinite(v[0]) && v.Take(9).All(double.IsFinite)).ToArray();
        if (ok.Length == 0)
        {
            throw new ArgumentException("No bootstrap resample could be fitted; the evaluations are too few or too alike.", nameof(runs));
        }

        double lowQ = (1 - options.Confidence) / 2, highQ = 1 - lowQ;
        ParameterInterval Interval(int k, double estimate)
        {
            var sorted = ok.Select(v => v[k]).Where(double.IsFinite).Order().ToArray();
            return sorted.Length == 0
                ? new ParameterInterval(estimate, estimate, estimate)
                : new ParameterInterval(estimate, Percentiles.Type7(sorted, lowQ), Percentiles.Type7(sorted, highQ));
        }

        TaskPrediction? atQuery = query is { } point ? fit.Law.Predict(point.Parameters, point.Tokens) : null;
        return new TaskBootstrapResult(
            options.Confidence, options.Resamples, values.Length - ok.Length, options.Seed,
            Interval(0, step1.A), Interval(1, step1.Alpha), Interval(2, step1.B), Interval(3, step1.Beta), Interval(4, step1.E),
            Interval(5, step2.A), Interval(6, step2.K), Interval(7, step2.L0), Interval(8, step2.B),
            atQuery is { } p ? Interval(9, p.TaskLoss) : null,
            atQuery is { } p2 ? Interval(10, p2.Accuracy) : null);
    }

    private const int ValueCount = 11;

    private static MultistartSettings Step2Settings => new(1000, 1e-12, 1e-12, 1e-6, -1);

    private static void Validate(IReadOnlyList<TaskRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var final = runs.Where(r => r.Final).ToList();
        if (final.Count < MinimumStep1Runs)
        {
            throw new ArgumentException(
                $"Step 1 has {MinimumStep1Runs} parameters (A, α, B, β, E) but there are only {final.Count} final checkpoints; a fit needs at least {MinimumStep1Runs}.", nameof(runs));
        }

        if (final.Select(r => r.Parameters.Count).Distinct().Count() < 2)
        {
            throw new ArgumentException("Every final checkpoint has the same parameter count N, so α and A cannot be fitted; N must vary.", nameof(runs));
        }

        if (final.Select(r => r.Tokens.Count).Distinct().Count() < 2)
        {
            throw new ArgumentException("Every final checkpoint has the same token count D, so β and B cannot be fitted; D must vary.", nameof(runs));
        }

        if (runs.Count < MinimumStep2Runs)
        {
            throw new ArgumentException(
                $"Step 2 has {MinimumStep2Runs} parameters (a, k, L0, b) but there are only {runs.Count} rows; a fit needs at least {MinimumStep2Runs}.", nameof(runs));
        }

        if (runs.Select(r => r.TaskLoss).Distinct().Count() < 2 || runs.Select(r => r.Accuracy).Distinct().Count() < 2)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The task loss or the accuracy is the same in every row (task loss {runs[0].TaskLoss:G4}, accuracy {runs[0].Accuracy:G4}), so the sigmoid cannot be fitted; both must vary."), nameof(runs));
        }
    }

    // A resample is refitted only when it can identify both steps, as the full data must.
    private static bool Identifiable(IReadOnlyList<TaskRun> runs, int[] counts)
    {
        var chosen = runs.Where((_, i) => counts[i] > 0).ToList();
        var final = chosen.Where(r => r.Final).ToList();
        return final.Count >= MinimumStep1Runs
            && final.Select(r => r.Parameters.Count).Distinct().Count() >= 2
            && final.Select(r => r.Tokens.Count).Distinct().Count() >= 2
            && chosen.Count >= MinimumStep2Runs
            && chosen.Select(r => r.TaskLoss).Distinct().Count() >= 2;
    }

    private static List<TrainingRun> Step1Runs(IReadOnlyList<TaskRun> runs, int[]? counts)
        => [.. runs.Where((r, i) => r.Final && (counts is null || counts[i] > 0)).Select(ToTrainingRun)];

    private static (List<TrainingRun> Runs, int[] Counts) Step1Resample(IReadOnlyList<TaskRun> runs, int[] counts)
    {
        var selected = new List<TrainingRun>();
        var multiplicity = new List<int>();
        for (int i = 0; i < runs.Count; i++)
        {
            if (runs[i].Final && counts[i] > 0)
            {
                selected.Add(ToTrainingRun(runs[i]));
                multiplicity.Add(counts[i]);
            }
        }

        return (selected, [.. multiplicity]);
    }

    private static TrainingRun ToTrainingRun(TaskRun run) => new(run.Parameters, run.Tokens, run.TaskLoss) { Line = run.Line };

    private static SigmoidLeastSquaresObjective Step2Objective(IReadOnlyList<TaskRun> runs, int[]? counts)
    {
        var x = new List<double> { 0.0 };
        var y = new List<double> { 1.0 };
        var w = new List<double> { 1.0 };
        for (int i = 0; i < runs.Count; i++)
        {
            int times = counts is null ? 1 : counts[i];
            if (times > 0)
            {
                x.Add(runs[i].TaskLoss);
                y.Add(runs[i].Accuracy);
                w.Add(times);
            }
        }

        return new SigmoidLeastSquaresObjective([.. x], [.. y], [.. w]);
    }

    // Starts: the paper's p0 (a = chance − 1, L0 = 0.9, k = 3, b = 1) plus midpoints across the observed losses and a
    // range of steepnesses, since curve_fit's single start can land in a poor minimum on other data.
    private static double[][] Step2Starts(IReadOnlyList<TaskRun> runs)
    {
        var losses = runs.Select(r => r.TaskLoss).Order().ToArray();
        double chance = runs.Min(r => r.Accuracy);
        var starts = new List<double[]> { new[] { chance - 1.0, 0.9, 3.0, 1.0 } };
        foreach (double q in (double[])[0.1, 0.5, 0.9])
        {
            double l0 = Percentiles.Type7(losses, q);
            foreach (double k in (double[])[1.0, 3.0, 10.0, 30.0])
            {
                starts.Add([chance - 1.0, l0, k, 1.0]);
                starts.Add([chance - runs.Max(r => r.Accuracy), l0, k, runs.Max(r => r.Accuracy)]);
            }
        }

        return [.. starts];
    }

    /// <summary>The bounds of Bhagia et al.'s step-2 fit (their code's curve_fit bounds): a ∈ [−1, 0], b ∈ [0, 1].</summary>
    public const double MinimumSigmoidA = -1.0;

    /// <summary>The upper bound of b: accuracy cannot exceed 1.</summary>
    public const double MaximumSigmoidB = 1.0;

    // Least squares under the bounds a ≥ −1 and b ≤ 1 by an active set: fit unconstrained, and when the best point
    // leaves the box, refit with the violated parameters held at their bounds (the minimum then lies on that face).
    private static MultistartOutcome FitStep2(SigmoidLeastSquaresObjective objective, double[][] starts, MultistartSettings settings, CancellationToken cancellationToken)
    {
        const int n = SigmoidLeastSquaresObjective.ParameterCount;
        var outcome = Multistart.Run(n, () => objective.Evaluate, starts, settings, cancellationToken);
        bool fixA = false, fixB = false;
        for (int round = 0; round < 2 && outcome.BestStartIndex >= 0; round++)
        {
            fixA |= outcome.Theta[0] < MinimumSigmoidA;
            fixB |= outcome.Theta[3] > MaximumSigmoidB;
            if (!fixA && !fixB)
            {
                break;
            }

            bool holdA = fixA, holdB = fixB;
            int[] free = [.. Enumerable.Range(0, n).Where(i => !(i == 0 && holdA) && !(i == 3 && holdB))];
            double[] Expand(ReadOnlySpan<double> reduced)
            {
                double[] full = [MinimumSigmoidA, 0, 0, MaximumSigmoidB];
                for (int j = 0; j < free.Length; j++)
                {
                    full[free[j]] = reduced[j];
                }

                return full;
            }

            ObjectiveEvaluation Reduced()
            {
                var gradient = new double[n];
                return (theta, g) =>
                {
                    double value = objective.Evaluate(Expand(theta), gradient);
                    for (int j = 0; j < free.Length; j++)
                    {
                        g[j] = gradient[free[j]];
                    }

                    return value;
                };
            }

            var reducedStarts = starts.Select(start => free.Select(i => start[i]).ToArray()).ToArray();
            var constrained = Multistart.Run(free.Length, Reduced, reducedStarts, settings, cancellationToken);
            outcome = constrained with { Theta = constrained.BestStartIndex < 0 ? new double[n] : Expand(constrained.Theta) };
        }

        return outcome;
    }

    private static AccuracySigmoid ToSigmoid(MultistartOutcome outcome, IReadOnlyList<TaskRun> runs)
    {
        double[] s = outcome.Theta;
        if (outcome.BestStartIndex < 0 || !(s[0] < 0) || !(s[2] > 0) || !(s[3] >= 0) || !s.All(double.IsFinite))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Step 2 (accuracy from task loss): the best sigmoid has a = {s[0]:G4}, k = {s[2]:G4} and b = {s[3]:G4}, but a < 0, k > 0 and b ≥ 0 are needed: in these {runs.Count} rows accuracy does not fall as the task loss grows."),
                nameof(runs));
        }

        return new AccuracySigmoid(s[0], s[2], s[1], s[3]);
    }

    private static string StripParameter(ArgumentException ex)
    {
        string message = ex.Message;
        int at = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return at < 0 ? message : message[..at];
    }
}

/// <summary>How one step of a task-law fit went.</summary>
/// <param name="Objective">The minimised objective (step 2: ½·Σ squared accuracy residuals).</param>
/// <param name="Convergence">Whether and why the best start stopped.</param>
/// <param name="StartsTried">Starting points tried.</param>
/// <param name="StartsAtBest">Starts that reached the best objective.</param>
/// <param name="RmseAccuracy">The root-mean-square accuracy residual over the rows (not the anchor), a fraction.</param>
/// <param name="PointCount">The points fitted, the anchor included.</param>
public sealed record TaskStepFit(double Objective, FitConvergence Convergence, int StartsTried, int StartsAtBest, double RmseAccuracy, int PointCount);

/// <summary>A fitted task law and how each step went.</summary>
/// <param name="Law">The law.</param>
/// <param name="Step1">The step-1 fit (the Chinchilla-form fit of task loss).</param>
/// <param name="Step2">The step-2 fit.</param>
/// <param name="RunCount">Rows fitted by step 2.</param>
/// <param name="Step1RunCount">Final checkpoints fitted by step 1.</param>
public sealed record TaskFitResult(TaskLaw Law, FitResult<ChinchillaLaw> Step1, TaskStepFit Step2, int RunCount, int Step1RunCount);

/// <summary>Bootstrap percentile intervals of a task-law fit.</summary>
/// <param name="Confidence">Central coverage.</param>
/// <param name="Resamples">Resamples drawn.</param>
/// <param name="FailedResamples">Resamples that could not be fitted (left out).</param>
/// <param name="Seed">The seed.</param>
/// <param name="A">Step 1's A.</param>
/// <param name="Alpha">Step 1's α.</param>
/// <param name="B">Step 1's B.</param>
/// <param name="Beta">Step 1's β.</param>
/// <param name="E">Step 1's E.</param>
/// <param name="SigmoidA">Step 2's a.</param>
/// <param name="K">Step 2's k.</param>
/// <param name="L0">Step 2's L0.</param>
/// <param name="SigmoidB">Step 2's b.</param>
/// <param name="TaskLoss">The predicted task loss at the query; null without one.</param>
/// <param name="Accuracy">The predicted accuracy at the query; null without one.</param>
public sealed record TaskBootstrapResult(
    double Confidence, int Resamples, int FailedResamples, long Seed,
    ParameterInterval A, ParameterInterval Alpha, ParameterInterval B, ParameterInterval Beta, ParameterInterval E,
    ParameterInterval SigmoidA, ParameterInterval K, ParameterInterval L0, ParameterInterval SigmoidB,
    ParameterInterval? TaskLoss, ParameterInterval? Accuracy);
