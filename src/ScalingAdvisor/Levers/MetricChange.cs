using ScalingAdvisor.Units;

namespace ScalingAdvisor.Levers;

/// <summary>One metric under the baseline and under a lever, with the signed change.</summary>
/// <typeparam name="T">The quantity's type (<see cref="ByteSize"/>, <see cref="Duration"/>, …; tokens/s is a plain double).</typeparam>
/// <param name="Baseline">The baseline's value.</param>
/// <param name="Lever">The value with the lever applied.</param>
/// <param name="Change">Lever − baseline in the quantity's SI unit (bytes, seconds, joules, kg, USD, tokens/s); negative when the lever lowers it.</param>
/// <param name="RelativeChange">Change ÷ baseline; null when the baseline is zero or the ratio is beyond the range of a double.</param>
public sealed record MetricChange<T>(T Baseline, T Lever, double Change, double? RelativeChange)
    where T : struct;

/// <summary>Builds <see cref="MetricChange{T}"/> values; the unit types are never negative, so the signed change is a double in the SI unit.</summary>
public static class MetricChange
{
    /// <summary>Bytes before and after.</summary>
    /// <param name="baseline">The baseline's value.</param>
    /// <param name="lever">The lever's value.</param>
    /// <returns>The change in bytes.</returns>
    public static MetricChange<ByteSize> Of(ByteSize baseline, ByteSize lever) => new(baseline, lever, lever.Bytes - baseline.Bytes, Relative(baseline.Bytes, lever.Bytes));

    /// <summary>A duration before and after.</summary>
    /// <param name="baseline">The baseline's value.</param>
    /// <param name="lever">The lever's value.</param>
    /// <returns>The change in seconds.</returns>
    public static MetricChange<Duration> Of(Duration baseline, Duration lever)
        => new(baseline, lever, lever.TotalSeconds - baseline.TotalSeconds, Relative(baseline.TotalSeconds, lever.TotalSeconds));

    /// <summary>Energy before and after.</summary>
    /// <param name="baseline">The baseline's value.</param>
    /// <param name="lever">The lever's value.</param>
    /// <returns>The change in joules.</returns>
    public static MetricChange<Energy> Of(Energy baseline, Energy lever) => new(baseline, lever, lever.Joules - baseline.Joules, Relative(baseline.Joules, lever.Joules));

    /// <summary>Carbon before and after.</summary>
    /// <param name="baseline">The baseline's value.</param>
    /// <param name="lever">The lever's value.</param>
    /// <returns>The change in kilograms CO2e.</returns>
    public static MetricChange<CarbonMass> Of(CarbonMass baseline, CarbonMass lever)
        => new(baseline, lever, lever.Kilograms - baseline.Kilograms, Relative(baseline.Kilograms, lever.Kilograms));

    /// <summary>Money before and after.</summary>
    /// <param name="baseline">The baseline's value.</param>
    /// <param name="lever">The lever's value.</param>
    /// <returns>The change in USD.</returns>
    public static MetricChange<Money> Of(Money baseline, Money lever) => new(baseline, lever, lever.Usd - baseline.Usd, Relative(baseline.Usd, lever.Usd));

    /// <summary>A rate (e.g. tokens per second) before and after.</summary>
    /// <param name="baseline">The baseline's value; finite.</param>
    /// <param name="lever">The lever's value; finite.</param>
    /// <returns>The change in the rate's unit.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN or infinite.</exception>
    public static MetricChange<double> Of(double baseline, double lever)
    {
        Preconditions.Finite(baseline);
        Preconditions.Finite(lever);
        return new(baseline, lever, Preconditions.FiniteResult(lever - baseline, nameof(lever), lever), Relative(baseline, lever));
    }

    // Null where a relative change has no finite answer: a zero baseline, or a ratio beyond the double range.
    private static double? Relative(double baseline, double lever)
        => baseline != 0 && (lever - baseline) / baseline is var relative && double.IsFinite(relative) ? relative : null;
}
