namespace ScalingAdvisor.Advice;

/// <summary>What stopped the budget sweep (docs/CLI.md, <c>advise</c>).</summary>
public enum StopBound
{
    /// <summary>The next doubling of compute buys less than the minimum gain.</summary>
    DiminishingReturns,

    /// <summary>The next budget would take longer than the day limit.</summary>
    MaxDays,

    /// <summary>The next budget would cost more than the dollar limit.</summary>
    MaxCost,

    /// <summary>The next budget would emit more than the carbon limit.</summary>
    MaxCo2e,

    /// <summary>The next budget would repeat the unique data more than the epoch limit.</summary>
    Data,

    /// <summary>The next budget's model states would not fit the cluster's memory, fully sharded.</summary>
    Memory,

    /// <summary>This budget reaches the target loss.</summary>
    TargetLoss,

    /// <summary>The sweep reached its last budget.</summary>
    SweepEnd,
}

/// <summary>The CLI/JSON spelling of <see cref="StopBound"/>.</summary>
public static class StopBoundIds
{
    /// <summary>E.g. <c>diminishing-returns</c>, <c>max-days</c>.</summary>
    public static string ToId(this StopBound bound) => bound switch
    {
        StopBound.DiminishingReturns => "diminishing-returns",
        StopBound.MaxDays => "max-days",
        StopBound.MaxCost => "max-cost",
        StopBound.MaxCo2e => "max-co2e",
        StopBound.Data => "data",
        StopBound.Memory => "memory",
        StopBound.TargetLoss => "target-loss",
        _ => "sweep-end",
    };
}
