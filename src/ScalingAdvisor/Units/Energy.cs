using System.Globalization;

namespace ScalingAdvisor.Units;

/// <summary>
/// An amount of energy, in joules; the field's usual unit is the kilowatt-hour (3.6e6 J).
/// Immutable; stores one canonical value in joules. <c>default</c> is zero.
/// </summary>
public readonly partial struct Energy : IEquatable<Energy>, IComparable<Energy>, IFormattable
{
    private readonly double _value;

    private Energy(double value) => _value = value;

    /// <summary>Zero joules.</summary>
    public static Energy Zero => default;

    /// <summary>The value in joules (the canonical unit).</summary>
    public double Joules => _value;

    /// <summary>The energy in kilowatt-hours (3.6e6 J).</summary>
    public double TotalKilowattHours => _value / 3600000.0;

    /// <summary>The energy in megawatt-hours (3.6e9 J).</summary>
    public double TotalMegawattHours => _value / 3600000000.0;

    /// <summary>Creates a value from joules.</summary>
    /// <param name="value">The amount, finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative, NaN or infinite, or too large to represent.</exception>
    public static Energy FromJoules(double value) => new(Preconditions.NonNegative(value));

    /// <summary>Creates a value from kilowatt-hours (3.6e6 J).</summary>
    /// <param name="value">The amount, finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative, NaN or infinite, or too large to represent.</exception>
    public static Energy FromKilowattHours(double value) => new(Preconditions.FiniteResult(Preconditions.NonNegative(value) * 3600000.0, nameof(value), value));

    /// <summary>Creates a value from megawatt-hours (3.6e9 J).</summary>
    /// <param name="value">The amount, finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative, NaN or infinite, or too large to represent.</exception>
    public static Energy FromMegawattHours(double value) => new(Preconditions.FiniteResult(Preconditions.NonNegative(value) * 3600000000.0, nameof(value), value));

    /// <summary>The sum of two amounts.</summary>
    public static Energy operator +(Energy left, Energy right) => new(Preconditions.FiniteResult(left._value + right._value, nameof(right), right._value));

    /// <summary>The difference of two amounts.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The result would be negative.</exception>
    public static Energy operator -(Energy left, Energy right) => new(Preconditions.NonNegative(left._value - right._value, nameof(right)));

    /// <summary>Scales an amount by a non-negative factor.</summary>
    public static Energy operator *(Energy quantity, double factor) => new(Preconditions.FiniteResult(quantity._value * Preconditions.NonNegative(factor), nameof(factor), factor));

    /// <summary>Scales an amount by a non-negative factor.</summary>
    public static Energy operator *(double factor, Energy quantity) => quantity * factor;

    /// <summary>Divides an amount by a positive divisor.</summary>
    public static Energy operator /(Energy quantity, double divisor) => new(Preconditions.FiniteResult(quantity._value / Preconditions.Positive(divisor), nameof(divisor), divisor));

    /// <summary>The ratio of two amounts (dimensionless).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The divisor is zero.</exception>
    public static double operator /(Energy left, Energy right) => Preconditions.FiniteResult(left._value / Preconditions.Positive(right._value, nameof(right)), nameof(right), right._value);

    /// <summary>Compares two amounts.</summary>
    public static bool operator <(Energy left, Energy right) => left._value < right._value;

    /// <summary>Compares two amounts.</summary>
    public static bool operator >(Energy left, Energy right) => left._value > right._value;

    /// <summary>Compares two amounts.</summary>
    public static bool operator <=(Energy left, Energy right) => left._value <= right._value;

    /// <summary>Compares two amounts.</summary>
    public static bool operator >=(Energy left, Energy right) => left._value >= right._value;

    /// <summary>Equality of the canonical values.</summary>
    public static bool operator ==(Energy left, Energy right) => left.Equals(right);

    /// <summary>Inequality of the canonical values.</summary>
    public static bool operator !=(Energy left, Energy right) => !left.Equals(right);

    /// <summary>The larger of two amounts.</summary>
    public static Energy Max(Energy left, Energy right) => left._value >= right._value ? left : right;

    /// <summary>The smaller of two amounts.</summary>
    public static Energy Min(Energy left, Energy right) => left._value <= right._value ? left : right;

    /// <inheritdoc/>
    public bool Equals(Energy other) => _value.Equals(other._value);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Energy other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _value.GetHashCode();

    /// <inheritdoc/>
    public int CompareTo(Energy other) => _value.CompareTo(other._value);

    /// <summary>A human-readable, invariant-culture rendering with the unit.</summary>
    public override string ToString() => QuantityFormatter.FormatSi(TotalKilowattHours * 1e3, "Wh");

    /// <summary>With a format string, formats the canonical value (joules); without one, as <see cref="ToString()"/>.</summary>
    public string ToString(string? format, IFormatProvider? formatProvider)
        => format is null ? ToString() : _value.ToString(format, formatProvider ?? CultureInfo.InvariantCulture);
}
