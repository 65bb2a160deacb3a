using System.Globalization;

namespace ScalingAdvisor.Units;

/// <summary>
/// A rate of floating-point work, in FLOP/s.
/// Immutable; stores one canonical value in FLOP/s. <c>default</c> is zero.
/// </summary>
public readonly partial struct FlopRate : IEquatable<FlopRate>, IComparable<FlopRate>, IFormattable
{
    private readonly double _value;

    private FlopRate(double value) => _value = value;

    /// <summary>Zero FLOP/s.</summary>
    public static FlopRate Zero => default;

    /// <summary>The value in FLOP/s (the canonical unit).</summary>
    public double FlopsPerSecond => _value;

    /// <summary>The rate in TFLOP/s (1e12 FLOP/s).</summary>
    public double TeraflopsPerSecond => _value / 1000000000000.0;

    /// <summary>The rate in PFLOP/s (1e15 FLOP/s).</summary>
    public double PetaflopsPerSecond => _value / 1000000000000000.0;

    /// <summary>Creates a value from FLOP/s.</summary>
    /// <param name="value">The amount, finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative, NaN or infinite, or too large to represent.</exception>
    public static FlopRate FromFlopsPerSecond(double value) => new(Preconditions.NonNegative(value));

    /// <summary>Creates a value from TFLOP/s (1e12 FLOP/s).</summary>
    /// <param name="value">The amount, finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative, NaN or infinite, or too large to represent.</exception>
    public static FlopRate FromTeraflopsPerSecond(double value) => new(Preconditions.FiniteResult(Preconditions.NonNegative(value) * 1000000000000.0, nameof(value), value));

    /// <summary>Creates a value from PFLOP/s (1e15 FLOP/s).</summary>
    /// <param name="value">The amount, finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative, NaN or infinite, or too large to represent.</exception>
    public static FlopRate FromPetaflopsPerSecond(double value) => new(Preconditions.FiniteResult(Preconditions.NonNegative(value) * 1000000000000000.0, nameof(value), value));

    /// <summary>The sum of two amounts.</summary>
    public static FlopRate operator +(FlopRate left, FlopRate right) => new(Preconditions.FiniteResult(left._value + right._value, nameof(right), right._value));

    /// <summary>The difference of two amounts.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The result would be negative.</exception>
    public static FlopRate operator -(FlopRate left, FlopRate right) => new(Preconditions.NonNegative(left._value - right._value, nameof(right)));

    /// <summary>Scales an amount by a non-negative factor.</summary>
    public static FlopRate operator *(FlopRate quantity, double factor) => new(Preconditions.FiniteResult(quantity._value * Preconditions.NonNegative(factor), nameof(factor), factor));

    /// <summary>Scales an amount by a non-negative factor.</summary>
    public static FlopRate operator *(double factor, FlopRate quantity) => quantity * factor;

    /// <summary>Divides an amount by a positive divisor.</summary>
    public static FlopRate operator /(FlopRate quantity, double divisor) => new(Preconditions.FiniteResult(quantity._value / Preconditions.Positive(divisor), nameof(divisor), divisor));

    /// <summary>The ratio of two amounts (dimensionless).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The divisor is zero.</exception>
    public static double operator /(FlopRate left, FlopRate right) => Preconditions.FiniteResult(left._value / Preconditions.Positive(right._value, nameof(right)), nameof(right), right._value);

    /// <summary>Compares two amounts.</summary>
    public static bool operator <(FlopRate left, FlopRate right) => left._value < right._value;

    /// <summary>Compares two amounts.</summary>
    public static bool operator >(FlopRate left, FlopRate right) => left._value > right._value;

    /// <summary>Compares two amounts.</summary>
    public static bool operator <=(FlopRate left, FlopRate right) => left._value <= right._value;

    /// <summary>Compares two amounts.</summary>
    public static bool operator >=(FlopRate left, FlopRate right) => left._value >= right._value;

    /// <summary>Equality of the canonical values.</summary>
    public static bool operator ==(FlopRate left, FlopRate right) => left.Equals(right);

    /// <summary>Inequality of the canonical values.</summary>
    public static bool operator !=(FlopRate left, FlopRate right) => !left.Equals(right);

    /// <summary>The larger of two amounts.</summary>
    public static FlopRate Max(FlopRate left, FlopRate right) => left._value >= right._value ? left : right;

    /// <summary>The smaller of two amounts.</summary>
    public static FlopRate Min(FlopRate left, FlopRate right) => left._value <= right._value ? left : right;

    /// <inheritdoc/>
    public bool Equals(FlopRate other) => _value.Equals(other._value);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is FlopRate other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _value.GetHashCode();

    /// <inheritdoc/>
    public int CompareTo(FlopRate other) => _value.CompareTo(other._value);

    /// <summary>A human-readable, invariant-culture rendering with the unit.</summary>
    public override string ToString() => QuantityFormatter.FormatSi(FlopsPerSecond, "FLOP/s");

    /// <summary>With a format string, formats the canonical value (FLOP/s); without one, as <see cref="ToString()"/>.</summary>
    public string ToString(string? format, IFormatProvider? formatProvider)
        => format is null ? ToString() : _value.ToString(format, formatProvider ?? CultureInfo.InvariantCulture);
}
