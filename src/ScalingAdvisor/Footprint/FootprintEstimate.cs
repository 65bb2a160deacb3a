using ScalingAdvisor.Units;

namespace ScalingAdvisor.Footprint;

/// <summary>Energy, carbon and cost of a number of device-hours, with the assumptions used.</summary>
/// <param name="GpuHours">Device-hours.</param>
/// <param name="PowerPerDevice">Rated power per device (TDP) before the power fraction.</param>
/// <param name="Assumptions">PUE, power fraction, grid intensity, price.</param>
/// <param name="Energy">Facility energy: GPU-hours × power × fraction × PUE.</param>
/// <param name="Carbon">Operational emissions: energy × grid intensity.</param>
/// <param name="EmbodiedCarbon">Manufacturing emissions amortised over the device-hours, when the profile has an estimate; else null.</param>
/// <param name="Cost">GPU-hours × price; null when no price was given.</param>
public sealed record FootprintEstimate(
    double GpuHours,
    Power PowerPerDevice,
    FootprintAssumptions Assumptions,
    Energy Energy,
    CarbonMass Carbon,
    CarbonMass? EmbodiedCarbon,
    Money? Cost)
{
    /// <summary>Operational plus embodied emissions (operational only when no embodied estimate exists).</summary>
    public CarbonMass TotalCarbon => EmbodiedCarbon is { } embodied ? Carbon + embodied : Carbon;
}
