using ScalingAdvisor.Units;

namespace ScalingAdvisor.Footprint;

/// <summary>Energy, carbon and cost of a number of device-hours, with the assumptions used.</summary>
/// <param name="GpuHours">Device-hours.</param>
/// <param name="PowerPerDevice">
/// Rated power per device (TDP) before the power fraction, or the given average power; null when neither is known.
/// </param>
/// <param name="Assumptions">PUE, power fraction, grid intensity, price.</param>
/// <param name="Energy">Facility energy: GPU-hours × power × fraction × PUE; null when no power is known.</param>
/// <param name="Carbon">Operational emissions: energy × grid intensity; null when no power is known.</param>
/// <param name="EmbodiedCarbon">Manufacturing emissions amortised over the device-hours, when the profile has an estimate; else null.</param>
/// <param name="Cost">GPU-hours × price; null when no price was given.</param>
public sealed record FootprintEstimate(
    double GpuHours,
    Power? PowerPerDevice,
    FootprintAssumptions Assumptions,
    Energy? Energy,
    CarbonMass? Carbon,
    CarbonMass? EmbodiedCarbon,
    Money? Cost)
{
    /// <summary>Why <see cref="Energy"/> and <see cref="Carbon"/> are null (no power figure for the device); null when they have values.</summary>
    public string? EnergyUnavailableReason { get; init; }

    /// <summary>
    /// Whether <see cref="PowerPerDevice"/> is an average power the caller gave (drawn as is) rather than the TDP
    /// (scaled by the power fraction).
    /// </summary>
    public bool PowerWasGiven { get; init; }

    /// <summary>Operational plus embodied emissions (operational only when no embodied estimate exists); null without an energy estimate.</summary>
    public CarbonMass? TotalCarbon => Carbon is { } operational
        ? (EmbodiedCarbon is { } embodied ? operational + embodied : operational)
        : null;
}
