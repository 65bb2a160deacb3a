using ScalingAdvisor.Serving;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Cli.Plotting;

/// <summary>
/// <c>serve --plot</c>: TTFT and TPOT against output tokens/s per GPU over batch sizes 1, 2, 4, … up to the largest that
/// fits (<see cref="ServingEstimator.BatchSweep"/>), the SLO lines when given, and the chosen point (the requested batch,
/// or the SLO plan's choice) annotated with its numbers.
/// </summary>
internal static class ServePlot
{
    private const double MillisecondsPerSecond = 1000;

    /// <param name="model">The model's description, for the subtitle.</param>
    /// <param name="sweep">The estimates by increasing batch (not empty).</param>
    /// <param name="chosen">The point to annotate; null when the requested batch does not fit.</param>
    /// <param name="chosenBy">Why it is the chosen point, e.g. "requested batch" or "SLO plan's choice".</param>
    /// <param name="ttftSloSeconds">The TTFT objective, or null.</param>
    /// <param name="tpotSloSeconds">The TPOT objective, or null.</param>
    public static SvgChart Create(string model, IReadOnlyList<ServingEstimate> sweep, ServingEstimate? chosen, string chosenBy, double? ttftSloSeconds, double? tpotSloSeconds)
    {
        var first = sweep[0];
        var setup = first.Setup;
        string batches = string.Join(", ", sweep.Select(e => e.Setup.Batch.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var chart = new SvgChart("Serving latency against throughput over batch sizes",
            new ChartAxis("output tokens/s per GPU (tokens/s)"), new ChartAxis("latency (ms)"))
        {
            Subtitle = $"{model} on {setup.Gpus} × {first.AcceleratorId}, {setup.Weights.Bits}-bit weights, {setup.KeyValueBits}-bit KV, "
                + $"P = {setup.PromptTokens}, O = {setup.OutputTokens}; points: batch {batches} (largest that fits: {first.MaxBatch})",
        };

        string ttftColor = ColorMap.Palette[1], tpotColor = ColorMap.Palette[0];
        AddCurve(chart, "TTFT (prefill of the batch)", sweep, e => e.TimeToFirstToken, ttftColor);
        AddCurve(chart, "TPOT (mean decode step)", sweep, e => e.TimePerOutputToken, tpotColor);

        if (ttftSloSeconds is { } ttft)
        {
            chart.Levels.Add(new ChartLevel(ttft * MillisecondsPerSecond, $"TTFT SLO {Latency(ttft)}", ttftColor));
        }

        if (tpotSloSeconds is { } tpot)
        {
            chart.Levels.Add(new ChartLevel(tpot * MillisecondsPerSecond, $"TPOT SLO {Latency(tpot)}", tpotColor));
        }

        if (chosen is not null)
        {
            double x = chosen.OutputTokensPerSecondPerGpu;
            chart.Annotations.Add(new ChartAnnotation(x, chosen.TimePerOutputToken.TotalSeconds * MillisecondsPerSecond,
            [
                $"{chosenBy}: batch {chosen.Setup.Batch}",
                $"TPOT = {Latency(chosen.TimePerOutputToken.TotalSeconds)}, TTFT = {Latency(chosen.TimeToFirstToken.TotalSeconds)}",
                $"{QuantityFormatter.Significant(x, 3)} tokens/s per GPU, {QuantityFormatter.Significant(chosen.OutputTokensPerSecond, 3)} per replica",
                $"decode bound by {Options.ServingOptions.IdOf(chosen.BoundBy)}",
            ], "#000000"));
            chart.Annotations.Add(new ChartAnnotation(x, chosen.TimeToFirstToken.TotalSeconds * MillisecondsPerSecond,
                [$"TTFT at batch {chosen.Setup.Batch}"], ttftColor));
        }

        return chart;
    }

    // A line through the batches with a dot at each (the dots are the batch sizes the subtitle lists).
    private static void AddCurve(SvgChart chart, string name, IReadOnlyList<ServingEstimate> sweep, Func<ServingEstimate, Duration> latency, string color)
    {
        var points = sweep.Select(e => (e.OutputTokensPerSecondPerGpu, latency(e).TotalSeconds * MillisecondsPerSecond)).ToList();
        chart.Series.Add(new ChartSeries(name, SeriesKind.Line, points, color));
        chart.Series.Add(new ChartSeries(name + " batches", SeriesKind.Scatter, points, color) { InLegend = false });
    }

    // Serving latencies read in milliseconds below a second ("15 ms", not "0.015 s").
    private static string Latency(double seconds)
        => seconds < 1 ? QuantityFormatter.Significant(seconds * MillisecondsPerSecond, 3) + " ms" : QuantityFormatter.FormatDuration(seconds);
}
