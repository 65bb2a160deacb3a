using ScalingAdvisor.Units;

namespace ScalingAdvisor.Advice;

/// <summary>The user's hard limits; null means "no limit".</summary>
public sealed record ScalingLimits
{
    /// <summary>The limit on training days a scenario applies when the user sets none: 90, one quarter.</summary>
    public const double DefaultMaxDays = 90;

    /// <summary>The default most repetitions of unique data, 4 (Muennighoff et al. 2023: up to ~4 epochs are nearly as good as fresh data).</summary>
    public const double DefaultMaxEpochs = 4;

    /// <summary>Maximum wall-clock days of training.</summary>
    public double? MaxDays { get; init; }

    /// <summary>Maximum training cost (needs a price per GPU-hour).</summary>
    public Money? MaxCost { get; init; }

    /// <summary>Maximum operational emissions.</summary>
    public CarbonMass? MaxCo2e { get; init; }

    /// <summary>Unique training tokens available; with <see cref="MaxEpochs"/> caps D.</summary>
    public TokenCount? UniqueTokens { get; init; }

    /// <summary>How many times the unique data may be repeated (default <see cref="DefaultMaxEpochs"/>).</summary>
    public double MaxEpochs { get; init; } = DefaultMaxEpochs;

    /// <summary>Stop at the first budget whose predicted loss reaches this (nats per token).</summary>
    public double? TargetLoss { get; init; }

    /// <summary>Whether to require the model states to fit the cluster's memory, fully sharded.</summary>
    public bool CheckMemory { get; init; } = true;
}
