using System.Globalization;

namespace ScalingAdvisor.Units;

/// <summary>
/// A mass of CO2-equivalent emissions, in kilograms (kgCO2e).
/// Immutable; stores one canonical value in kgCO2e. <c>default</c> is zero.
/// </summary>
public readonly partial struct CarbonMass : IEquatable<CarbonMass>, IComparable<CarbonMass>, IFormattable
{
    private readonly double _value;

    private CarbonMass(double value) => _value = value;

    /// <summary>Zero kgCO2e.</summary>
    public static CarbonMass Zero => default;

    /// <summary>The value in kgCO2e (the canonical unit).</summary>
    public double Kilograms => _value;

    /// <summary>The mass in metric tonnes (tCO2e).</summary>
    public double Tonnes => _value / 1000.0;

    /// <summary>Creates a value from kilograms of CO2e.</summary>
    /// <param name="value">The amount, finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative, NaN or infinite, or too large to represent.</exception>
    public static CarbonMass FromKilograms(double value) => new(Preconditions.NonNegative(value));

    /// <summary>Creates a value from metric tonnes of CO2e (1,000 kg).</summary>
    /// <param name="value">The amount, finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative, NaN or infinite, or too large to represent.</exception>
    public static CarbonMass FromTonnes(double value) => new(Preconditions.FiniteResult(Preconditions.NonNegative(value) * 1000.0, nameof(value), value));

    /// <summary>The sum of two amounts.</summary>
    public static CarbonMass operator +(CarbonMass left, CarbonMass right) => new(Preconditions.FiniteResult(left._value + right._value, nameof(right), right._value));

    /// <summary>The difference of two amounts.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The result would be negative.</exception>
    public static CarbonMass operator -(CarbonMass left, CarbonMass right) => new(Preconditions.NonNegative(left._value - right._value, nameof(right)));

    /// <summary>Scales an amount by a non-negative factor.</summary>
    public static CarbonMass operator *(CarbonMass quantity, double factor) => new(Preconditions.FiniteResult(quantity._value * Preconditions.NonNegative(factor), nameof(factor), factor));

    /// <summary>Scales an amount by a non-negative factor.</summary>
    public static CarbonMass operator *(double factor, CarbonMass quantity) => quantity * factor;

    /// <summary>Divides an amount by a positive divisor.</summary>
    public static CarbonMass operator /(CarbonMass quantity, double divisor) => new(Preconditions.FiniteResult(quantity._value / Preconditions.Positive(divisor), nameof(divisor), divisor));

    /// <summary>The ratio of two amounts (dimensionless).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The divisor is zero.</exception>
    public static double operator /(CarbonMass left, CarbonMass right) => Preconditions.FiniteResult(left._value / Preconditions.Positive(right._value, nameof(right)), nameof(right), right._value);

    /// <summary>Compares two amounts.</summary>
    public static bool operator <(CarbonMass left, CarbonMass right) => left._value < right._value;

    /// <summary>Compares two amounts.</summary>
    public static bool operator >(CarbonMass left, CarbonMass right) => left._value > right._value;

    /// <summary>Compares two amounts.</summary>
    public static bool operator <=(CarbonMass left, CarbonMass right) => left._value <= right._value;

    /// <summary>Compares two amounts.</summary>
    public static bool operator >=(CarbonMass left, CarbonMass right) => left._value >= right._value;

    /// <summary>Equality of the canonical values.</summary>
    public static bool operator ==(CarbonMass left, CarbonMass right) => left.Equals(right);

    /// <summary>Inequality of the canonical values.</summary>
    public static bool operator !=(CarbonMass left, CarbonMass right) => !left.Equals(right);

    /// <summary>The larger of two amounts.</summary>
    public static CarbonMass Max(CarbonMass left, CarbonMass right) => left._value >= right._value ? left : right;

    /// <summary>The smaller of two amounts.</summary>
    public static CarbonMass Min(CarbonMass left, CarbonMass right) => left._value <= right._value ? left : right;

    /// <inheritdoc/>
    public bool Equals(CarbonMass other) => _value.Equals(other._value);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is CarbonMass other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _value.GetHashCode();

    /// <inheritdoc/>
    public int CompareTo(CarbonMass other) => _value.CompareTo(other._value);

    /// <summary>A human-readable, invariant-culture rendering with the unit.</summary>
    public override string ToString() => QuantityFormatter.FormatFixed(Tonnes, 2) + " tCO2e";

    /// <summary>With a format string, formats the canonical value (kgCO2e); without one, as <see cref="ToString()"/>.</summary>
    public string ToString(string? format, IFormatProvider? formatProvider)
        => format is null ? ToString() : _value.ToString(format, formatProvider ?? CultureInfo.InvariantCulture);
}
