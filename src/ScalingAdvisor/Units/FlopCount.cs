using System.Globalization;

namespace ScalingAdvisor.Units;

/// <summary>
/// An amount of floating-point work, in FLOPs (operations, not FLOP/s).
/// Immutable; stores one canonical value in FLOPs. <c>default</c> is zero.
/// </summary>
public readonly partial struct FlopCount : IEquatable<FlopCount>, IComparable<FlopCount>, IFormattable
{
    private readonly double _value;

    private FlopCount(double value) => _value = value;

    /// <summary>Zero FLOPs.</summary>
    public static FlopCount Zero => default;

    /// <summary>The value in FLOPs (the canonical unit).</summary>
    public double Flops => _value;

    /// <summary>The amount in petaFLOP/s-days (8.64e19 FLOPs each).</summary>
    public double TotalPetaflopDays => _value / 8.64e+19;

    /// <summary>Creates a value from FLOPs.</summary>
    /// <param name="value">The amount, finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative, NaN or infinite, or too large to represent.</exception>
    public static FlopCount FromFlops(double value) => new(Preconditions.NonNegative(value));

    /// <summary>Creates a value from petaFLOP/s-days (1 PF-day = 1e15 FLOP/s × 86,400 s = 8.64e19 FLOPs; Kaplan et al. 2020 §1.3).</summary>
    /// <param name="value">The amount, finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative, NaN or infinite, or too large to represent.</exception>
    public static FlopCount FromPetaflopDays(double value) => new(Preconditions.FiniteResult(Preconditions.NonNegative(value) * 8.64e+19, nameof(value), value));

    /// <summary>The sum of two amounts.</summary>
    public static FlopCount operator +(FlopCount left, FlopCount right) => new(Preconditions.FiniteResult(left._value + right._value, nameof(right), right._value));

    /// <summary>The difference of two amounts.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The result would be negative.</exception>
    public static FlopCount operator -(FlopCount left, FlopCount right) => new(Preconditions.NonNegative(left._value - right._value, nameof(right)));

    /// <summary>Scales an amount by a non-negative factor.</summary>
    public static FlopCount operator *(FlopCount quantity, double factor) => new(Preconditions.FiniteResult(quantity._value * Preconditions.NonNegative(factor), nameof(factor), factor));

    /// <summary>Scales an amount by a non-negative factor.</summary>
    public static FlopCount operator *(double factor, FlopCount quantity) => quantity * factor;

    /// <summary>Divides an amount by a positive divisor.</summary>
    public static FlopCount operator /(FlopCount quantity, double divisor) => new(Preconditions.FiniteResult(quantity._value / Preconditions.Positive(divisor), nameof(divisor), divisor));

    /// <summary>The ratio of two amounts (dimensionless).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The divisor is zero.</exception>
    public static double operator /(FlopCount left, FlopCount right) => Preconditions.FiniteResult(left._value / Preconditions.Positive(right._value, nameof(right)), nameof(right), right._value);

    /// <summary>Compares two amounts.</summary>
    public static bool operator <(FlopCount left, FlopCount right) => left._value < right._value;

    /// <summary>Compares two amounts.</summary>
    public static bool operator >(FlopCount left, FlopCount right) => left._value > right._value;

    /// <summary>Compares two amounts.</summary>
    public static bool operator <=(FlopCount left, FlopCount right) => left._value <= right._value;

    /// <summary>Compares two amounts.</summary>
    public static bool operator >=(FlopCount left, FlopCount right) => left._value >= right._value;

    /// <summary>Equality of the canonical values.</summary>
    public static bool operator ==(FlopCount left, FlopCount right) => left.Equals(right);

    /// <summary>Inequality of the canonical values.</summary>
    public static bool operator !=(FlopCount left, FlopCount right) => !left.Equals(right);

    /// <summary>The larger of two amounts.</summary>
    public static FlopCount Max(FlopCount left, FlopCount right) => left._value >= right._value ? left : right;

    /// <summary>The smaller of two amounts.</summary>
    public static FlopCount Min(FlopCount left, FlopCount right) => left._value <= right._value ? left : right;

    /// <inheritdoc/>
    public bool Equals(FlopCount other) => _value.Equals(other._value);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is FlopCount other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _value.GetHashCode();

    /// <inheritdoc/>
    public int CompareTo(FlopCount other) => _value.CompareTo(other._value);

    /// <summary>A human-readable, invariant-culture rendering with the unit.</summary>
    public override string ToString() => QuantityFormatter.FormatScientific(Flops) + " FLOPs";

    /// <summary>With a format string, formats the canonical value (FLOPs); without one, as <see cref="ToString()"/>.</summary>
    public string ToString(string? format, IFormatProvider? formatProvider)
        => format is null ? ToString() : _value.ToString(format, formatProvider ?? CultureInfo.InvariantCulture);
}
