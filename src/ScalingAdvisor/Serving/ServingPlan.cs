using ScalingAdvisor.Footprint;

namespace ScalingAdvisor.Serving;

/// <summary>What stops a planned replica from taking a larger batch.</summary>
public enum ServingLimit
{
    /// <summary>One more request's KV cache does not fit in memory.</summary>
    Memory,

    /// <summary>One more request would push the time to first token past the SLO.</summary>
    TimeToFirstTokenSlo,

    /// <summary>One more request would push the time per output token past the SLO.</summary>
    TimePerOutputTokenSlo,

    /// <summary>The batch reached the largest the plan searches (<see cref="ServingPlanner.DefaultMaxBatch"/> or the one given).</summary>
    BatchCap,
}

/// <summary>One configuration of the plan: its estimate, its price per million tokens and what binds it.</summary>
/// <param name="Estimate">The replica's estimate at the chosen G, weight width and batch.</param>
/// <param name="Footprint">Cost, energy and CO2e per million output tokens.</param>
/// <param name="BindingLimit">Why the batch is not larger.</param>
public sealed record ServingPlanOption(ServingEstimate Estimate, ServingFootprint Footprint, ServingLimit BindingLimit)
{
    /// <summary>What the plan ranks by: cost per million output tokens with a price, else GPU-hours per million.</summary>
    public double RankingValue => Footprint.PerMillionOutputTokens.Cost?.Usd ?? Estimate.GpuHoursPerMillionOutputTokens;
}

/// <summary>A fleet serving a daily volume: replicas of the chosen configuration, provisioned around the clock.</summary>
/// <param name="OutputTokensPerDay">The volume served, output tokens per day.</param>
/// <param name="Replicas">⌈volume ÷ (output tokens/s of one replica × 86,400)⌉.</param>
/// <param name="Gpus">Replicas × G.</param>
/// <param name="Daily">GPU-hours (GPUs × 24), energy, CO2e and cost of a day.</param>
/// <param name="Annual">The same over 365 days.</param>
public sealed record ServingFleet(double OutputTokensPerDay, long Replicas, long Gpus, FootprintEstimate Daily, FootprintEstimate Annual);

/// <summary>A device on which no configuration meets the SLO, with the reason.</summary>
/// <param name="AcceleratorId">The device's catalog id.</param>
/// <param name="Reason">Why, in a sentence (the last configuration's failure).</param>
public sealed record ServingPlanMiss(string AcceleratorId, string Reason);

/// <summary>The cheapest configuration meeting an SLO (<see cref="ServingPlanner.Plan"/>), the best one per device, and the fleet.</summary>
/// <param name="Best">The cheapest configuration over every device searched; null when none meets the SLO.</param>
/// <param name="PerAccelerator">The cheapest configuration of each device that has one, cheapest first.</param>
/// <param name="Unmet">Devices with no configuration meeting the SLO, each with the reason.</param>
/// <param name="Fleet">The fleet for the daily volume; null without one or without a best configuration.</param>
/// <param name="Evaluated">Configurations estimated during the search.</param>
public sealed record ServingPlan(
    ServingPlanOption? Best,
    IReadOnlyList<ServingPlanOption> PerAccelerator,
    IReadOnlyList<ServingPlanMiss> Unmet,
    ServingFleet? Fleet,
    int Evaluated);
