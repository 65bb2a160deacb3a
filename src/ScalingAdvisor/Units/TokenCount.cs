using System.Globalization;

namespace ScalingAdvisor.Units;

/// <summary>
/// A number of tokens (training data or inference traffic), a plain count.
/// Immutable; stores one canonical value in tokens. <c>default</c> is zero.
/// </summary>
public readonly partial struct TokenCount : IEquatable<TokenCount>, IComparable<TokenCount>, IFormattable
{
    private readonly double _value;

    private TokenCount(double value) => _value = value;

    /// <summary>Zero tokens.</summary>
    public static TokenCount Zero => default;

    /// <summary>The value in tokens (the canonical unit).</summary>
    public double Count => _value;

    /// <summary>The count in billions.</summary>
    public double Billions => _value / 1000000000.0;

    /// <summary>The count in trillions.</summary>
    public double Trillions => _value / 1000000000000.0;

    /// <summary>Creates a value from a count of tokens.</summary>
    /// <param name="value">The amount, finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative, NaN or infinite, or too large to represent.</exception>
    public static TokenCount FromCount(double value) => new(Preconditions.NonNegative(value));

    /// <summary>Creates a value from billions of tokens.</summary>
    /// <param name="value">The amount, finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative, NaN or infinite, or too large to represent.</exception>
    public static TokenCount FromBillions(double value) => new(Preconditions.FiniteResult(Preconditions.NonNegative(value) * 1000000000.0, nameof(value), value));

    /// <summary>Creates a value from trillions of tokens.</summary>
    /// <param name="value">The amount, finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative, NaN or infinite, or too large to represent.</exception>
    public static TokenCount FromTrillions(double value) => new(Preconditions.FiniteResult(Preconditions.NonNegative(value) * 1000000000000.0, nameof(value), value));

    /// <summary>The sum of two amounts.</summary>
    public static TokenCount operator +(TokenCount left, TokenCount right) => new(Preconditions.FiniteResult(left._value + right._value, nameof(right), right._value));

    /// <summary>The difference of two amounts.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The result would be negative.</exception>
    public static TokenCount operator -(TokenCount left, TokenCount right) => new(Preconditions.NonNegative(left._value - right._value, nameof(right)));

    /// <summary>Scales an amount by a non-negative factor.</summary>
    public static TokenCount operator *(TokenCount quantity, double factor) => new(Preconditions.FiniteResult(quantity._value * Preconditions.NonNegative(factor), nameof(factor), factor));

    /// <summary>Scales an amount by a non-negative factor.</summary>
    public static TokenCount operator *(double factor, TokenCount quantity) => quantity * factor;

    /// <summary>Divides an amount by a positive divisor.</summary>
    public static TokenCount operator /(TokenCount quantity, double divisor) => new(Preconditions.FiniteResult(quantity._value / Preconditions.Positive(divisor), nameof(divisor), divisor));

    /// <summary>The ratio of two amounts (dimensionless).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The divisor is zero.</exception>
    public static double operator /(TokenCount left, TokenCount right) => Preconditions.FiniteResult(left._value / Preconditions.Positive(right._value, nameof(right)), nameof(right), right._value);

    /// <summary>Compares two amounts.</summary>
    public static bool operator <(TokenCount left, TokenCount right) => left._value < right._value;

    /// <summary>Compares two amounts.</summary>
    public static bool operator >(TokenCount left, TokenCount right) => left._value > right._value;

    /// <summary>Compares two amounts.</summary>
    public static bool operator <=(TokenCount left, TokenCount right) => left._value <= right._value;

    /// <summary>Compares two amounts.</summary>
    public static bool operator >=(TokenCount left, TokenCount right) => left._value >= right._value;

    /// <summary>Equality of the canonical values.</summary>
    public static bool operator ==(TokenCount left, TokenCount right) => left.Equals(right);

    /// <summary>Inequality of the canonical values.</summary>
    public static bool operator !=(TokenCount left, TokenCount right) => !left.Equals(right);

    /// <summary>The larger of two amounts.</summary>
    public static TokenCount Max(TokenCount left, TokenCount right) => left._value >= right._value ? left : right;

    /// <summary>The smaller of two amounts.</summary>
    public static TokenCount Min(TokenCount left, TokenCount right) => left._value <= right._value ? left : right;

    /// <inheritdoc/>
    public bool Equals(TokenCount other) => _value.Equals(other._value);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is TokenCount other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _value.GetHashCode();

    /// <inheritdoc/>
    public int CompareTo(TokenCount other) => _value.CompareTo(other._value);

    /// <summary>A human-readable, invariant-culture rendering with the unit.</summary>
    public override string ToString() => QuantityFormatter.FormatCount(Count) + " tokens";

    /// <summary>With a format string, formats the canonical value (tokens); without one, as <see cref="ToString()"/>.</summary>
    public string ToString(string? format, IFormatProvider? formatProvider)
        => format is null ? ToString() : _value.ToString(format, formatProvider ?? CultureInfo.InvariantCulture);
}
