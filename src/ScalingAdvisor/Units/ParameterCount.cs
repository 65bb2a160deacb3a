using System.Globalization;

namespace ScalingAdvisor.Units;

/// <summary>
/// A number of model parameters (weights), a plain count: 7e9 is 7 billion, never 7·2^30.
/// Immutable; stores one canonical value in parameters. <c>default</c> is zero.
/// </summary>
public readonly partial struct ParameterCount : IEquatable<ParameterCount>, IComparable<ParameterCount>, IFormattable
{
    private readonly double _value;

    private ParameterCount(double value) => _value = value;

    /// <summary>Zero parameters.</summary>
    public static ParameterCount Zero => default;

    /// <summary>The value in parameters (the canonical unit).</summary>
    public double Count => _value;

    /// <summary>The count in millions.</summary>
    public double Millions => _value / 1000000.0;

    /// <summary>The count in billions.</summary>
    public double Billions => _value / 1000000000.0;

    /// <summary>Creates a value from a count of parameters.</summary>
    /// <param name="value">The amount, finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative, NaN or infinite, or too large to represent.</exception>
    public static ParameterCount FromCount(double value) => new(Preconditions.NonNegative(value));

    /// <summary>Creates a value from millions of parameters.</summary>
    /// <param name="value">The amount, finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative, NaN or infinite, or too large to represent.</exception>
    public static ParameterCount FromMillions(double value) => new(Preconditions.FiniteResult(Preconditions.NonNegative(value) * 1000000.0, nameof(value), value));

    /// <summary>Creates a value from billions of parameters.</summary>
    /// <param name="value">The amount, finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative, NaN or infinite, or too large to represent.</exception>
    public static ParameterCount FromBillions(double value) => new(Preconditions.FiniteResult(Preconditions.NonNegative(value) * 1000000000.0, nameof(value), value));

    /// <summary>The sum of two amounts.</summary>
    public static ParameterCount operator +(ParameterCount left, ParameterCount right) => new(Preconditions.FiniteResult(left._value + right._value, nameof(right), right._value));

    /// <summary>The difference of two amounts.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The result would be negative.</exception>
    public static ParameterCount operator -(ParameterCount left, ParameterCount right) => new(Preconditions.NonNegative(left._value - right._value, nameof(right)));

    /// <summary>Scales an amount by a non-negative factor.</summary>
    public static ParameterCount operator *(ParameterCount quantity, double factor) => new(Preconditions.FiniteResult(quantity._value * Preconditions.NonNegative(factor), nameof(factor), factor));

    /// <summary>Scales an amount by a non-negative factor.</summary>
    public static ParameterCount operator *(double factor, ParameterCount quantity) => quantity * factor;

    /// <summary>Divides an amount by a positive divisor.</summary>
    public static ParameterCount operator /(ParameterCount quantity, double divisor) => new(Preconditions.FiniteResult(quantity._value / Preconditions.Positive(divisor), nameof(divisor), divisor));

    /// <summary>The ratio of two amounts (dimensionless).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The divisor is zero.</exception>
    public static double operator /(ParameterCount left, ParameterCount right) => Preconditions.FiniteResult(left._value / Preconditions.Positive(right._value, nameof(right)), nameof(right), right._value);

    /// <summary>Compares two amounts.</summary>
    public static bool operator <(ParameterCount left, ParameterCount right) => left._value < right._value;

    /// <summary>Compares two amounts.</summary>
    public static bool operator >(ParameterCount left, ParameterCount right) => left._value > right._value;

    /// <summary>Compares two amounts.</summary>
    public static bool operator <=(ParameterCount left, ParameterCount right) => left._value <= right._value;

    /// <summary>Compares two amounts.</summary>
    public static bool operator >=(ParameterCount left, ParameterCount right) => left._value >= right._value;

    /// <summary>Equality of the canonical values.</summary>
    public static bool operator ==(ParameterCount left, ParameterCount right) => left.Equals(right);

    /// <summary>Inequality of the canonical values.</summary>
    public static bool operator !=(ParameterCount left, ParameterCount right) => !left.Equals(right);

    /// <summary>The larger of two amounts.</summary>
    public static ParameterCount Max(ParameterCount left, ParameterCount right) => left._value >= right._value ? left : right;

    /// <summary>The smaller of two amounts.</summary>
    public static ParameterCount Min(ParameterCount left, ParameterCount right) => left._value <= right._value ? left : right;

    /// <inheritdoc/>
    public bool Equals(ParameterCount other) => _value.Equals(other._value);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ParameterCount other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _value.GetHashCode();

    /// <inheritdoc/>
    public int CompareTo(ParameterCount other) => _value.CompareTo(other._value);

    /// <summary>A human-readable, invariant-culture rendering with the unit.</summary>
    public override string ToString() => QuantityFormatter.FormatCount(Count) + " params";

    /// <summary>With a format string, formats the canonical value (parameters); without one, as <see cref="ToString()"/>.</summary>
    public string ToString(string? format, IFormatProvider? formatProvider)
        => format is null ? ToString() : _value.ToString(format, formatProvider ?? CultureInfo.InvariantCulture);
}
