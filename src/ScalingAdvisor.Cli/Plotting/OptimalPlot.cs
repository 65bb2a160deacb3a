using ScalingAdvisor.Advice;
using ScalingAdvisor.Laws;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Cli.Plotting;

/// <summary>
/// <c>optimal --plot</c>: the compute-optimal N (solid) and D (dashed) against compute for the chosen law, bold, and
/// for every other built-in law that allocates under the same options, each by its own published allocation rule
/// (<see cref="LawSolver.Allocate"/>), with the answered budget annotated.
/// </summary>
internal static class OptimalPlot
{
    private const int Points = 37;

    public static SvgChart Create(ILossLaw chosen, Allocation answer, AllocationOptions options)
    {
        double c = answer.Budget?.Flops ?? answer.LifetimeFlops.Flops;
        double from = Math.Min(AdviceScenario.DefaultFromFlops, c / 10), to = Math.Max(AdviceScenario.DefaultToFlops, c * 10);
        var budgets = Enumerable.Range(0, Points).Select(i => from * Math.Pow(to / from, i / (Points - 1.0))).ToList();
        var chart = new SvgChart("Compute-optimal model size and data against compute",
            new ChartAxis("compute budget C (FLOPs)"), new ChartAxis("N (parameters, solid) and D (tokens, dashed)"))
        {
            Subtitle = $"bold: {chosen.Id}; others: each built-in law by its own allocation rule" + (options.InferenceTokens.Count > 0 ? "; inference-aware" : ""),
        };

        var laws = new List<ILossLaw> { chosen };
        laws.AddRange(LawCatalog.All.Select(info => info.Law).Where(law => law.Id != chosen.Id));
        int color = 0;
        foreach (var law in laws)
        {
            var allocations = budgets.Select(b => TryAllocate(law, b, options)).ToList();
            var valid = budgets.Zip(allocations).Where(p => p.Second is not null).Select(p => (C: p.First, A: p.Second!)).ToList();
            if (valid.Count < 2)
            {
                continue; // e.g. a data-constrained law without unique tokens
            }

            bool bold = ReferenceEquals(law, chosen);
            string hue = bold ? "#000000" : ColorMap.Palette[color++ % (ColorMap.Palette.Count - 2)];
            double width = bold ? 3 : 1.5;
            chart.Series.Add(new ChartSeries(law.Id, SeriesKind.Line, valid.Select(p => (p.C, p.A.Parameters.Count)).ToList(), hue) { StrokeWidth = width });
            chart.Series.Add(new ChartSeries(law.Id + " D", SeriesKind.Line, valid.Select(p => (p.C, p.A.Tokens.Count)).ToList(), hue, Dashed: true)
            {
                StrokeWidth = width, InLegend = false,
            });
        }

        chart.Annotations.Add(new ChartAnnotation(c, answer.Parameters.Count,
        [
            $"{chosen.Id} at C = {AxisScale.Scientific(c)} FLOPs",
            $"N = {QuantityFormatter.FormatCount(answer.Parameters.Count, 3)}, D = {QuantityFormatter.FormatCount(answer.Tokens.Count, 3)}",
            $"D/N = {QuantityFormatter.Significant(answer.TokensPerParameter, 3)}, loss = {QuantityFormatter.Significant(answer.Loss, 4)} nats/token",
        ]));
        return chart;
    }

    private static Allocation? TryAllocate(ILossLaw law, double budget, AllocationOptions options)
    {
        try
        {
            return LawSolver.Allocate(law, FlopCount.FromFlops(budget), options);
        }
        catch (Exception ex) when (ex is ArgumentException or NoMeaningfulAnswerException)
        {
            // Outside the budgets this law can answer: the line stops there.
            return null;
        }
    }
}
