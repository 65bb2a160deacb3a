using ScalingAdvisor.Advice;
using ScalingAdvisor.Fitting;
using ScalingAdvisor.Laws;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Cli.Plotting;

/// <summary>
/// <c>fit --plot</c>: the runs coloured by their own model size on a colour scale (no binning, so no run sits on another
/// size's curve), the fitted L(N, D) against D at a few labelled sizes with its bootstrap band, and the
/// <c>--budget</c> optimum annotated with N, D and loss.
/// </summary>
internal static class FitPlot
{
    private const int CurvePoints = 41, MaxCurves = 6;

    public static SvgChart Create(RunSet set, ChinchillaLaw law, BootstrapResult? bootstrap, FlopCount? budget)
    {
        var runs = set.Runs;
        var uncertainty = bootstrap is null ? null : LawUncertainty.From(bootstrap);
        string band = uncertainty is null ? "" : $"; band: {Percent(uncertainty.Confidence)} bootstrap ({bootstrap!.Resamples - bootstrap.FailedResamples} refits)";
        var chart = new SvgChart($"Runs from {set.SourceName} and the fitted law L = E + A/N^α + B/D^β",
            new ChartAxis("training tokens D (tokens)"), new ChartAxis("final loss (nats/token)"))
        {
            Subtitle = $"E = {Sig(law.E)}, A = {Sig(law.A)}, B = {Sig(law.B)}, α = {Sig(law.Alpha)}, β = {Sig(law.Beta)}; {runs.Count} runs{band}",
        };

        double minN = runs.Min(r => r.Parameters.Count), maxN = runs.Max(r => r.Parameters.Count);
        double minD = runs.Min(r => r.Tokens.Count), maxD = runs.Max(r => r.Tokens.Count);
        double minL = runs.Min(r => r.Loss), maxL = runs.Max(r => r.Loss), span = Math.Max(maxL - minL, 0.1);
        var colors = maxN > minN ? new ColorBar("model size N (parameters)", minN, maxN, Logarithmic: true) : null;
        chart.ColorBar = colors;
        string ColorOf(double n) => colors?.ColorOf(n) ?? ColorMap.Palette[0];

        chart.Series.Add(new ChartSeries("runs (colour: N)", SeriesKind.Scatter, runs.Select(r => (r.Tokens.Count, r.Loss)).ToList(), ColorMap.Palette[0])
        {
            PointColors = colors is null ? null : runs.Select(r => ColorOf(r.Parameters.Count)).ToList(),
        });
        chart.Series.Add(new ChartSeries("fitted L(N, D) at the labelled N", SeriesKind.Line, [], "#555555"));

        var grid = Enumerable.Range(0, CurvePoints).Select(i => minD / 1.5 * Math.Pow(maxD * 1.5 / (minD / 1.5), i / (CurvePoints - 1.0))).ToList();
        bool firstBand = true;
        foreach (double n in CurveSizes(runs))
        {
            var size = ParameterCount.FromCount(n);
            chart.Series.Add(new ChartSeries($"fit, N = {QuantityFormatter.FormatCount(n, 3)}", SeriesKind.Line,
                grid.Select(d => (d, law.Loss(size, TokenCount.FromCount(d)))).ToList(), ColorOf(n))
            {
                InLegend = false, FitsAxes = false, EndLabel = "N = " + QuantityFormatter.FormatCount(n, 3),
            });
            if (uncertainty is not null)
            {
                // Only where the curve is near the runs' losses, so that the band does not stretch the loss axis.
                var points = grid.Where(d => d >= minD && d <= maxD).Select(d => (d, interval: uncertainty.LossAt(law, size, TokenCount.FromCount(d))))
                    .Where(p => p.interval.Estimate >= minL - (0.05 * span) && p.interval.Estimate <= maxL + (0.05 * span))
                    .Select(p => (p.d, p.interval.Low, p.interval.High)).ToList();
                chart.Ribbons.Add(new ChartRibbon($"{Percent(uncertainty.Confidence)} bootstrap band of the fit", points, ColorOf(n)) { InLegend = firstBand });
                firstBand = false;
            }
        }

        if (budget is { } c)
        {
            var optimum = FittedOptimum.At(law, c);
            var at = bootstrap?.AtBudget;
            chart.Series.Add(new ChartSeries("fitted L(N_opt, D) at the budget's N_opt", SeriesKind.Line,
                Enumerable.Range(0, CurvePoints).Select(i => minD * Math.Pow(optimum.Tokens.Count / minD, i / (CurvePoints - 1.0)))
                    .Select(d => (d, law.Loss(optimum.Parameters, TokenCount.FromCount(d)))).ToList(), "#000000", Dashed: true)
            {
                FitsAxes = false,
            });
            chart.Annotations.Add(new ChartAnnotation(optimum.Tokens.Count, optimum.Loss,
            [
                $"compute-optimal at C = {AxisScale.Scientific(c.Flops)} FLOPs",
                $"N = {QuantityFormatter.FormatCount(optimum.Parameters.Count, 3)}{Range(at?.OptimalParameters, bootstrap, v => QuantityFormatter.FormatCount(v, 3))}",
                $"D = {QuantityFormatter.FormatCount(optimum.Tokens.Count, 3)}{Range(at?.OptimalTokens, bootstrap, v => QuantityFormatter.FormatCount(v, 3))}",
                $"loss = {Sig(optimum.Loss, 4)} nats/token{Range(at?.Loss, bootstrap, v => Sig(v, 4))}",
            ]));
        }

        return chart;
    }

    /// <summary>Every distinct size when there are few; otherwise at most six log-spaced round sizes within the runs' range.</summary>
    internal static IReadOnlyList<double> CurveSizes(IReadOnlyList<TrainingRun> runs)
    {
        var distinct = runs.Select(r => r.Parameters.Count).Distinct().Order().ToList();
        if (distinct.Count <= MaxCurves)
        {
            return distinct;
        }

        double lo = distinct[0], hi = distinct[^1];
        foreach (int[] mantissas in (int[][])[[1, 2, 5], [1, 3], [1]])
        {
            var sizes = Enumerable.Range((int)Math.Floor(Math.Log10(lo)), (int)Math.Ceiling(Math.Log10(hi)) - (int)Math.Floor(Math.Log10(lo)) + 1)
                .SelectMany(k => mantissas.Select(m => m * Math.Pow(10, k))).Where(n => n >= lo && n <= hi).ToList();
            if (sizes.Count <= MaxCurves && sizes.Count >= 2)
            {
                return sizes;
            }
        }

        return [lo, hi];
    }

    private static string Range(ParameterInterval? interval, BootstrapResult? bootstrap, Func<double, string> format)
        => interval is null || bootstrap is null || format(interval.Low) == format(interval.High) ? "" : $" ({Percent(bootstrap.Confidence)}: {format(interval.Low)}–{format(interval.High)})";

    internal static string Percent(double fraction) => (fraction * 100).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + "%";

    private static string Sig(double value, int digits = 3) => QuantityFormatter.Significant(value, digits);
}
