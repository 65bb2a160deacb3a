using System.Globalization;

namespace ScalingAdvisor.Units;

/// <summary>
/// A data transfer rate (memory or interconnect bandwidth), in bytes per second.
/// Immutable; stores one canonical value in bytes/s. <c>default</c> is zero.
/// </summary>
public readonly partial struct ByteRate : IEquatable<ByteRate>, IComparable<ByteRate>, IFormattable
{
    private readonly double _value;

    private ByteRate(double value) => _value = value;

    /// <summary>Zero bytes/s.</summary>
    public static ByteRate Zero => default;

    /// <summary>The value in bytes/s (the canonical unit).</summary>
    public double BytesPerSecond => _value;

    /// <summary>The rate in GB/s (1e9 bytes per second).</summary>
    public double GigabytesPerSecond => _value / 1000000000.0;

    /// <summary>The rate in TB/s (1e12 bytes per second).</summary>
    public double TerabytesPerSecond => _value / 1000000000000.0;

    /// <summary>Creates a value from bytes per second.</summary>
    /// <param name="value">The amount, finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative, NaN or infinite, or too large to represent.</exception>
    public static ByteRate FromBytesPerSecond(double value) => new(Preconditions.NonNegative(value));

    /// <summary>Creates a value from GB/s (1e9 bytes per second).</summary>
    /// <param name="value">The amount, finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative, NaN or infinite, or too large to represent.</exception>
    public static ByteRate FromGigabytesPerSecond(double value) => new(Preconditions.FiniteResult(Preconditions.NonNegative(value) * 1000000000.0, nameof(value), value));

    /// <summary>Creates a value from TB/s (1e12 bytes per second).</summary>
    /// <param name="value">The amount, finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative, NaN or infinite, or too large to represent.</exception>
    public static ByteRate FromTerabytesPerSecond(double value) => new(Preconditions.FiniteResult(Preconditions.NonNegative(value) * 1000000000000.0, nameof(value), value));

    /// <summary>The sum of two amounts.</summary>
    public static ByteRate operator +(ByteRate left, ByteRate right) => new(Preconditions.FiniteResult(left._value + right._value, nameof(right), right._value));

    /// <summary>The difference of two amounts.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The result would be negative.</exception>
    public static ByteRate operator -(ByteRate left, ByteRate right) => new(Preconditions.NonNegative(left._value - right._value, nameof(right)));

    /// <summary>Scales an amount by a non-negative factor.</summary>
    public static ByteRate operator *(ByteRate quantity, double factor) => new(Preconditions.FiniteResult(quantity._value * Preconditions.NonNegative(factor), nameof(factor), factor));

    /// <summary>Scales an amount by a non-negative factor.</summary>
    public static ByteRate operator *(double factor, ByteRate quantity) => quantity * factor;

    /// <summary>Divides an amount by a positive divisor.</summary>
    public static ByteRate operator /(ByteRate quantity, double divisor) => new(Preconditions.FiniteResult(quantity._value / Preconditions.Positive(divisor), nameof(divisor), divisor));

    /// <summary>The ratio of two amounts (dimensionless).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The divisor is zero.</exception>
    public static double operator /(ByteRate left, ByteRate right) => Preconditions.FiniteResult(left._value / Preconditions.Positive(right._value, nameof(right)), nameof(right), right._value);

    /// <summary>Compares two amounts.</summary>
    public static bool operator <(ByteRate left, ByteRate right) => left._value < right._value;

    /// <summary>Compares two amounts.</summary>
    public static bool operator >(ByteRate left, ByteRate right) => left._value > right._value;

    /// <summary>Compares two amounts.</summary>
    public static bool operator <=(ByteRate left, ByteRate right) => left._value <= right._value;

    /// <summary>Compares two amounts.</summary>
    public static bool operator >=(ByteRate left, ByteRate right) => left._value >= right._value;

    /// <summary>Equality of the canonical values.</summary>
    public static bool operator ==(ByteRate left, ByteRate right) => left.Equals(right);

    /// <summary>Inequality of the canonical values.</summary>
    public static bool operator !=(ByteRate left, ByteRate right) => !left.Equals(right);

    /// <summary>The larger of two amounts.</summary>
    public static ByteRate Max(ByteRate left, ByteRate right) => left._value >= right._value ? left : right;

    /// <summary>The smaller of two amounts.</summary>
    public static ByteRate Min(ByteRate left, ByteRate right) => left._value <= right._value ? left : right;

    /// <inheritdoc/>
    public bool Equals(ByteRate other) => _value.Equals(other._value);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ByteRate other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _value.GetHashCode();

    /// <inheritdoc/>
    public int CompareTo(ByteRate other) => _value.CompareTo(other._value);

    /// <summary>A human-readable, invariant-culture rendering with the unit.</summary>
    public override string ToString() => QuantityFormatter.FormatSi(BytesPerSecond, "B/s");

    /// <summary>With a format string, formats the canonical value (bytes/s); without one, as <see cref="ToString()"/>.</summary>
    public string ToString(string? format, IFormatProvider? formatProvider)
        => format is null ? ToString() : _value.ToString(format, formatProvider ?? CultureInfo.InvariantCulture);
}
