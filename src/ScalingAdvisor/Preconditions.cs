using System.Runtime.CompilerServices;

namespace ScalingAdvisor;

/// <summary>
/// Argument checks used at every public entry point. Plain comparisons let NaN through
/// (<c>NaN &lt; 0</c> is false), so every check rejects NaN and ±∞ explicitly.
/// </summary>
internal static class Preconditions
{
    /// <summary>Requires a finite value (any sign).</summary>
    public static double Finite(double value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} should be a finite number but was {Show(value)}.");
        }

        return value;
    }

    /// <summary>Requires a finite value in (0, ∞).</summary>
    public static double Positive(double value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} should be in (0, ∞) but was {Show(value)}.");
        }

        return value;
    }

    /// <summary>Requires a finite value in [0, ∞).</summary>
    public static double NonNegative(double value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} should be in [0, ∞) but was {Show(value)}.");
        }

        return value;
    }

    /// <summary>Requires a fraction in (0, 1].</summary>
    public static double Fraction(double value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (!double.IsFinite(value) || value <= 0 || value > 1)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} should be in (0, 1] but was {Show(value)}.");
        }

        return value;
    }

    /// <summary>Requires a finite value in the closed interval [min, max].</summary>
    public static double InRange(double value, double min, double max, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (!double.IsFinite(value) || value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(paramName, value,
                $"{paramName} should be in [{Show(min)}, {Show(max)}] but was {Show(value)}.");
        }

        return value;
    }

    /// <summary>Requires an integer ≥ 1.</summary>
    public static int PositiveInt(int value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (value < 1)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} should be at least 1 but was {value}.");
        }

        return value;
    }

    /// <summary>Requires an integer ≥ 0.</summary>
    public static int NonNegativeInt(int value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} should be at least 0 but was {value}.");
        }

        return value;
    }

    /// <summary>Requires a non-null reference.</summary>
    public static T NotNull<T>(T? value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
        where T : class
        => value ?? throw new ArgumentNullException(paramName);

    /// <summary>
    /// The one guard at the return point of every public computation: a result that overflowed to ±∞ (or a NaN
    /// from ∞ − ∞ or 0·∞) is reported as an out-of-range argument naming the input that drove it there, instead
    /// of being returned.
    /// </summary>
    /// <param name="value">The computed result.</param>
    /// <param name="paramName">The public parameter whose value took the result out of range.</param>
    /// <param name="input">That parameter's value (or the number it carries), for the message.</param>
    public static double FiniteResult(double value, string paramName, double input)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(paramName, input,
                $"{paramName} = {Show(input)} takes the result out of the range a double can represent; use a value of a sane magnitude.");
        }

        return value;
    }

    /// <summary>
    /// Runs arithmetic on inputs that passed their checks: an out-of-range intermediate (a quantity operator's
    /// overflow, which names that operator's own operand) is re-reported against the public parameter that drove it.
    /// </summary>
    public static T Attributed<T>(Func<T> computation, string paramName, double input)
    {
        try
        {
            return computation();
        }
        catch (ArgumentOutOfRangeException ex) when (ex.ParamName != paramName)
        {
            throw new ArgumentOutOfRangeException(paramName,
                $"{paramName} = {Show(input)} takes the result out of the range a double can represent; use a value of a sane magnitude.");
        }
    }

    // ∞ and "not a number" rather than .NET's "Infinity" and "NaN": these messages reach the CLI's users.
    internal static string Show(double value) => value switch
    {
        double.PositiveInfinity => "∞",
        double.NegativeInfinity => "-∞",
        double.NaN => "not a number",
        _ => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
    };
}
