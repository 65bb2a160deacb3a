using System.Globalization;

namespace ScalingAdvisor.Units;

/// <summary>
/// An amount of memory or storage, in bytes. Decimal (GB = 1e9 bytes) and binary (GiB = 2^30 bytes) units are both available and never confused: the unit is in every factory and accessor name.
/// Immutable; stores one canonical value in bytes. <c>default</c> is zero.
/// </summary>
public readonly partial struct ByteSize : IEquatable<ByteSize>, IComparable<ByteSize>, IFormattable
{
    private readonly double _value;

    private ByteSize(double value) => _value = value;

    /// <summary>Zero bytes.</summary>
    public static ByteSize Zero => default;

    /// <summary>The value in bytes (the canonical unit).</summary>
    public double Bytes => _value;

    /// <summary>The size in kilobytes (1e3 bytes).</summary>
    public double TotalKilobytes => _value / 1000.0;

    /// <summary>The size in megabytes (1e6 bytes).</summary>
    public double TotalMegabytes => _value / 1000000.0;

    /// <summary>The size in gigabytes (1e9 bytes).</summary>
    public double TotalGigabytes => _value / 1000000000.0;

    /// <summary>The size in terabytes (1e12 bytes).</summary>
    public double TotalTerabytes => _value / 1000000000000.0;

    /// <summary>The size in kibibytes (2^10 bytes).</summary>
    public double TotalKibibytes => _value / 1024.0;

    /// <summary>The size in mebibytes (2^20 bytes).</summary>
    public double TotalMebibytes => _value / 1048576.0;

    /// <summary>The size in gibibytes (2^30 bytes).</summary>
    public double TotalGibibytes => _value / 1073741824.0;

    /// <summary>The size in tebibytes (2^40 bytes).</summary>
    public double TotalTebibytes => _value / 1099511627776.0;

    /// <summary>Creates a value from bytes.</summary>
    /// <param name="value">The amount, finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative, NaN or infinite, or too large to represent.</exception>
    public static ByteSize FromBytes(double value) => new(Preconditions.NonNegative(value));

    /// <summary>Creates a value from bits (8 bits per byte; 4-bit weights are half a byte, not zero).</summary>
    /// <param name="value">The amount, finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative, NaN or infinite, or too large to represent.</exception>
    public static ByteSize FromBits(double value) => new(Preconditions.FiniteResult(Preconditions.NonNegative(value) * 0.125, nameof(value), value));

    /// <summary>Creates a value from kilobytes (1e3 bytes).</summary>
    /// <param name="value">The amount, finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative, NaN or infinite, or too large to represent.</exception>
    public static ByteSize FromKilobytes(double value) => new(Preconditions.FiniteResult(Preconditions.NonNegative(value) * 1000.0, nameof(value), value));

    /// <summary>Creates a value from megabytes (1e6 bytes).</summary>
    /// <param name="value">The amount, finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative, NaN or infinite, or too large to represent.</exception>
    public static ByteSize FromMegabytes(double value) => new(Preconditions.FiniteResult(Preconditions.NonNegative(value) * 1000000.0, nameof(value), value));

    /// <summary>Creates a value from gigabytes (1e9 bytes).</summary>
    /// <param name="value">The amount, finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative, NaN or infinite, or too large to represent.</exception>
    public static ByteSize FromGigabytes(double value) => new(Preconditions.FiniteResult(Preconditions.NonNegative(value) * 1000000000.0, nameof(value), value));

    /// <summary>Creates a value from terabytes (1e12 bytes).</summary>
    /// <param name="value">The amount, finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative, NaN or infinite, or too large to represent.</exception>
    public static ByteSize FromTerabytes(double value) => new(Preconditions.FiniteResult(Preconditions.NonNegative(value) * 1000000000000.0, nameof(value), value));

    /// <summary>Creates a value from kibibytes (2^10 bytes).</summary>
    /// <param name="value">The amount, finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative, NaN or infinite, or too large to represent.</exception>
    public static ByteSize FromKibibytes(double value) => new(Preconditions.FiniteResult(Preconditions.NonNegative(value) * 1024.0, nameof(value), value));

    /// <summary>Creates a value from mebibytes (2^20 bytes).</summary>
    /// <param name="value">The amount, finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative, NaN or infinite, or too large to represent.</exception>
    public static ByteSize FromMebibytes(double value) => new(Preconditions.FiniteResult(Preconditions.NonNegative(value) * 1048576.0, nameof(value), value));

    /// <summary>Creates a value from gibibytes (2^30 bytes).</summary>
    /// <param name="value">The amount, finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative, NaN or infinite, or too large to represent.</exception>
    public static ByteSize FromGibibytes(double value) => new(Preconditions.FiniteResult(Preconditions.NonNegative(value) * 1073741824.0, nameof(value), value));

    /// <summary>Creates a value from tebibytes (2^40 bytes).</summary>
    /// <param name="value">The amount, finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative, NaN or infinite, or too large to represent.</exception>
    public static ByteSize FromTebibytes(double value) => new(Preconditions.FiniteResult(Preconditions.NonNegative(value) * 1099511627776.0, nameof(value), value));

    /// <summary>The sum of two amounts.</summary>
    public static ByteSize operator +(ByteSize left, ByteSize right) => new(Preconditions.FiniteResult(left._value + right._value, nameof(right), right._value));

    /// <summary>The difference of two amounts.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The result would be negative.</exception>
    public static ByteSize operator -(ByteSize left, ByteSize right) => new(Preconditions.NonNegative(left._value - right._value, nameof(right)));

    /// <summary>Scales an amount by a non-negative factor.</summary>
    public static ByteSize operator *(ByteSize quantity, double factor) => new(Preconditions.FiniteResult(quantity._value * Preconditions.NonNegative(factor), nameof(factor), factor));

    /// <summary>Scales an amount by a non-negative factor.</summary>
    public static ByteSize operator *(double factor, ByteSize quantity) => quantity * factor;

    /// <summary>Divides an amount by a positive divisor.</summary>
    public static ByteSize operator /(ByteSize quantity, double divisor) => new(Preconditions.FiniteResult(quantity._value / Preconditions.Positive(divisor), nameof(divisor), divisor));

    /// <summary>The ratio of two amounts (dimensionless).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The divisor is zero.</exception>
    public static double operator /(ByteSize left, ByteSize right) => Preconditions.FiniteResult(left._value / Preconditions.Positive(right._value, nameof(right)), nameof(right), right._value);

    /// <summary>Compares two amounts.</summary>
    public static bool operator <(ByteSize left, ByteSize right) => left._value < right._value;

    /// <summary>Compares two amounts.</summary>
    public static bool operator >(ByteSize left, ByteSize right) => left._value > right._value;

    /// <summary>Compares two amounts.</summary>
    public static bool operator <=(ByteSize left, ByteSize right) => left._value <= right._value;

    /// <summary>Compares two amounts.</summary>
    public static bool operator >=(ByteSize left, ByteSize right) => left._value >= right._value;

    /// <summary>Equality of the canonical values.</summary>
    public static bool operator ==(ByteSize left, ByteSize right) => left.Equals(right);

    /// <summary>Inequality of the canonical values.</summary>
    public static bool operator !=(ByteSize left, ByteSize right) => !left.Equals(right);

    /// <summary>The larger of two amounts.</summary>
    public static ByteSize Max(ByteSize left, ByteSize right) => left._value >= right._value ? left : right;

    /// <summary>The smaller of two amounts.</summary>
    public static ByteSize Min(ByteSize left, ByteSize right) => left._value <= right._value ? left : right;

    /// <inheritdoc/>
    public bool Equals(ByteSize other) => _value.Equals(other._value);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ByteSize other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _value.GetHashCode();

    /// <inheritdoc/>
    public int CompareTo(ByteSize other) => _value.CompareTo(other._value);

    /// <summary>A human-readable, invariant-culture rendering with the unit.</summary>
    public override string ToString() => QuantityFormatter.FormatBytesDecimal(Bytes);

    /// <summary>With a format string, formats the canonical value (bytes); without one, as <see cref="ToString()"/>.</summary>
    public string ToString(string? format, IFormatProvider? formatProvider)
        => format is null ? ToString() : _value.ToString(format, formatProvider ?? CultureInfo.InvariantCulture);
}
