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
    /// <summary>
    /// Estimates the footprint of device-hours on an accelerator: at the assumptions' average power per device when
    /// given, else at the accelerator's TDP × power fraction. A device with neither (Cloud TPU v5e, v5p publish no TDP)
    /// still gets its GPU-hours and cost; its energy and carbon are null, with the reason in
    /// <see cref="FootprintEstimate.EnergyUnavailableReason"/>.
    /// </summary>
    /// <param name="gpuHours">Device-hours, ≥ 0.</param>
    /// <param name="accelerator">The accelerator.</param>
    /// <param name="assumptions">PUE, power fraction or average power, grid intensity and price.</param>
    /// <returns>The estimate.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">GPU-hours is negative, NaN or infinite, or a result cannot be represented.</exception>
    public static FootprintEstimate Estimate(double gpuHours, AcceleratorProfile accelerator, FootprintAssumptions assumptions)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        ArgumentNullException.ThrowIfNull(assumptions);
        if (assumptions.AveragePowerPerDevice is { } average)
        {
            // The given power is what a device draws on average, so the share of TDP does not apply again.
            var drawn = Estimate(gpuHours, average, assumptions, accelerator.EmbodiedCarbonPerGpuHour, powerFraction: 1.0);
            return drawn with { PowerWasGiven = true };
        }

        if (accelerator.ThermalDesignPower is { } tdp)
        {
            return Estimate(gpuHours, tdp, assumptions, accelerator.EmbodiedCarbonPerGpuHour);
        }

        Preconditions.NonNegative(gpuHours);
        return Preconditions.Attributed(
            () =>
            {
                var cost = assumptions.PricePerGpuHour is { } price ? price * gpuHours : (Money?)null;
                var embodied = accelerator.EmbodiedCarbonPerGpuHour is { } perHour ? perHour * gpuHours : (CarbonMass?)null;
                return new FootprintEstimate(gpuHours, null, assumptions, null, null, embodied, cost)
                {
                    EnergyUnavailableReason = $"{accelerator.Id} has no published TDP, so energy and CO2e need an average power per device.",
                };
            },
            nameof(gpuHours),
            gpuHours);
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
        ArgumentNullException.ThrowIfNull(assumptions);
        return Estimate(gpuHours, powerPerDevice, assumptions, embodiedPerGpuHour, assumptions.PowerFraction);
    }

    private static FootprintEstimate Estimate(double gpuHours, Power powerPerDevice, FootprintAssumptions assumptions, CarbonMass? embodiedPerGpuHour, double powerFraction)
    {
        Preconditions.NonNegative(gpuHours);
        Preconditions.Positive(powerPerDevice.Watts, nameof(powerPerDevice));

        return Preconditions.Attributed(
            () =>
            {
                var energy = powerPerDevice * powerFraction * Duration.FromHours(gpuHours) * assumptions.Pue;
                var carbon = energy * assumptions.GridIntensity;
                var embodied = embodiedPerGpuHour is { } perHour ? perHour * gpuHours : (CarbonMass?)null;
                var cost = assumptions.PricePerGpuHour is { } price ? price * gpuHours : (Money?)null;
                return new FootprintEstimate(gpuHours, powerPerDevice, assumptions, energy, carbon, embodied, cost);
            },
            nameof(gpuHours),
            gpuHours);
    }
}
