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

    /// <summary>
    /// Adds the object alone (e.g. to a what-if row whose findings are not listed). Its fields are details and
    /// citations, so JSON and CSV carry them all; the table reads them as one line per axis (<see cref="AxisLine"/>).
    /// </summary>
    public static void Write(ReportObject target, ExtrapolationReport extrapolation)
    {
        var o = target.AddObject("extrapolation")
            .Add("extrapolates", extrapolation.Extrapolates)
            .Add("verdict", extrapolation.Verdict)
            .Add("largestFactor", extrapolation.LargestFactor)
            .AddCitation("rangeSource", extrapolation.Source);
        Axis(o.AddObject("params"), "Params", extrapolation.Parameters);
        Axis(o.AddObject("tokens"), "Tokens", extrapolation.Tokens);
        Axis(o.AddObject("flops"), "Flops", extrapolation.Flops);
        o.AsDetails();
        o.AddTableOnly("params", AxisLine("Params", extrapolation.Parameters))
            .AddTableOnly("tokens", AxisLine("Tokens", extrapolation.Tokens))
            .AddTableOnly("flops", AxisLine("Flops", extrapolation.Flops));
    }

    /// <summary>
    /// One axis in a line: "11.7B, inside 70M–16B", "70B, 4.38× beyond the fitted max 16B", "unknown: fitted range
    /// not stated". The axis's note is a citation (<c>--sources</c>, JSON).
    /// </summary>
    public static string AxisLine(string unit, AxisExtrapolation axis)
    {
        string value = Number(unit, axis.Value);
        return axis.Verdict switch
        {
            RangeVerdict.Inside => $"{value}, inside {Range(unit, axis)}",
            RangeVerdict.Above => $"{value}, {Factor(axis)}× beyond the fitted max {Number(unit, axis.FittedMax)}",
            RangeVerdict.Below => $"{value}, {Factor(axis)}× below the fitted min {Number(unit, axis.FittedMin)}",
            _ when axis.FittedMin is null && axis.FittedMax is null => $"{value}, unknown: fitted range not stated",
            _ => $"{value}, unknown: fitted range {Range(unit, axis)}",
        };
    }

    private static string Range(string unit, AxisExtrapolation axis) => Number(unit, axis.FittedMin) + "–" + Number(unit, axis.FittedMax);

    private static string Factor(AxisExtrapolation axis)
        => ValueFormatter.Format("factorBeyond", new ReportValue.Number(axis.Factor ?? 0));

    /// <summary>A bound or value formatted like its JSON field (<c>maxParams</c> → "16B"); "not stated" when null.</summary>
    private static string Number(string unit, double? value)
        => value is { } v ? ValueFormatter.Format("max" + unit, new ReportValue.Number(v)) : "not stated";

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
        .AddCitation("note", axis.Note);
}
