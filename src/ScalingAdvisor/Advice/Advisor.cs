using System.Globalization;
using ScalingAdvisor.Fitting;
using ScalingAdvisor.Laws;
using ScalingAdvisor.Performance;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Advice;

/// <summary>
/// "Stop scaling here": sweeps compute budgets C = from·2^(k/s), allocates each with the law
/// (compute-optimal, data-constrained or inference-aware), prices it on the cluster, and applies the
/// stop rule of docs/CLI.md: keep stepping up while the next doubling buys at least the
/// minimum gain (FORMULAS.md §8) and the next budget meets every limit; stop at the first budget that
/// reaches the target loss.
/// </summary>
public static class Advisor
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Runs the sweep and the stop rule, and with <see cref="AdviceScenario.Uncertainty"/> the interval.</summary>
    /// <param name="scenario">The scenario.</param>
    /// <returns>The recommendation, the whole frontier and findings.</returns>
    /// <exception cref="ArgumentException">The scenario is inconsistent (e.g. from ≥ to, or a cost limit without a price).</exception>
    public static AdviceResult Advise(AdviceScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        Validate(scenario);

        var sweep = new Sweep(scenario, scenario.Law);
        var frontier = new BudgetPoint[sweep.Count];
        for (int k = 0; k < frontier.Length; k++)
        {
            frontier[k] = sweep.At(k);
        }

        var recommendation = Stop(scenario, frontier.Length, k => frontier[k], out int? index);
        var interval = recommendation.Point is { } point && scenario.Uncertainty is { } uncertainty
            ? IntervalOver(scenario, uncertainty, point)
            : null;
        var findings = Findings(scenario, recommendation, interval);
        if (scenario.PredictMfu)
        {
            PredictionFindings(scenario, recommendation, frontier, findings);
        }

        if (sweep.EnergyUnavailableReason is { } noEnergy)
        {
            findings.Insert(0, "No energy or CO2e: " + noEnergy);
        }

        return new AdviceResult(scenario, recommendation, frontier, index, findings)
        {
            Interval = interval,
            EnergyUnavailableReason = sweep.EnergyUnavailableReason,
            TaskPredictions = scenario.Task is { } goal ? [.. frontier.Select(p => goal.Law.Predict(p.Parameters, p.Tokens))] : null,
        };
    }

    /// <summary>
    /// Advises the same scenario on several clusters (e.g. GPU types or counts side by side): one result per cluster,
    /// in order.
    /// </summary>
    /// <param name="scenario">The scenario; its cluster is replaced by each of <paramref name="clusters"/>.</param>
    /// <param name="clusters">The clusters.</param>
    /// <returns>One result per cluster.</returns>
    /// <exception cref="ArgumentException">The scenario is inconsistent on a cluster.</exception>
    public static IReadOnlyList<AdviceResult> Advise(AdviceScenario scenario, IReadOnlyList<TrainingCluster> clusters)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(clusters);
        var results = new AdviceResult[clusters.Count];
        for (int i = 0; i < results.Length; i++)
        {
            results[i] = Advise(scenario with { Cluster = Preconditions.NotNull(clusters[i], nameof(clusters)) });
        }

        return results;
    }

    /// <summary>
    /// The bootstrap band of the loss frontier: at every budget of <paramref name="result"/>'s frontier, the loss of that
    /// budget's allocation under the point-estimate law and the central percentile interval of the same allocation under
    /// each resampled law of <see cref="AdviceScenario.Uncertainty"/> (Efron 1979; Besiroglu et al. 2024 §3).
    /// </summary>
    /// <param name="result">An advice result.</param>
    /// <returns>One interval per frontier point, in order; null when the scenario carries no uncertainty.</returns>
    /// <remarks>Internal for the CLI's plots (issue 19) until the band is part of <see cref="AdviceResult"/>.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    internal static IReadOnlyList<ParameterInterval>? FrontierLossBand(AdviceResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Scenario.Uncertainty is not { } uncertainty)
        {
            return null;
        }

        uncertainty.Validate();
        var sweeps = uncertainty.Samples.Select(law => new Sweep(result.Scenario, law)).ToList();
        var band = new ParameterInterval[result.Frontier.Count];
        for (int k = 0; k < band.Length; k++)
        {
            var point = result.Frontier[k];
            band[k] = uncertainty.Percentile(point.Loss, sweeps.Where(s => k < s.Count).Select(s => s.LossAt(k)), nameof(result), point.Budget.Flops);
        }

        return band;
    }

    /// <summary>Reruns the stop rule under every resampled law and takes percentiles of where it stops.</summary>
    private static RecommendationInterval IntervalOver(AdviceScenario scenario, LawUncertainty uncertainty, BudgetPoint estimate)
    {
        var stops = new List<BudgetPoint>(uncertainty.Samples.Count);
        var counts = new Dictionary<StopBound, int>();
        foreach (var law in uncertainty.Samples)
        {
            var sweep = new Sweep(scenario, law);
            var recommendation = Stop(scenario, sweep.Count, sweep.At, out _);
            counts[recommendation.BoundBy] = counts.GetValueOrDefault(recommendation.BoundBy) + 1;
            if (recommendation.Point is { } point)
            {
                stops.Add(point);
            }
        }

        double low = (1 - uncertainty.Confidence) / 2, high = 1 - low;
        ParameterInterval Interval(Func<BudgetPoint, double> value)
        {
            double[] sorted = stops.Count == 0 ? [value(estimate)] : [.. stops.Select(value).Order()];
            return new ParameterInterval(value(estimate), Percentiles.Type7(sorted, low), Percentiles.Type7(sorted, high));
        }

        return new RecommendationInterval(
            uncertainty.Confidence,
            uncertainty.Samples.Count,
            uncertainty.Samples.Count - stops.Count,
            Interval(p => p.Budget.Flops),
            Interval(p => p.Parameters.Count),
            Interval(p => p.Tokens.Count),
            Interval(p => p.Loss),
            counts);
    }

    /// <summary>The most budgets one sweep evaluates (issue 14: inputs are bounded); 1e18 to 1e27 FLOPs is 30.</summary>
    public const int MaxBudgets = 10_000;

    private static void Validate(AdviceScenario scenario)
    {
        Preconditions.PositiveInt(scenario.StepsPerDoubling, nameof(scenario.StepsPerDoubling));
        Preconditions.Positive(scenario.MinGainNats, nameof(scenario.MinGainNats));
        if (scenario.Task is { } task)
        {
            ArgumentNullException.ThrowIfNull(task.Law, nameof(scenario));
            Preconditions.Positive(task.MinGainPoints, nameof(task.MinGainPoints));
        }

        Preconditions.Positive(scenario.From.Flops, nameof(scenario.From));
        if (!(Math.Log2(scenario.To.Flops / scenario.From.Flops) * scenario.StepsPerDoubling <= MaxBudgets))
        {
            throw new ArgumentOutOfRangeException(nameof(scenario), scenario.From.Flops, string.Create(Invariant,
                $"scenario.From: a sweep from {scenario.From.Flops:E3} to {scenario.To.Flops:E3} FLOPs at {scenario.StepsPerDoubling} steps per doubling has more than {MaxBudgets} budgets; narrow the range."));
        }

        ArgumentNullException.ThrowIfNull(scenario.Memory);
        scenario.Memory.Validate();
        if (scenario.Memory.TensorParallel is { } t && t > scenario.Cluster.Devices)
        {
            throw new ArgumentOutOfRangeException(nameof(scenario), t,
                $"scenario.Memory.TensorParallel: tensor parallelism over {t} GPUs needs at least that many, but the cluster has {scenario.Cluster.Devices}.");
        }

        scenario.Uncertainty?.Validate();
        if (scenario.From >= scenario.To)
        {
            throw new ArgumentOutOfRangeException(nameof(scenario), scenario.From.Flops,
                $"scenario.From: the sweep must go up: from ({scenario.From.Flops.ToString("E3", Invariant)} FLOPs) should be below to ({scenario.To.Flops.ToString("E3", Invariant)} FLOPs).");
        }

        var limits = scenario.Limits;
        if (limits.MaxDays is { } days) Preconditions.Positive(days, nameof(limits.MaxDays));
        Preconditions.Positive(limits.MaxEpochs, nameof(limits.MaxEpochs));
        if (limits.TargetLoss is { } target) Preconditions.Positive(target, nameof(limits.TargetLoss));
        if (limits.MaxCost is not null && scenario.Footprint.PricePerGpuHour is null)
        {
            throw new ArgumentException("scenario.Limits.MaxCost: a cost limit needs a price per GPU-hour.", nameof(scenario));
        }

        if (limits.MaxCo2e is not null && scenario.Footprint.AveragePowerPerDevice is null && scenario.Cluster.Accelerator.ThermalDesignPower is null)
        {
            throw new ArgumentException(
                $"scenario.Limits.MaxCo2e: a CO2e limit needs an energy estimate, and {scenario.Cluster.Accelerator.Id} has no published TDP; give an average power per device.",
                nameof(scenario));
        }

        if (scenario.Law is IDataConstrainedLossLaw && limits.UniqueTokens is null)
        {
            throw new ArgumentException($"Law {scenario.Law.Id} models repeated data and needs the unique tokens available (scenario.Limits.UniqueTokens).", nameof(scenario));
        }
    }

    /// <summary>The first hard limit a point breaks, with a sentence; null when it meets them all.</summary>
    private static (StopBound Bound, string Why)? BrokenLimit(AdviceScenario scenario, BudgetPoint point)
    {
        var limits = scenario.Limits;
        if (limits.MaxDays is { } maxDays && point.WallTime.TotalDays > maxDays)
            return (StopBound.MaxDays, $"would take {Num(point.WallTime.TotalDays)} days > {Num(maxDays)}-day limit");
        if (limits.MaxCost is { } maxCost && point.Cost is { } cost && cost > maxCost)
            return (StopBound.MaxCost, $"would cost ${Num(cost.Usd)} > ${Num(maxCost.Usd)} limit");
        if (limits.MaxCo2e is { } maxCo2e && point.Co2e is { } co2e && co2e > maxCo2e)
            return (StopBound.MaxCo2e, $"would emit {Num(co2e.Kilograms)} kgCO2e > {Num(maxCo2e.Kilograms)} kgCO2e limit");
        if (point.Epochs is { } epochs && epochs > limits.MaxEpochs)
            return (StopBound.Data, $"would need {Num(epochs)} epochs of the unique data > {Num(limits.MaxEpochs)}-epoch limit");
        if (limits.CheckMemory && !point.FitsMemory)
            return (StopBound.Memory, $"would need {Num(point.MemoryBytesPerGpu.TotalGigabytes)} GB per GPU ({Num(point.StateBytesPerGpu.TotalGigabytes)} GB of sharded states + {Num(point.ActivationBytesPerGpu.TotalGigabytes)} GB of activations at micro-batch {scenario.Memory.MicroBatchSize}, tensor-parallel {scenario.Memory.TensorParallelOn(scenario.Cluster.Devices)}) > {Num(scenario.Cluster.Accelerator.Memory.TotalGigabytes)} GB of {scenario.Cluster.Accelerator.Id} memory");
        return null;
    }

    /// <summary>
    /// The stop rule of CLI.md over budgets 0..count−1, evaluating each point once and no further than needed:
    /// stop at the first budget reaching the target loss; otherwise keep stepping while the next budget meets every
    /// limit and this doubling still buys the minimum gain.
    /// </summary>
    private static Recommendation Stop(AdviceScenario scenario, int count, Func<int, BudgetPoint> pointAt, out int? index)
    {
        index = null;
        var point = pointAt(0);
        if (BrokenLimit(scenario, point) is { } first)
        {
            return new Recommendation(null, first.Bound, $"Even the smallest budget ({Sci(point.Budget.Flops)} FLOPs) {first.Why}.");
        }

        for (int k = 0; k < count; k++)
        {
            index = k;
            if (scenario.Limits.TargetLoss is { } target && point.Loss <= target)
                return new Recommendation(point, StopBound.TargetLoss, $"{Sci(point.Budget.Flops)} FLOPs reaches loss {Num(point.Loss)} ≤ target {Num(target)}.");
            if (k == count - 1)
                return new Recommendation(point, StopBound.SweepEnd, $"The sweep ends at {Sci(point.Budget.Flops)} FLOPs with every limit met; raise --to to look further.");
            var next = pointAt(k + 1);
            if (BrokenLimit(scenario, next) is { } broken)
                return new Recommendation(point, broken.Bound, $"The next budget ({Sci(next.Budget.Flops)} FLOPs) {broken.Why}.");
            if (scenario.Task is { } goal)
            {
                // A doubling is StepsPerDoubling budgets ahead; near the sweep's end it is not known, and the rule waits.
                if (k + scenario.StepsPerDoubling < count && GainPoints(goal, point, pointAt(k + scenario.StepsPerDoubling)) is var points && points < goal.MinGainPoints)
                    return new Recommendation(point, StopBound.DiminishingReturns,
                        $"The next doubling buys {Num(points)} accuracy points on {goal.Law.Task} (and {Num(point.GainNextDoubling)} nats of loss) < {Num(goal.MinGainPoints)}-point minimum gain.");
            }
            else if (point.GainNextDoubling < scenario.MinGainNats)
                return new Recommendation(point, StopBound.DiminishingReturns, $"The next doubling buys {Num(point.GainNextDoubling)} nats < {Num(scenario.MinGainNats)} minimum gain.");
            point = next;
        }

        throw new InvalidOperationException("The sweep is empty.");
    }

    /// <summary>The accuracy points the task law gains from one budget's allocation to another's.</summary>
    internal static double GainPoints(TaskGoal goal, BudgetPoint from, BudgetPoint to)
        => goal.Law.Predict(to.Parameters, to.Tokens).AccuracyPoints - goal.Law.Predict(from.Parameters, from.Tokens).AccuracyPoints;

    private static List<string> Findings(AdviceScenario scenario, Recommendation recommendation, RecommendationInterval? interval)
    {
        var findings = new List<string>();
        if (recommendation.Point is not { } point) return findings;
        if (point.Epochs is { } epochs && epochs > 1)
            findings.Add($"The recommended model needs {Num(epochs)} epochs of your unique data.");
        if (scenario.Task is { } task)
            findings.Add($"Accuracy on {task.Law.Task} comes from task law {task.Law.Id} ({task.Law.Source}), evaluated at the loss law's N and D; "
                + $"at the recommendation it predicts {Num(task.Law.Predict(point.Parameters, point.Tokens).AccuracyPoints)} points.");
        if (scenario.Law is IStoredParametersLaw storage)
            findings.Add(storage.StorageNote);
        const double ReferenceMfu = 0.55;
        if ((scenario.PredictMfu ? point.Mfu : scenario.Efficiency.Mfu) is { } mfu && mfu < ReferenceMfu)
            findings.Add($"At MFU {Num(mfu)} the run is {Num((ReferenceMfu / mfu - 1) * 100)}% longer than at {Num(ReferenceMfu)}.");
        if (interval is { } i)
        {
            findings.Add($"Over {i.Samples} bootstrap refits of the law, the stop budget spans {Sci(i.BudgetFlops.Low)}–{Sci(i.BudgetFlops.High)} FLOPs "
                + $"({Num(i.Confidence * 100)}% interval), with N {Sci(i.Parameters.Low)}–{Sci(i.Parameters.High)} and loss {Num(i.Loss.Low)}–{Num(i.Loss.High)}.");
            if (i.WithoutRecommendation > 0)
                findings.Add($"Under {i.WithoutRecommendation} of the {i.Samples} refits even the smallest budget breaks a limit; they are left out of the interval.");
        }

        return findings;
    }

    /// <summary>What <see cref="AdviceScenario.PredictMfu"/> did: the recommendation's predicted MFU and the budgets left at the flat one.</summary>
    private static void PredictionFindings(AdviceScenario scenario, Recommendation recommendation, BudgetPoint[] frontier, List<string> findings)
    {
        if (recommendation.Point is { MfuPredicted: true } point)
        {
            findings.Insert(0, $"MFU {Num(point.Mfu)} at the recommendation is predicted by the step-time model; each budget has its own.");
        }

        int flat = frontier.Count(p => !p.MfuPredicted);
        if (flat > 0)
        {
            findings.Add($"The step-time model could not predict the MFU at {flat} of {frontier.Length} budgets; they are priced at the flat MFU {Num(frontier.First(p => !p.MfuPredicted).Mfu)}.");
        }
    }

    private static string Num(double value) => QuantityFormatter.Significant(value, 3);

    private static string Sci(double value) => QuantityFormatter.FormatScientific(value, 3);
}
