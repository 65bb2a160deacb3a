using ScalingAdvisor.Advice;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Cli.Plotting;

/// <summary>
/// <c>advise --plot</c>: loss against compute with its bootstrap band (a law file with resampled refits), cost or
/// GPU-hours on a second axis — or, with a task law, the task's accuracy there, since accuracy then decides the stop —
/// the law's fitted compute range shaded, the limit that breaks marked, and the stop point annotated with C, N, D and
/// loss (and accuracy); the subtitle states the law, cluster, the MFU the budgets were priced at and the stop rule.
/// </summary>
internal static class AdvicePlot
{
    public static SvgChart Create(AdviceResult result)
    {
        var scenario = result.Scenario;
        bool priced = result.Frontier.All(p => p.Cost is not null);
        var accuracy = scenario.Task is not null ? result.TaskPredictions : null;
        string secondName = accuracy is not null ? $"{scenario.Task!.Law.Task} accuracy" : priced ? "training cost" : "training GPU-hours";
        string secondAxis = accuracy is not null ? $"{scenario.Task!.Law.Task} accuracy (%)" : priced ? "training cost (USD)" : "training time (GPU-hours)";
        string stopRule = scenario.Task is { } goal
            ? $"stop when a doubling buys < {QuantityFormatter.Significant(goal.MinGainPoints, 3)} accuracy points on {goal.Law.Task}"
            : $"stop when a doubling buys < {QuantityFormatter.Significant(scenario.MinGainNats, 3)} nats";
        var chart = new SvgChart("Where to stop scaling",
            new ChartAxis("compute budget C (FLOPs)"), new ChartAxis("predicted loss (nats/token)"), new ChartAxis(secondAxis))
        {
            Subtitle = $"law: {scenario.Law.Id}; {scenario.Cluster.Devices} × {scenario.Cluster.Accelerator.Id}, {Hardware.Precisions.ToId(scenario.Cluster.Precision)}, {MfuText(result)}; {stopRule}",
        };

        if (Advisor.FrontierLossBand(result) is { } band)
        {
            string confidence = FitPlot.Percent(scenario.Uncertainty!.Confidence);
            chart.Ribbons.Add(new ChartRibbon($"{confidence} bootstrap band of the loss ({scenario.Uncertainty.Samples.Count} refits)",
                result.Frontier.Zip(band, (p, b) => (p.Budget.Flops, b.Low, b.High)).ToList(), ColorMap.Palette[0]));
        }

        chart.Series.Add(new ChartSeries("predicted loss", SeriesKind.Line, result.Frontier.Select(p => (p.Budget.Flops, p.Loss)).ToList(), ColorMap.Palette[0]));
        var second = accuracy is not null
            ? result.Frontier.Select((p, i) => (p.Budget.Flops, accuracy[i].AccuracyPoints)).ToList()
            : result.Frontier.Select(p => (p.Budget.Flops, priced ? p.Cost!.Value.Usd : p.GpuHours)).ToList();
        chart.Series.Add(new ChartSeries(secondName + " (right axis)", SeriesKind.Line, second, ColorMap.Palette[1], SecondaryAxis: true, Dashed: true));

        if (result.RecommendedIndex is { } index && index + 1 < result.Frontier.Count && result.Recommendation.BoundBy != StopBound.TargetLoss)
        {
            chart.Markers.Add(new ChartMarker(result.Frontier[index + 1].Budget.Flops, $"{result.Recommendation.BoundBy.ToId()} breaks here", "#CC79A7"));
        }

        if (scenario.Limits.TargetLoss is { } target)
        {
            chart.Levels.Add(new ChartLevel(target, $"target loss {QuantityFormatter.Significant(target, 4)} nats/token"));
        }

        if (result.Recommendation.Point is { } stop)
        {
            chart.Markers.Add(new ChartMarker(stop.Budget.Flops, "stop here", "#009E73"));
            var interval = result.Interval;
            string Range(Fitting.ParameterInterval? i, Func<double, string> format)
                => i is null || format(i.Low) == format(i.High) ? "" : $" ({FitPlot.Percent(interval!.Confidence)}: {format(i.Low)}–{format(i.High)})";
            chart.Annotations.Add(new ChartAnnotation(stop.Budget.Flops, stop.Loss,
            [
                $"stop: C = {AxisScale.Scientific(stop.Budget.Flops)} FLOPs{Range(interval?.BudgetFlops, AxisScale.Scientific)}",
                $"N = {QuantityFormatter.FormatCount(stop.Parameters.Count, 3)}, D = {QuantityFormatter.FormatCount(stop.Tokens.Count, 3)}",
                $"loss = {QuantityFormatter.Significant(stop.Loss, 4)} nats/token{Range(interval?.Loss, v => QuantityFormatter.Significant(v, 4))}",
                $"{QuantityFormatter.Significant(stop.WallTime.TotalDays, 3)} days" + (stop.Cost is { } cost ? $", {QuantityFormatter.FormatMoney(cost.Usd)}" : ""),
                .. accuracy is not null && result.RecommendedIndex is { } at
                    ? [$"{scenario.Task!.Law.Task} accuracy = {QuantityFormatter.Significant(accuracy[at].AccuracyPoints, 3)} %"]
                    : Array.Empty<string>(),
            ], "#009E73"));
        }

        // The compute range of the law's runs: outside the band the curve is an extrapolation.
        var flops = scenario.Law.FittedRange.Flops;
        if (flops.Min is not null || flops.Max is not null)
        {
            chart.Bands.Add(new ChartBand(flops.Min, flops.Max, "compute range the law was fitted on"));
        }

        return chart;
    }

    // With the step-time model each budget has its own predicted MFU; the scenario's flat value was not used then.
    private static string MfuText(AdviceResult result)
    {
        var predicted = result.Frontier.Where(p => p.MfuPredicted).Select(p => p.Mfu).ToList();
        if (predicted.Count > 0)
        {
            string low = QuantityFormatter.Significant(predicted.Min(), 2), high = QuantityFormatter.Significant(predicted.Max(), 2);
            return low == high ? $"predicted MFU {low}" : $"predicted MFU {low}–{high}";
        }

        var efficiency = result.Scenario.Efficiency;
        return efficiency.Mfu is { } mfu
            ? $"MFU {QuantityFormatter.Significant(mfu, 3)}"
            : $"{QuantityFormatter.Significant(efficiency.AchievedPerDevice!.Value.FlopsPerSecond / 1e12, 4)} TFLOP/s per GPU achieved";
    }
}
