using System.Globalization;

namespace ScalingAdvisor.Units;

/// <summary>
/// A length of time in seconds. Unlike <see cref="TimeSpan"/> it does not overflow for the durations large budgets imply (1e30 FLOPs on one GPU is about 3e10 years).
/// Immutable; stores one canonical value in seconds. <c>default</c> is zero.
/// </summary>
public readonly partial struct Duration : IEquatable<Duration>, IComparable<Duration>, IFormattable
{
    private readonly double _value;

    private Duration(double value) => _value = value;

    /// <summary>Zero seconds.</summary>
    public static Duration Zero => default;

    /// <summary>The value in seconds (the canonical unit).</summary>
    public double TotalSeconds => _value;

    /// <summary>The duration in minutes.</summary>
    public double TotalMinutes => _value / 60;

    /// <summary>The duration in hours.</summary>
    public double TotalHours => _value / 3600;

    /// <summary>The duration in days (86,400 s).</summary>
    public double TotalDays => _value / 86400;

    /// <summary>The duration in Julian years (365.25 days).</summary>
    public double TotalYears => _value / 31557600;

    /// <summary>Creates a value from seconds.</summary>
    /// <param name="value">The amount, finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative, NaN or infinite, or too large to represent.</exception>
    public static Duration FromSeconds(double value) => new(Preconditions.NonNegative(value));

    /// <summary>Creates a value from minutes.</summary>
    /// <param name="value">The amount, finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative, NaN or infinite, or too large to represent.</exception>
    public static Duration FromMinutes(double value) => new(Preconditions.FiniteResult(Preconditions.NonNegative(value) * 60, nameof(value), value));

    /// <summary>Creates a value from hours.</summary>
    /// <param name="value">The amount, finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative, NaN or infinite, or too large to represent.</exception>
    public static Duration FromHours(double value) => new(Preconditions.FiniteResult(Preconditions.NonNegative(value) * 3600, nameof(value), value));

    /// <summary>Creates a value from days (86,400 s).</summary>
    /// <param name="value">The amount, finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative, NaN or infinite, or too large to represent.</exception>
    public static Duration FromDays(double value) => new(Preconditions.FiniteResult(Preconditions.NonNegative(value) * 86400, nameof(value), value));

    /// <summary>Creates a value from Julian years (365.25 days).</summary>
    /// <param name="value">The amount, finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative, NaN or infinite, or too large to represent.</exception>
    public static Duration FromYears(double value) => new(Preconditions.FiniteResult(Preconditions.NonNegative(value) * 31557600, nameof(value), value));

    /// <summary>The sum of two amounts.</summary>
    public static Duration operator +(Duration left, Duration right) => new(Preconditions.FiniteResult(left._value + right._value, nameof(right), right._value));

    /// <summary>The difference of two amounts.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The result would be negative.</exception>
    public static Duration operator -(Duration left, Duration right) => new(Preconditions.NonNegative(left._value - right._value, nameof(right)));

    /// <summary>Scales an amount by a non-negative factor.</summary>
    public static Duration operator *(Duration quantity, double factor) => new(Preconditions.FiniteResult(quantity._value * Preconditions.NonNegative(factor), nameof(factor), factor));

    /// <summary>Scales an amount by a non-negative factor.</summary>
    public static Duration operator *(double factor, Duration quantity) => quantity * factor;

    /// <summary>Divides an amount by a positive divisor.</summary>
    public static Duration operator /(Duration quantity, double divisor) => new(Preconditions.FiniteResult(quantity._value / Preconditions.Positive(divisor), nameof(divisor), divisor));

    /// <summary>The ratio of two amounts (dimensionless).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The divisor is zero.</exception>
    public static double operator /(Duration left, Duration right) => Preconditions.FiniteResult(left._value / Preconditions.Positive(right._value, nameof(right)), nameof(right), right._value);

    /// <summary>Compares two amounts.</summary>
    public static bool operator <(Duration left, Duration right) => left._value < right._value;

    /// <summary>Compares two amounts.</summary>
    public static bool operator >(Duration left, Duration right) => left._value > right._value;

    /// <summary>Compares two amounts.</summary>
    public static bool operator <=(Duration left, Duration right) => left._value <= right._value;

    /// <summary>Compares two amounts.</summary>
    public static bool operator >=(Duration left, Duration right) => left._value >= right._value;

    /// <summary>Equality of the canonical values.</summary>
    public static bool operator ==(Duration left, Duration right) => left.Equals(right);

    /// <summary>Inequality of the canonical values.</summary>
    public static bool operator !=(Duration left, Duration right) => !left.Equals(right);

    /// <summary>The larger of two amounts.</summary>
    public static Duration Max(Duration left, Duration right) => left._value >= right._value ? left : right;

    /// <summary>The smaller of two amounts.</summary>
    public static Duration Min(Duration left, Duration right) => left._value <= right._value ? left : right;

    /// <inheritdoc/>
    public bool Equals(Duration other) => _value.Equals(other._value);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Duration other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _value.GetHashCode();

    /// <inheritdoc/>
    public int CompareTo(Duration other) => _value.CompareTo(other._value);

    /// <summary>A human-readable, invariant-culture rendering with the unit.</summary>
    public override string ToString() => QuantityFormatter.FormatDuration(TotalSeconds);

    /// <summary>With a format string, formats the canonical value (seconds); without one, as <see cref="ToString()"/>.</summary>
    public string ToString(string? format, IFormatProvider? formatProvider)
        => format is null ? ToString() : _value.ToString(format, formatProvider ?? CultureInfo.InvariantCulture);
}
