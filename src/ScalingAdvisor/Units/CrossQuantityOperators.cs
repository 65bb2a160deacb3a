namespace ScalingAdvisor.Units;

// Every operator that combines two different quantities lives in this file, so the
// dimensional algebra of the library can be read in one place.

public readonly partial struct FlopCount
{
    /// <summary>Time to do <paramref name="work"/> at <paramref name="rate"/>: FLOPs ÷ FLOP/s = seconds.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The rate is zero.</exception>
    public static Duration operator /(FlopCount work, FlopRate rate)
        => Duration.FromSeconds(Preconditions.FiniteResult(work.Flops / Preconditions.Positive(rate.FlopsPerSecond, nameof(rate)), nameof(rate), rate.FlopsPerSecond));

    /// <summary>Average rate of <paramref name="work"/> done over <paramref name="time"/>: FLOPs ÷ seconds = FLOP/s.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The duration is zero.</exception>
    public static FlopRate operator /(FlopCount work, Duration time)
        => FlopRate.FromFlopsPerSecond(Preconditions.FiniteResult(work.Flops / Preconditions.Positive(time.TotalSeconds, nameof(time)), nameof(time), time.TotalSeconds));
}

public readonly partial struct FlopRate
{
    /// <summary>Work done at <paramref name="rate"/> for <paramref name="time"/>: FLOP/s × seconds = FLOPs.</summary>
    public static FlopCount operator *(FlopRate rate, Duration time)
        => FlopCount.FromFlops(Preconditions.FiniteResult(rate.FlopsPerSecond * time.TotalSeconds, nameof(time), time.TotalSeconds));

    /// <summary>Work done at <paramref name="rate"/> for <paramref name="time"/>: seconds × FLOP/s = FLOPs.</summary>
    public static FlopCount operator *(Duration time, FlopRate rate) => rate * time;
}

public readonly partial struct ByteSize
{
    /// <summary>Time to move <paramref name="size"/> at <paramref name="bandwidth"/>: bytes ÷ bytes/s = seconds.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The bandwidth is zero.</exception>
    public static Duration operator /(ByteSize size, ByteRate bandwidth)
        => Duration.FromSeconds(Preconditions.FiniteResult(size.Bytes / Preconditions.Positive(bandwidth.BytesPerSecond, nameof(bandwidth)), nameof(bandwidth), bandwidth.BytesPerSecond));
}

public readonly partial struct Power
{
    /// <summary>Energy drawn at <paramref name="power"/> for <paramref name="time"/>: watts × seconds = joules.</summary>
    public static Energy operator *(Power power, Duration time)
        => Energy.FromJoules(Preconditions.FiniteResult(power.Watts * time.TotalSeconds, nameof(time), time.TotalSeconds));

    /// <summary>Energy drawn at <paramref name="power"/> for <paramref name="time"/>: seconds × watts = joules.</summary>
    public static Energy operator *(Duration time, Power power) => power * time;
}

public readonly partial struct Energy
{
    /// <summary>Emissions of <paramref name="energy"/> on a grid of <paramref name="intensity"/>: kWh × kgCO2e/kWh = kgCO2e.</summary>
    public static CarbonMass operator *(Energy energy, CarbonIntensity intensity)
        => CarbonMass.FromKilograms(Preconditions.FiniteResult(energy.TotalKilowattHours * intensity.KilogramsPerKilowattHour, nameof(intensity), intensity.KilogramsPerKilowattHour));

    /// <summary>Emissions of <paramref name="energy"/> on a grid of <paramref name="intensity"/>: kgCO2e/kWh × kWh = kgCO2e.</summary>
    public static CarbonMass operator *(CarbonIntensity intensity, Energy energy) => energy * intensity;

    /// <summary>Average power of <paramref name="energy"/> spent over <paramref name="time"/>: joules ÷ seconds = watts.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The duration is zero.</exception>
    public static Power operator /(Energy energy, Duration time)
        => Power.FromWatts(Preconditions.FiniteResult(energy.Joules / Preconditions.Positive(time.TotalSeconds, nameof(time)), nameof(time), time.TotalSeconds));
}
