using ScalingAdvisor.Hardware;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Footprint;

/// <summary>
/// Energy, carbon and cost of training or serving (FORMULAS.md §5):
/// energy = GPU-hours × TDP × power fraction × PUE (Touvron et al. 2023, LLaMA §6);
/// carbon = energy × grid intensity; embodied carbon = GPU-hours × embodied per GPU-hour (Luccioni et al. 2022);
/// cost = GPU-hours × price per GPU-hour.
/// </summary>
public static class FootprintCalculator
{
    /// <summary>Estimates the footprint of device-hours on an accelerator, using its TDP and embodied estimate.</summary>
    /// <param name="gpuHours">Device-hours, ≥ 0.</param>
    /// <param name="accelerator">The accelerator (must have a TDP).</param>
    /// <param name="assumptions">PUE, power fraction, grid intensity and price.</param>
    /// <returns>The estimate.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">GPU-hours is negative, NaN or infinite.</exception>
    /// <exception cref="ArgumentException">The accelerator has no published TDP.</exception>
    public static FootprintEstimate Estimate(double gpuHours, AcceleratorProfile accelerator, FootprintAssumptions assumptions)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        return Estimate(gpuHours, accelerator.RequireThermalDesignPower(), assumptions, accelerator.EmbodiedCarbonPerGpuHour);
    }

    /// <summary>Estimates the footprint of device-hours at a given rated power per device.</summary>
    /// <param name="gpuHours">Device-hours, ≥ 0.</param>
    /// <param name="powerPerDevice">Rated power per device (usually the TDP), &gt; 0; scaled by the power fraction.</param>
    /// <param name="assumptions">PUE, power fraction, grid intensity and price.</param>
    /// <param name="embodiedPerGpuHour">Embodied emissions per device-hour, if known.</param>
    /// <returns>The estimate.</returns>
    /// <exception cref="ArgumentNullException">The assumptions are null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">GPU-hours is negative, NaN or infinite, or the power is zero.</exception>
    public static FootprintEstimate Estimate(double gpuHours, Power powerPerDevice, FootprintAssumptions assumptions, CarbonMass? embodiedPerGpuHour = null)
    {
        Preconditions.NonNegative(gpuHours);
        Preconditions.Positive(powerPerDevice.Watts, nameof(powerPerDevice));
        ArgumentNullException.ThrowIfNull(assumptions);

        return Preconditions.Attributed(
            () =>
            {
                var energy = powerPerDevice * assumptions.PowerFraction * Duration.FromHours(gpuHours) * assumptions.Pue;
                var carbon = energy * assumptions.GridIntensity;
                var embodied = embodiedPerGpuHour is { } perHour ? perHour * gpuHours : (CarbonMass?)null;
                var cost = assumptions.PricePerGpuHour is { } price ? price * gpuHours : (Money?)null;
                return new FootprintEstimate(gpuHours, powerPerDevice, assumptions, energy, carbon, embodied, cost);
            },
            nameof(gpuHours),
            gpuHours);
    }
}
