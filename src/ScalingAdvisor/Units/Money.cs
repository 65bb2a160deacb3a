using System.Globalization;

namespace ScalingAdvisor.Units;

/// <summary>
/// An amount of money in US dollars.
/// Immutable; stores one canonical value in USD. <c>default</c> is zero.
/// </summary>
public readonly partial struct Money : IEquatable<Money>, IComparable<Money>, IFormattable
{
    private readonly double _value;

    private Money(double value) => _value = value;

    /// <summary>Zero USD.</summary>
    public static Money Zero => default;

    /// <summary>The value in USD (the canonical unit).</summary>
    public double Usd => _value;

    /// <summary>The amount in millions of US dollars.</summary>
    public double MillionsOfUsd => _value / 1000000.0;

    /// <summary>Creates a value from US dollars.</summary>
    /// <param name="value">The amount, finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative, NaN or infinite, or too large to represent.</exception>
    public static Money FromUsd(double value) => new(Preconditions.NonNegative(value));

    /// <summary>The sum of two amounts.</summary>
    public static Money operator +(Money left, Money right) => new(Preconditions.FiniteResult(left._value + right._value, nameof(right), right._value));

    /// <summary>The difference of two amounts.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The result would be negative.</exception>
    public static Money operator -(Money left, Money right) => new(Preconditions.NonNegative(left._value - right._value, nameof(right)));

    /// <summary>Scales an amount by a non-negative factor.</summary>
    public static Money operator *(Money quantity, double factor) => new(Preconditions.FiniteResult(quantity._value * Preconditions.NonNegative(factor), nameof(factor), factor));

    /// <summary>Scales an amount by a non-negative factor.</summary>
    public static Money operator *(double factor, Money quantity) => quantity * factor;

    /// <summary>Divides an amount by a positive divisor.</summary>
    public static Money operator /(Money quantity, double divisor) => new(Preconditions.FiniteResult(quantity._value / Preconditions.Positive(divisor), nameof(divisor), divisor));

    /// <summary>The ratio of two amounts (dimensionless).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The divisor is zero.</exception>
    public static double operator /(Money left, Money right) => Preconditions.FiniteResult(left._value / Preconditions.Positive(right._value, nameof(right)), nameof(right), right._value);

    /// <summary>Compares two amounts.</summary>
    public static bool operator <(Money left, Money right) => left._value < right._value;

    /// <summary>Compares two amounts.</summary>
    public static bool operator >(Money left, Money right) => left._value > right._value;

    /// <summary>Compares two amounts.</summary>
    public static bool operator <=(Money left, Money right) => left._value <= right._value;

    /// <summary>Compares two amounts.</summary>
    public static bool operator >=(Money left, Money right) => left._value >= right._value;

    /// <summary>Equality of the canonical values.</summary>
    public static bool operator ==(Money left, Money right) => left.Equals(right);

    /// <summary>Inequality of the canonical values.</summary>
    public static bool operator !=(Money left, Money right) => !left.Equals(right);

    /// <summary>The larger of two amounts.</summary>
    public static Money Max(Money left, Money right) => left._value >= right._value ? left : right;

    /// <summary>The smaller of two amounts.</summary>
    public static Money Min(Money left, Money right) => left._value <= right._value ? left : right;

    /// <inheritdoc/>
    public bool Equals(Money other) => _value.Equals(other._value);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Money other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _value.GetHashCode();

    /// <inheritdoc/>
    public int CompareTo(Money other) => _value.CompareTo(other._value);

    /// <summary>A human-readable, invariant-culture rendering with the unit.</summary>
    public override string ToString() => QuantityFormatter.FormatMoney(Usd);

    /// <summary>With a format string, formats the canonical value (USD); without one, as <see cref="ToString()"/>.</summary>
    public string ToString(string? format, IFormatProvider? formatProvider)
        => format is null ? ToString() : _value.ToString(format, formatProvider ?? CultureInfo.InvariantCulture);
}
