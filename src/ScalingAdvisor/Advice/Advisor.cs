using System.Globalization;
using ScalingAdvisor.Footprint;
using ScalingAdvisor.Laws;
using ScalingAdvisor.Performance;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Advice;

/// <summary>
/// "Stop scaling here": sweeps compute budgets C = from·2^(k/s), allocates each with the law
/// (compute-optimal, data-constrained or inference-aware), prices it on the cluster, and applies the
/// stop rule of ../shared/design/CLI.md: keep stepping up while the next doubling buys at least the
/// minimum gain (FORMULAS.md §8) and the next budget meets every limit; stop at the first budget that
/// reaches the target loss.
/// </summary>
public static class Advisor
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Runs the sweep and the stop rule.</summary>
    /// <exception cref="ArgumentException">The scenario is inconsistent (e.g. from ≥ to, or a cost limit without a price).</exception>
    public static AdviceResult Advise(AdviceScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        Validate(scenario);

        var budgets = Budgets(scenario);
        var frontier = new BudgetPoint[budgets.Count];
        for (int k = 0; k < budgets.Count; k++)
        {
            frontier[k] = Evaluate(scenario, budgets[k]);
        }

        var recommendation = Stop(scenario, frontier, out int? index);
        var findings = Findings(scenario, recommendation);
        return new AdviceResult(scenario, recommendation, frontier, index, findings);
    }

    /// <summary>The swept budgets, from <c>From</c> up to and including <c>To</c> (within rounding).</summary>
    private static List<FlopCount> Budgets(AdviceScenario scenario)
    {
        var budgets = new List<FlopCount>();
        double steps = scenario.StepsPerDoubling;
        for (int k = 0; ; k++)
        {
            double c = scenario.From.Flops * Math.Pow(2, k / steps);
            if (c > scenario.To.Flops * (1 + 1e-9)) break;
            budgets.Add(FlopCount.FromFlops(c));
        }

        return budgets;
    }

    private static void Validate(AdviceScenario scenario)
    {
        Preconditions.PositiveInt(scenario.StepsPerDoubling, nameof(scenario.StepsPerDoubling));
        Preconditions.Positive(scenario.MinGainNats, nameof(scenario.MinGainNats));
        Preconditions.Positive(scenario.From.Flops, nameof(scenario.From));
        Preconditions.Positive(scenario.StateBytesPerParameter, nameof(scenario.StateBytesPerParameter));
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

        if (scenario.Law is IDataConstrainedLossLaw && limits.UniqueTokens is null)
        {
            throw new ArgumentException($"Law {scenario.Law.Id} models repeated data and needs the unique tokens available (scenario.Limits.UniqueTokens).", nameof(scenario));
        }
    }

    private static Allocation Allocate(AdviceScenario scenario, FlopCount budget)
    {
        // Single-epoch laws are allocated unconstrained and the data limit is checked against U·epochs;
        // the data-constrained law prices repetition itself (Muennighoff et al. 2023).
        var options = new AllocationOptions
        {
            UniqueTokens = scenario.Law is IDataConstrainedLossLaw ? scenario.Limits.UniqueTokens : null,
            InferenceTokens = scenario.InferenceTokens,
        };
        return LawSolver.Allocate(scenario.Law, budget, options);
    }

    private static BudgetPoint Evaluate(AdviceScenario scenario, FlopCount budget)
    {
        var allocation = Allocate(scenario, budget);
        var doubled = Allocate(scenario, budget * 2);
        var time = TrainingTime.Estimate(allocation.TrainingFlops, scenario.Cluster, scenario.Efficiency);
        var footprint = FootprintCalculator.Estimate(time.GpuHours, scenario.Cluster.Accelerator, scenario.Footprint);
        var stateBytes = ByteSize.FromBytes(allocation.Parameters.Count * scenario.StateBytesPerParameter / scenario.Cluster.Devices);
        double? epochs = scenario.Limits.UniqueTokens is { } unique ? allocation.Tokens.Count / unique.Count : null;
        return new BudgetPoint(
            budget,
            allocation.Parameters,
            allocation.Tokens,
            allocation.Loss,
            allocation.Loss - doubled.Loss,
            time.WallTime,
            time.GpuHours,
            footprint.Energy,
            footprint.Carbon,
            footprint.Cost,
            stateBytes,
            stateBytes <= scenario.Cluster.Accelerator.Memory,
            epochs);
    }

    /// <summary>The first hard limit a point breaks, with a sentence; null when it meets them all.</summary>
    private static (StopBound Bound, string Why)? BrokenLimit(AdviceScenario scenario, BudgetPoint point)
    {
        var limits = scenario.Limits;
        if (limits.MaxDays is { } maxDays && point.WallTime.TotalDays > maxDays)
            return (StopBound.MaxDays, $"would take {Num(point.WallTime.TotalDays)} days > {Num(maxDays)}-day limit");
        if (limits.MaxCost is { } maxCost && point.Cost is { } cost && cost > maxCost)
            return (StopBound.MaxCost, $"would cost ${Num(cost.Usd)} > ${Num(maxCost.Usd)} limit");
        if (limits.MaxCo2e is { } maxCo2e && point.Co2e > maxCo2e)
            return (StopBound.MaxCo2e, $"would emit {Num(point.Co2e.Kilograms)} kgCO2e > {Num(maxCo2e.Kilograms)} kgCO2e limit");
        if (point.Epochs is { } epochs && epochs > limits.MaxEpochs)
            return (StopBound.Data, $"would need {Num(epochs)} epochs of the unique data > {Num(limits.MaxEpochs)}-epoch limit");
        if (limits.CheckMemory && !point.FitsMemory)
            return (StopBound.Memory, $"would need {Num(point.StateBytesPerGpu.TotalGigabytes)} GB of training state per GPU > {Num(scenario.Cluster.Accelerator.Memory.TotalGigabytes)} GB of {scenario.Cluster.Accelerator.Id} memory");
        return null;
    }

    private static Recommendation Stop(AdviceScenario scenario, BudgetPoint[] frontier, out int? index)
    {
        index = null;
        if (BrokenLimit(scenario, frontier[0]) is { } first)
        {
            return new Recommendation(null, first.Bound, $"Even the smallest budget ({Sci(frontier[0].Budget.Flops)} FLOPs) {first.Why}.");
        }

        for (int k = 0; k < frontier.Length; k++)
        {
            var point = frontier[k];
            index = k;
            if (scenario.Limits.TargetLoss is { } target && point.Loss <= target)
                return new Recommendation(point, StopBound.TargetLoss, $"{Sci(point.Budget.Flops)} FLOPs reaches loss {Num(point.Loss)} ≤ target {Num(target)}.");
            if (k == frontier.Length - 1)
                return new Recommendation(point, StopBound.SweepEnd, $"The sweep ends at {Sci(point.Budget.Flops)} FLOPs with every limit met; raise --to to look further.");
            if (BrokenLimit(scenario, frontier[k + 1]) is { } broken)
                return new Recommendation(point, broken.Bound, $"The next budget ({Sci(frontier[k + 1].Budget.Flops)} FLOPs) {broken.Why}.");
            if (point.GainNextDoubling < scenario.MinGainNats)
                return new Recommendation(point, StopBound.DiminishingReturns, $"The next doubling buys {Num(point.GainNextDoubling)} nats < {Num(scenario.MinGainNats)} minimum gain.");
        }

        throw new InvalidOperationException("The sweep is empty.");
    }

    private static List<string> Findings(AdviceScenario scenario, Recommendation recommendation)
    {
        var findings = new List<string>();
        if (recommendation.Point is not { } point) return findings;
        if (point.Epochs is { } epochs && epochs > 1)
            findings.Add($"The recommended model needs {Num(epochs)} epochs of your unique data.");
        const double ReferenceMfu = 0.55;
        if (scenario.Efficiency.Mfu is { } mfu && mfu < ReferenceMfu)
            findings.Add($"At MFU {Num(mfu)} the run is {Num((ReferenceMfu / mfu - 1) * 100)}% longer than at {Num(ReferenceMfu)}.");
        return findings;
    }

    private static string Num(double value) => QuantityFormatter.Significant(value, 3);

    private static string Sci(double value) => QuantityFormatter.FormatScientific(value, 3);
}
