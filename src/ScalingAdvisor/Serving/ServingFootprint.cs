using ScalingAdvisor.Footprint;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Serving;

/// <summary>What a million tokens cost to serve (<see cref="ServingEstimator.Footprint"/>).</summary>
/// <param name="PerMillionOutputTokens">GPU-hours, energy, CO2e and cost of a million output tokens (whole requests' time).</param>
/// <param name="CostPerMillionInputTokens">Cost of a million prompt tokens (the prefill's time); null without a price.</param>
public sealed record ServingFootprint(FootprintEstimate PerMillionOutputTokens, Money? CostPerMillionInputTokens);
