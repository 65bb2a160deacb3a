using ScalingAdvisor.Units;

namespace ScalingAdvisor.Laws;

/// <summary>Where a value lies against the range of a law's runs.</summary>
public enum RangeVerdict
{
    /// <summary>Within both stated bounds: the law interpolates.</summary>
    Inside,

    /// <summary>Above the largest run's value: the law extrapolates.</summary>
    Above,

    /// <summary>Below the smallest run's value: the law extrapolates.</summary>
    Below,

    /// <summary>Within the stated bound, but the other bound (or both) is not stated, so it cannot be told.</summary>
    Unknown,
}

/// <summary>One input of a question against the range of the law's runs.</summary>
/// <param name="FittedMin">The smallest value among the runs; null when not stated.</param>
/// <param name="FittedMax">The largest value among the runs; null when not stated.</param>
/// <param name="Value">The value asked about.</param>
/// <param name="Verdict">Inside, above, below, or unknown.</param>
/// <param name="Note">Where the bounds come from or why one is missing; null when nothing needs saying.</param>
public sealed record AxisExtrapolation(double? FittedMin, double? FittedMax, double Value, RangeVerdict Verdict, string? Note)
{
    /// <summary>
    /// How far beyond the range, as a ratio &gt; 1 (3400 for 3,400× the largest run's value, or 3400 for 1/3,400 of the
    /// smallest run's); null when the value is not beyond a stated bound, or when the ratio exceeds the range of a double
    /// (<see cref="RangeAxis.Assess"/> refuses such a value, so only a hand-built assessment can hold one).
    /// </summary>
    public double? Factor => Verdict switch
    {
        RangeVerdict.Above when FittedMax is { } max => Representable(Value / max),
        RangeVerdict.Below when FittedMin is { } min => Representable(min / Value),
        _ => null,
    };

    private static double? Representable(double ratio) => double.IsFinite(ratio) ? ratio : null;
}

/// <summary>
/// A typed finding: how far beyond the range of the runs a law was fitted on a question (N, D, C = 6·N·D) lies, per
/// axis. Returned by <see cref="FittedRange.Assess"/>; every command that evaluates a law reports it.
/// </summary>
/// <param name="Parameters">N against the runs' parameter counts.</param>
/// <param name="Tokens">D against the runs' token counts.</param>
/// <param name="Flops">C = 6·N·D against the runs' training compute.</param>
/// <param name="Source">Where the ranges come from.</param>
public sealed record ExtrapolationReport(AxisExtrapolation Parameters, AxisExtrapolation Tokens, AxisExtrapolation Flops, string Source)
{
    /// <summary>True when any input lies beyond a stated bound.</summary>
    public bool Extrapolates => Axes().Any(axis => axis.Axis.Factor is not null);

    /// <summary>
    /// The overall verdict: <c>beyond</c> when any input lies beyond a stated bound, <c>inside</c> when every input lies
    /// within stated bounds, <c>unknown</c> otherwise.
    /// </summary>
    public string Verdict => Extrapolates ? "beyond"
        : Axes().All(axis => axis.Axis.Verdict == RangeVerdict.Inside) ? "inside"
        : "unknown";

    /// <summary>The largest factor beyond the range over the three inputs; null when none lies beyond a stated bound.</summary>
    public double? LargestFactor => Axes().Max(axis => axis.Axis.Factor);

    /// <summary>
    /// The finding in a sentence, e.g. "The answer lies beyond the range the law was fitted on (the 30 runs of runs.csv):
    /// parameters 168× above the largest run's 8e+08; …", or null when no input lies beyond a stated bound.
    /// </summary>
    public string? Message
    {
        get
        {
            if (!Extrapolates)
            {
                return null;
            }

            // A loop, not Where(…).Select(…): under Native AOT that chain is a generic virtual call resolved at run time
            // on first use (about 0.1 ms of every advise).
            var parts = new List<string>();
            foreach (var axis in Axes())
            {
                if (axis.Axis.Factor is not { } factor)
                {
                    continue;
                }

                parts.Add($"{axis.Name} {QuantityFormatter.Significant(factor, 3)}× "
                    + (axis.Axis.Verdict == RangeVerdict.Above
                        ? $"above the largest run's {QuantityFormatter.FormatScientific(axis.Axis.FittedMax!.Value, 3)}"
                        : $"below the smallest run's {QuantityFormatter.FormatScientific(axis.Axis.FittedMin!.Value, 3)}"));
            }

            return $"The answer lies beyond the range the law was fitted on ({Source}): {string.Join("; ", parts)}.";
        }
    }

    private (string Name, AxisExtrapolation Axis)[] Axes() =>
        [("parameters", Parameters), ("tokens", Tokens), ("compute (FLOPs)", Flops)];
}
