using System.Globalization;

namespace ScalingAdvisor.Units;

/// <summary>
/// A rate of energy use, in watts.
/// Immutable; stores one canonical value in watts. <c>default</c> is zero.
/// </summary>
public readonly partial struct Power : IEquatable<Power>, IComparable<Power>, IFormattable
{
    private readonly double _value;

    private Power(double value) => _value = value;

    /// <summary>Zero watts.</summary>
    public static Power Zero => default;

    /// <summary>The value in watts (the canonical unit).</summary>
    public double Watts => _value;

    /// <summary>The power in kilowatts.</summary>
    public double Kilowatts => _value / 1000.0;

    /// <summary>The power in megawatts.</summary>
    public double Megawatts => _value / 1000000.0;

    /// <summary>Creates a value from watts.</summary>
    /// <param name="value">The amount, finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative, NaN or infinite, or too large to represent.</exception>
    public static Power FromWatts(double value) => new(Preconditions.NonNegative(value));

    /// <summary>Creates a value from kilowatts.</summary>
    /// <param name="value">The amount, finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative, NaN or infinite, or too large to represent.</exception>
    public static Power FromKilowatts(double value) => new(Preconditions.FiniteResult(Preconditions.NonNegative(value) * 1000.0, nameof(value), value));

    /// <summary>The sum of two amounts.</summary>
    public static Power operator +(Power left, Power right) => new(Preconditions.FiniteResult(left._value + right._value, nameof(right), right._value));

    /// <summary>The difference of two amounts.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The result would be negative.</exception>
    public static Power operator -(Power left, Power right) => new(Preconditions.NonNegative(left._value - right._value, nameof(right)));

    /// <summary>Scales an amount by a non-negative factor.</summary>
    public static Power operator *(Power quantity, double factor) => new(Preconditions.FiniteResult(quantity._value * Preconditions.NonNegative(factor), nameof(factor), factor));

    /// <summary>Scales an amount by a non-negative factor.</summary>
    public static Power operator *(double factor, Power quantity) => quantity * factor;

    /// <summary>Divides an amount by a positive divisor.</summary>
    public static Power operator /(Power quantity, double divisor) => new(Preconditions.FiniteResult(quantity._value / Preconditions.Positive(divisor), nameof(divisor), divisor));

    /// <summary>The ratio of two amounts (dimensionless).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The divisor is zero.</exception>
    public static double operator /(Power left, Power right) => Preconditions.FiniteResult(left._value / Preconditions.Positive(right._value, nameof(right)), nameof(right), right._value);

    /// <summary>Compares two amounts.</summary>
    public static bool operator <(Power left, Power right) => left._value < right._value;

    /// <summary>Compares two amounts.</summary>
    public static bool operator >(Power left, Power right) => left._value > right._value;

    /// <summary>Compares two amounts.</summary>
    public static bool operator <=(Power left, Power right) => left._value <= right._value;

    /// <summary>Compares two amounts.</summary>
    public static bool operator >=(Power left, Power right) => left._value >= right._value;

    /// <summary>Equality of the canonical values.</summary>
    public static bool operator ==(Power left, Power right) => left.Equals(right);

    /// <summary>Inequality of the canonical values.</summary>
    public static bool operator !=(Power left, Power right) => !left.Equals(right);

    /// <summary>The larger of two amounts.</summary>
    public static Power Max(Power left, Power right) => left._value >= right._value ? left : right;

    /// <summary>The smaller of two amounts.</summary>
    public static Power Min(Power left, Power right) => left._value <= right._value ? left : right;

    /// <inheritdoc/>
    public bool Equals(Power other) => _value.Equals(other._value);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Power other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _value.GetHashCode();

    /// <inheritdoc/>
    public int CompareTo(Power other) => _value.CompareTo(other._value);

    /// <summary>A human-readable, invariant-culture rendering with the unit.</summary>
    public override string ToString() => QuantityFormatter.FormatSi(Watts, "W");

    /// <summary>With a format string, formats the canonical value (watts); without one, as <see cref="ToString()"/>.</summary>
    public string ToString(string? format, IFormatProvider? formatProvider)
        => format is null ? ToString() : _value.ToString(format, formatProvider ?? CultureInfo.InvariantCulture);
}
