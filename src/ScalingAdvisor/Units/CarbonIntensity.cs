using System.Globalization;

namespace ScalingAdvisor.Units;

/// <summary>
/// A grid's carbon intensity: kilograms of CO2-equivalent emitted per kilowatt-hour of electricity.
/// Immutable; stores one canonical value in kgCO2e/kWh. <c>default</c> is zero.
/// </summary>
public readonly partial struct CarbonIntensity : IEquatable<CarbonIntensity>, IComparable<CarbonIntensity>, IFormattable
{
    private readonly double _value;

    private CarbonIntensity(double value) => _value = value;

    /// <summary>Zero kgCO2e/kWh.</summary>
    public static CarbonIntensity Zero => default;

    /// <summary>The value in kgCO2e/kWh (the canonical unit).</summary>
    public double KilogramsPerKilowattHour => _value;

    /// <summary>The intensity in gCO2e per kWh.</summary>
    public double GramsPerKilowattHour => _value / 0.001;

    // Every intensity must also be finite in g/kWh (the accessor above multiplies by 1000).
    private static double InGramsRange(double kilograms, string paramName, double input)
    {
        Preconditions.FiniteResult(kilograms / 0.001, paramName, input);
        return kilograms;
    }

    /// <summary>Creates a value from kgCO2e per kWh.</summary>
    /// <param name="value">The amount, finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative, NaN or infinite, or too large to represent.</exception>
    public static CarbonIntensity FromKilogramsPerKilowattHour(double value) => new(InGramsRange(Preconditions.NonNegative(value), nameof(value), value));

    /// <summary>Creates a value from gCO2e per kWh.</summary>
    /// <param name="value">The amount, finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative, NaN or infinite, or too large to represent.</exception>
    public static CarbonIntensity FromGramsPerKilowattHour(double value) => new(Preconditions.FiniteResult(Preconditions.NonNegative(value) * 0.001, nameof(value), value));

    /// <summary>The sum of two amounts.</summary>
    public static CarbonIntensity operator +(CarbonIntensity left, CarbonIntensity right) => new(InGramsRange(left._value + right._value, nameof(right), right._value));

    /// <summary>The difference of two amounts.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The result would be negative.</exception>
    public static CarbonIntensity operator -(CarbonIntensity left, CarbonIntensity right) => new(Preconditions.NonNegative(left._value - right._value, nameof(right)));

    /// <summary>Scales an amount by a non-negative factor.</summary>
    public static CarbonIntensity operator *(CarbonIntensity quantity, double factor) => new(InGramsRange(quantity._value * Preconditions.NonNegative(factor), nameof(factor), factor));

    /// <summary>Scales an amount by a non-negative factor.</summary>
    public static CarbonIntensity operator *(double factor, CarbonIntensity quantity) => quantity * factor;

    /// <summary>Divides an amount by a positive divisor.</summary>
    public static CarbonIntensity operator /(CarbonIntensity quantity, double divisor) => new(InGramsRange(quantity._value / Preconditions.Positive(divisor), nameof(divisor), divisor));

    /// <summary>The ratio of two amounts (dimensionless).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The divisor is zero.</exception>
    public static double operator /(CarbonIntensity left, CarbonIntensity right) => Preconditions.FiniteResult(left._value / Preconditions.Positive(right._value, nameof(right)), nameof(right), right._value);

    /// <summary>Compares two amounts.</summary>
    public static bool operator <(CarbonIntensity left, CarbonIntensity right) => left._value < right._value;

    /// <summary>Compares two amounts.</summary>
    public static bool operator >(CarbonIntensity left, CarbonIntensity right) => left._value > right._value;

    /// <summary>Compares two amounts.</summary>
    public static bool operator <=(CarbonIntensity left, CarbonIntensity right) => left._value <= right._value;

    /// <summary>Compares two amounts.</summary>
    public static bool operator >=(CarbonIntensity left, CarbonIntensity right) => left._value >= right._value;

    /// <summary>Equality of the canonical values.</summary>
    public static bool operator ==(CarbonIntensity left, CarbonIntensity right) => left.Equals(right);

    /// <summary>Inequality of the canonical values.</summary>
    public static bool operator !=(CarbonIntensity left, CarbonIntensity right) => !left.Equals(right);

    /// <summary>The larger of two amounts.</summary>
    public static CarbonIntensity Max(CarbonIntensity left, CarbonIntensity right) => left._value >= right._value ? left : right;

    /// <summary>The smaller of two amounts.</summary>
    public static CarbonIntensity Min(CarbonIntensity left, CarbonIntensity right) => left._value <= right._value ? left : right;

    /// <inheritdoc/>
    public bool Equals(CarbonIntensity other) => _value.Equals(other._value);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is CarbonIntensity other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _value.GetHashCode();

    /// <inheritdoc/>
    public int CompareTo(CarbonIntensity other) => _value.CompareTo(other._value);

    /// <summary>A human-readable, invariant-culture rendering with the unit.</summary>
    public override string ToString() => QuantityFormatter.FormatFixed(KilogramsPerKilowattHour, 3) + " kgCO2e/kWh";

    /// <summary>With a format string, formats the canonical value (kgCO2e/kWh); without one, as <see cref="ToString()"/>.</summary>
    public string ToString(string? format, IFormatProvider? formatProvider)
        => format is null ? ToString() : _value.ToString(format, formatProvider ?? CultureInfo.InvariantCulture);
}
