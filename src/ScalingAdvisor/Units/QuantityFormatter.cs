using System.Globalization;

namespace ScalingAdvisor.Units;

/// <summary>
/// The one place where quantities become text: invariant culture always, SI prefixes for counts and
/// rates, decimal (GB) and binary (GiB) prefixes for bytes, kept apart by name.
/// </summary>
/// <remarks>Every method refuses NaN and ±∞ with an <see cref="ArgumentOutOfRangeException"/>: no text it makes prints them.</remarks>
public static class QuantityFormatter
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly string[] SiPrefixes = ["", "k", "M", "G", "T", "P", "E", "Z", "Y", "R", "Q"];
    private static readonly string[] CountSuffixes = ["", "K", "M", "B", "T", "P", "E"];
    private static readonly string[] DecimalByteUnits = ["B", "kB", "MB", "GB", "TB", "PB", "EB"];
    private static readonly string[] BinaryByteUnits = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];

    /// <summary>
    /// A count with the field's suffixes (K, M, B for billions, T, P): 6738415616 → "6.74B".
    /// These are the suffixes the CLI accepts on input, so output can be pasted back.
    /// </summary>
    public static string FormatCount(double value, int significantDigits = 3)
        => Scaled(Printable(value), 1000, CountSuffixes, "", significantDigits);

    /// <summary>A value with an SI prefix and unit: 3.12e14 FLOP/s → "312 TFLOP/s".</summary>
    public static string FormatSi(double value, string unit, int significantDigits = 3)
        => Scaled(Printable(value), 1000, SiPrefixes, " ", significantDigits) + unit;

    /// <summary>Bytes in decimal units (1 GB = 1e9 bytes).</summary>
    public static string FormatBytesDecimal(double bytes, int significantDigits = 3)
        => ScaledUnit(Printable(bytes), 1000, DecimalByteUnits, significantDigits);

    /// <summary>Bytes in binary units (1 GiB = 2^30 bytes).</summary>
    public static string FormatBytesBinary(double bytes, int significantDigits = 3)
        => ScaledUnit(Printable(bytes), 1024, BinaryByteUnits, significantDigits);

    /// <summary>Scientific notation with a fixed number of significant digits: "3.15e+23".</summary>
    public static string FormatScientific(double value, int significantDigits = 3)
        => Printable(value) != 0
            ? value.ToString("0." + OptionalDigits(significantDigits - 1) + "e+00", Invariant)
            : value.ToString(Invariant);

    /// <summary>A fixed-point number: FormatFixed(13.9643, 2) → "13.96".</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="decimals"/> is outside [0, 100] (a longer string carries no more of a double).</exception>
    public static string FormatFixed(double value, int decimals)
        => Printable(value).ToString("F" + ((int)Preconditions.InRange(decimals, 0, MaxFixedDecimals)).ToString(Invariant), Invariant);

    private const int MaxFixedDecimals = 100;

    /// <summary>US dollars with thousands separators: "$1,234,567".</summary>
    public static string FormatMoney(double usd)
        => "$" + Printable(usd).ToString(Math.Abs(usd) >= 100 ? "N0" : "N2", Invariant);

    /// <summary>A duration in the largest unit that keeps it readable: seconds, hours, days or years.</summary>
    public static string FormatDuration(double seconds)
    {
        double abs = Math.Abs(Printable(seconds));
        if (abs < 120) return Significant(seconds, 3) + " s";
        if (abs < 2 * 3600) return Significant(seconds / 60, 3) + " min";
        if (abs < 2 * 86400) return Significant(seconds / 3600, 3) + " h";
        if (abs < 2 * 31557600) return Significant(seconds / 86400, 3) + " days";
        return Significant(seconds / 31557600, 3) + " years";
    }

    /// <summary>A number rounded to significant digits, without exponent for everyday magnitudes.</summary>
    public static string Significant(double value, int significantDigits = 3)
    {
        if (Printable(value) == 0) return "0";
        double abs = Math.Abs(value);
        if (abs >= 1e9 || abs < 1e-4) return FormatScientific(value, significantDigits);
        int magnitude = (int)Math.Floor(Math.Log10(abs));
        int decimals = Math.Clamp(significantDigits - 1 - magnitude, 0, 15);
        double rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        return rounded.ToString("0." + OptionalDigits(decimals), Invariant);
    }

    /// <summary>
    /// Text never shows NaN or Infinity (a reason, a finding, a table cell): a non-finite number reaching a formatter
    /// is a computation that escaped its result guard, so it is refused here rather than printed.
    /// </summary>
    private static double Printable(double value, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(value))] string? paramName = null)
        => double.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(paramName, "Only finite numbers are formatted; a NaN or infinity here is a computation that escaped its result guard.");

    // A prefix of a constant rather than new string('#', n): that fills with Vector<ushort>, which ReadyToRun does not
    // precompile, and the CLI formats numbers on every run (issue 7, start-up). A double has at most 17 significant digits.
    private const string ManyOptionalDigits = "#################";

    private static string OptionalDigits(int count) => ManyOptionalDigits[..Math.Clamp(count, 0, ManyOptionalDigits.Length)];

    private static string Scaled(double value, double step, string[] prefixes, string separator, int significantDigits)
    {
        var (number, index) = ScaleToPrefix(value, step, prefixes.Length, significantDigits);
        return index < 0 ? number + separator : number + separator + prefixes[index];
    }

    private static string ScaledUnit(double value, double step, string[] units, int significantDigits)
    {
        var (number, index) = ScaleToPrefix(value, step, units.Length, significantDigits);
        return index < 0 ? number + " B" : number + " " + units[index];
    }

    /// <summary>Divides by <paramref name="step"/> until the value fits below it; index −1 means "use scientific notation".</summary>
    private static (string Number, int Index) ScaleToPrefix(double value, double step, int prefixCount, int significantDigits)
    {
        int index = 0;
        double scaled = value;
        while (Math.Abs(scaled) >= step && index < prefixCount - 1)
        {
            scaled /= step;
            index++;
        }

        // Rounding can carry into the next prefix (999.96 k → "1000 k"): move up once more.
        if (double.Parse(Significant(Math.Abs(scaled), significantDigits), Invariant) >= step && index < prefixCount - 1)
        {
            scaled /= step;
            index++;
        }

        return Math.Abs(scaled) >= step
            ? (FormatScientific(value, significantDigits), -1)
            : (Significant(scaled, significantDigits), index);
    }
}
