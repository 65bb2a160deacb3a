using ScalingAdvisor.Laws;

namespace ScalingAdvisor.Cli.Rendering;

/// <summary>
/// The <c>extrapolation</c> object of docs/CLI.md, written alike by every command that evaluates a law:
/// <c>extrapolates</c>, <c>verdict</c> (<c>inside</c>, <c>beyond</c> or <c>unknown</c>), <c>largestFactor</c>,
/// <c>rangeSource</c>, and per axis (<c>params</c>, <c>tokens</c>, <c>flops</c>) the fitted <c>min…</c> and <c>max…</c>, the
/// <c>queried…</c> value, <c>factorBeyond</c> (null inside the range or when the bound is unstated), <c>verdict</c>
/// (<c>inside</c>, <c>above</c>, <c>below</c>, <c>unknown</c>) and <c>note</c> (why a bound is null).
/// </summary>
internal static class ExtrapolationFields
{
    /// <summary>Adds the object to <paramref name="target"/>, and its sentence to the findings when the answer extrapolates.</summary>
    public static void Add(Report report, ReportObject target, ExtrapolationReport extrapolation)
    {
        Write(target, extrapolation);
        if (extrapolation.Message is { } message)
        {
            report.Findings.Add(message);
        }
    }

    /// <summary>Adds the object alone (e.g. to a what-if row whose findings are not listed).</summary>
    public static void Write(ReportObject target, ExtrapolationReport extrapolation)
    {
        var o = target.AddObject("extrapolation")
            .Add("extrapolates", extrapolation.Extrapolates)
            .Add("verdict", extrapolation.Verdict)
            .Add("largestFactor", extrapolation.LargestFactor)
            .Add("rangeSource", extrapolation.Source);
        Axis(o.AddObject("params"), "Params", extrapolation.Parameters);
        Axis(o.AddObject("tokens"), "Tokens", extrapolation.Tokens);
        Axis(o.AddObject("flops"), "Flops", extrapolation.Flops);
    }

    private static void Axis(ReportObject o, string unit, AxisExtrapolation axis) => o
        .Add("min" + unit, axis.FittedMin)
        .Add("max" + unit, axis.FittedMax)
        .Add("queried" + unit, axis.Value)
        .Add("factorBeyond", axis.Factor)
        .Add("verdict", axis.Verdict switch
        {
            RangeVerdict.Inside => "inside",
            RangeVerdict.Above => "above",
            RangeVerdict.Below => "below",
            _ => "unknown",
        })
        .Add("note", axis.Note);
}
