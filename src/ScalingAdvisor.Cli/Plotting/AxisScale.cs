using System.Globalization;

namespace ScalingAdvisor.Cli.Plotting;

/// <summary>How an axis maps its values.</summary>
internal enum AxisKind
{
    /// <summary>Logarithmic when the values are positive and span at least a factor of ten, otherwise linear.</summary>
    Auto,

    /// <summary>Linear.</summary>
    Linear,

    /// <summary>Logarithmic (base 10).</summary>
    Log,
}

/// <summary>
/// Maps data values to pixels along one axis over the data's own range (a little padded, never snapped out to whole
/// decades), with ticks a reader can use: every decade with unlabelled minor ticks at 2…9 on wide log ranges, 1-2-5
/// (or 1…9) per decade on narrower ones, and 1-2-5 steps on linear axes.
/// </summary>
internal sealed class AxisScale
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private readonly double _lo, _hi, _from, _to;

    private AxisScale(bool log, double lo, double hi, double from, double to)
    {
        IsLog = log;
        _lo = lo;
        _hi = hi;
        _from = from;
        _to = to;
        (Ticks, MinorTicks) = log ? LogTicks() : (LinearTicks(lo, hi), []);
    }

    public bool IsLog { get; }

    /// <summary>The smallest value the axis shows.</summary>
    public double Min => IsLog ? Math.Pow(10, _lo) : _lo;

    /// <summary>The largest value the axis shows.</summary>
    public double Max => IsLog ? Math.Pow(10, _hi) : _hi;

    /// <summary>Labelled ticks, inside [Min, Max], ascending.</summary>
    public IReadOnlyList<double> Ticks { get; }

    /// <summary>Unlabelled minor ticks (log axes), inside [Min, Max].</summary>
    public IReadOnlyList<double> MinorTicks { get; }

    /// <summary>A scale over <paramref name="values"/> from pixel <paramref name="from"/> (the axis minimum) to <paramref name="to"/>.</summary>
    public static AxisScale For(AxisKind kind, IEnumerable<double> values, double from, double to)
    {
        var finite = values.Where(double.IsFinite).ToList();
        bool positive = finite.Count > 0 && finite.All(v => v > 0);
        bool log = kind == AxisKind.Log || (kind == AxisKind.Auto && positive && finite.Max() / finite.Min() >= 10);
        if (log)
        {
            var logs = finite.Where(v => v > 0).Select(Math.Log10).ToList();
            if (logs.Count == 0)
            {
                return new AxisScale(true, 0, 1, from, to);
            }

            double lo = logs.Min(), hi = logs.Max();
            double pad = hi > lo ? 0.04 * (hi - lo) : 0.15;
            return new AxisScale(true, lo - pad, hi + pad, from, to);
        }

        if (finite.Count == 0)
        {
            return new AxisScale(false, 0, 1, from, to);
        }

        double min = finite.Min(), max = finite.Max();
        double margin = max > min ? 0.05 * (max - min) : Math.Max(0.5, Math.Abs(min) * 0.1);
        return new AxisScale(false, min - margin, max + margin, from, to);
    }

    /// <summary>A scale from exactly <paramref name="min"/> to <paramref name="max"/>, unpadded (a colour bar).</summary>
    public static AxisScale Exact(bool log, double min, double max, double from, double to)
        => log ? new AxisScale(true, Math.Log10(min), Math.Log10(max), from, to) : new AxisScale(false, min, max, from, to);

    public double Map(double value)
    {
        double v = IsLog ? Math.Log10(Math.Max(value, 1e-300)) : value;
        return _from + ((v - _lo) / (_hi - _lo) * (_to - _from));
    }

    /// <summary>Whether a value lies on the axis's range.</summary>
    public bool Shows(double value) => double.IsFinite(value) && value >= Min * (1 - 1e-12) && value <= Max * (1 + 1e-12) && (!IsLog || value > 0);

    public string Label(double tick) => IsLog ? LogLabel(tick) : LinearLabel(tick, Ticks.Count > 1 ? Ticks[1] - Ticks[0] : Math.Abs(tick));

    /// <summary>m·10^k as "m×10ᵏ" with superscript exponents, plain digits for 10⁻³ to 10³.</summary>
    public static string Scientific(double value)
    {
        if (value == 0) return "0";
        int k = (int)Math.Floor(Math.Log10(Math.Abs(value)) + 1e-9);
        if (k is >= -3 and <= 3)
        {
            return value.ToString("0.###", Invariant);
        }

        double m = value / Math.Pow(10, k);
        string mantissa = Math.Abs(m - 1) < 1e-6 ? "" : m.ToString("0.##", Invariant) + "×";
        return mantissa + "10" + Superscript(k);
    }

    private static string LogLabel(double tick) => Scientific(tick);

    private static string LinearLabel(double tick, double step)
    {
        if (Math.Abs(tick) >= 1e5 || (tick != 0 && Math.Abs(tick) < 1e-3))
        {
            return Scientific(tick);
        }

        int decimals = Math.Max(0, -(int)Math.Floor(Math.Log10(step) + 1e-9));
        return tick.ToString("F" + decimals.ToString(Invariant), Invariant);
    }

    private static string Superscript(int k)
    {
        const string digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        var text = Math.Abs(k).ToString(Invariant).Select(c => digits[c - '0']);
        return (k < 0 ? "⁻" : "") + string.Concat(text);
    }

    private (IReadOnlyList<double> Major, IReadOnlyList<double> Minor) LogTicks()
    {
        double span = _hi - _lo;
        int first = (int)Math.Floor(_lo), last = (int)Math.Ceiling(_hi);
        if (span >= 4)
        {
            int every = Math.Max(1, (int)Math.Ceiling((last - first + 1) / 9.0));
            var decades = Enumerable.Range(first, last - first + 1).Where(k => k % every == 0).Select(k => Math.Pow(10, k)).Where(InRange).ToList();
            var minor = span <= 10
                ? Enumerable.Range(first, last - first + 1).SelectMany(k => Enumerable.Range(2, 8).Select(m => m * Math.Pow(10, k))).Where(InRange).ToList()
                : Enumerable.Range(first, last - first + 1).Where(k => k % every != 0).Select(k => Math.Pow(10, k)).Where(InRange).ToList();
            return (decades, minor);
        }

        // The coarsest mantissa set that labels at least three values; all of 1…9 are minor ticks.
        var all = Mantissas(first, last, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
        foreach (int[] set in (int[][])[[1], [1, 2, 5], [1, 2, 3, 4, 5, 6, 7, 8, 9]])
        {
            var major = Mantissas(first, last, set);
            if (major.Count >= 3)
            {
                return (major, all.Except(major).ToList());
            }
        }

        // Less than a decade with fewer than three 1…9 values in it: linear steps, drawn on the log axis.
        return (LinearTicks(Min, Max), all);

        List<double> Mantissas(int from, int to, int[] set)
            => Enumerable.Range(from, to - from + 1).SelectMany(k => set.Select(m => m * Math.Pow(10, k))).Where(InRange).ToList();
    }

    private bool InRange(double value) => value >= Min * (1 - 1e-12) && value <= Max * (1 + 1e-12);

    private static List<double> LinearTicks(double lo, double hi)
    {
        double step = NiceStep((hi - lo) / 8);
        var ticks = new List<double>();
        for (double t = Math.Ceiling(lo / step) * step; t <= hi + (1e-9 * step); t += step)
        {
            ticks.Add(Math.Abs(t) < 1e-12 * step ? 0 : Math.Round(t / step) * step);
        }

        return ticks;
    }

    private static double NiceStep(double raw)
    {
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double fraction = raw / magnitude;
        return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * magnitude;
    }
}
