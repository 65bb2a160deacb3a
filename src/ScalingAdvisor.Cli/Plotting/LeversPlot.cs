using ScalingAdvisor.Levers;

namespace ScalingAdvisor.Cli.Plotting;

/// <summary><c>levers --plot</c>: each lever's relative change in training time, memory per GPU, cost and CO2e as horizontal bars.</summary>
internal static class LeversPlot
{
    public static SvgBarChart Create(LeverComparison comparison)
    {
        var rows = comparison.Rows;
        var baseline = comparison.Baseline;
        var chart = new SvgBarChart("What each lever changes against the baseline", rows.Select(r => r.Name).ToList())
        {
            Subtitle = $"baseline: {baseline.Scenario.Cluster.Devices} × {baseline.Scenario.Cluster.Accelerator.Id}; bars: change (lever − baseline)/baseline on a log scale of lever/baseline",
        };
        chart.Panels.Add(Panel("training time", rows, r => r.TrainingTime?.RelativeChange));
        chart.Panels.Add(Panel("memory per GPU", rows, r => r.TrainingMemoryPerGpu?.RelativeChange));
        chart.Panels.Add(Panel("cost", rows, r => r.Cost?.RelativeChange, baseline.Cost is null ? "no price given" : "n/a"));
        chart.Panels.Add(Panel("CO2e", rows, r => r.Carbon?.RelativeChange, baseline.Carbon is null ? "no power figure" : "n/a"));
        return chart;
    }

    private static BarPanel Panel(string title, IReadOnlyList<LeverRow> rows, Func<LeverRow, double?> relative, string missing = "n/a")
        => new(title, rows.Select(r => r.Applicable ? 1 + relative(r) : null).ToList(), missing);
}
