using ScalingAdvisor.Units;

namespace ScalingAdvisor.Footprint;

/// <summary>The assumptions that turn device-hours into energy, carbon and cost.</summary>
public sealed record FootprintAssumptions
{
    /// <summary>
    /// Default power usage effectiveness, 1.1: the value the LLaMA paper uses for its data centre
    /// (Touvron et al. 2023, §6), typical of large modern facilities.
    /// </summary>
    public const double DefaultPue = 1.1;

    /// <summary>The smallest PUE accepted, 1 (no facility overhead).</summary>
    public const double MinPue = 1;

    /// <summary>The largest PUE accepted, 5 (far above any reported data centre).</summary>
    public const double MaxPue = 5;

    /// <summary>
    /// Default share of TDP drawn on average, 1.0: published training footprints take the TDP as the device's
    /// power (Touvron et al. 2023 §6: 400 W per A100; Luccioni et al. 2022: 400 W per A100).
    /// </summary>
    public const double DefaultPowerFraction = 1.0;

    /// <summary>Creates the assumptions.</summary>
    /// <param name="gridIntensity">Carbon intensity of the electricity.</param>
    /// <param name="pue">Power usage effectiveness (facility ÷ IT energy), in [1, 5].</param>
    /// <param name="powerFraction">Average share of TDP drawn, in (0, 1].</param>
    /// <param name="pricePerGpuHour">Price per device-hour; null for no cost estimate (cost is then absent, not zero).</param>
    /// <param name="regionId">The region the intensity was taken from, or null when it was given directly.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public FootprintAssumptions(
        CarbonIntensity gridIntensity,
        double pue = DefaultPue,
        double powerFraction = DefaultPowerFraction,
        Money? pricePerGpuHour = null,
        string? regionId = null)
    {
        GridIntensity = gridIntensity;
        Pue = Preconditions.InRange(pue, MinPue, MaxPue);
        PowerFraction = Preconditions.Fraction(powerFraction);
        PricePerGpuHour = pricePerGpuHour;
        RegionId = regionId;
    }

    /// <summary>Carbon intensity of the electricity.</summary>
    public CarbonIntensity GridIntensity { get; }

    /// <summary>Power usage effectiveness.</summary>
    public double Pue { get; }

    /// <summary>Average share of TDP drawn.</summary>
    public double PowerFraction { get; }

    /// <summary>Price per device-hour, or null.</summary>
    public Money? PricePerGpuHour { get; }

    /// <summary>The region id the intensity came from, or null when given directly.</summary>
    public string? RegionId { get; }

    /// <summary>
    /// The average power one device draws, when known from measurement or the operator (Cloud TPU v5e and v5p publish no
    /// TDP). When set it replaces TDP × <see cref="PowerFraction"/>; when null the accelerator's TDP is used, and a device
    /// without one gets no energy or carbon estimate (<see cref="FootprintEstimate.EnergyUnavailableReason"/>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The power is zero.</exception>
    public Power? AveragePowerPerDevice
    {
        get => _averagePowerPerDevice;
        init => _averagePowerPerDevice = value is { } power ? Power.FromWatts(Preconditions.Positive(power.Watts, nameof(AveragePowerPerDevice))) : null;
    }

    private readonly Power? _averagePowerPerDevice;

    /// <summary>Assumptions using a region's grid intensity.</summary>
    /// <param name="region">The region.</param>
    /// <param name="pue">Power usage effectiveness, in [1, 5].</param>
    /// <param name="powerFraction">Average share of TDP drawn, in (0, 1].</param>
    /// <param name="pricePerGpuHour">Price per device-hour, or null.</param>
    /// <returns>The assumptions.</returns>
    /// <exception cref="ArgumentNullException">The region is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public static FootprintAssumptions ForRegion(GridRegion region, double pue = DefaultPue, double powerFraction = DefaultPowerFraction, Money? pricePerGpuHour = null)
    {
        ArgumentNullException.ThrowIfNull(region);
        return new FootprintAssumptions(region.Intensity, pue, powerFraction, pricePerGpuHour, region.Id);
    }
}
