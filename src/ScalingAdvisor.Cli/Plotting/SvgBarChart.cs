using System.Xml.Linq;
using static ScalingAdvisor.Cli.Plotting.Svg;

namespace ScalingAdvisor.Cli.Plotting;

/// <summary>One panel of a <see cref="SvgBarChart"/>: a quantity and one ratio (or none) per row.</summary>
/// <param name="Title">The quantity and unit, e.g. "training time (change)".</param>
/// <param name="Values">One ratio new/old per row (0.5 is −50%), null where the row has none (<paramref name="Missing"/> is shown).</param>
/// <param name="Missing">What a row without a value shows, e.g. "n/a".</param>
internal sealed record BarPanel(string Title, IReadOnlyList<double?> Values, string Missing = "n/a");

/// <summary>
/// Horizontal bars side by side: one row per item (e.g. a lever), one panel per quantity. A bar runs from 1 to its
/// ratio on a log axis, labelled as the percentage change: halving and doubling are bars of equal length, and one
/// lever that multiplies memory by 28 does not flatten every other bar. Decreases are blue, increases orange, and
/// the change is printed at the bar's end.
/// </summary>
internal sealed class SvgBarChart(string title, IReadOnlyList<string> rows) : ISvgFigure
{
    private const double PanelWidth = 190, PanelGap = 28, RowHeight = 24, FontSize = 12;

    public string Title { get; } = title;

    public string? Subtitle { get; init; }

    public IReadOnlyList<string> Rows { get; } = rows;

    public List<BarPanel> Panels { get; } = [];

    /// <summary>A ratio as the signed percentage change it is.</summary>
    public static string Format(double ratio)
    {
        double percent = (ratio - 1) * 100;
        string digits = Math.Abs(percent).ToString(Math.Abs(percent) >= 100 ? "0" : "0.#", System.Globalization.CultureInfo.InvariantCulture);
        return digits == "0" ? "0%" : (percent > 0 ? "+" : "−") + digits + "%";
    }

    /// <summary>The smallest ratio drawn (−99%): a log axis has no zero.</summary>
    private const double Floor = 0.01;

    public string Render() => Serialise(Draw());

    public XElement Draw()
    {
        double top = Subtitle is null ? 70 : 86;
        double labelWidth = Rows.Select(r => TextMetrics.Width(r, FontSize)).DefaultIfEmpty(0).Max();
        double left = 16 + labelWidth + 12;
        double bottom = top + (Rows.Count * RowHeight);
        double width = Math.Max(left + (Panels.Count * (PanelWidth + PanelGap)) + 8, TextMetrics.Width(Title, 16) + 40);
        width = Math.Max(width, Subtitle is null ? 0 : TextMetrics.Width(Subtitle, FontSize) + 40);
        var svg = Document(width, bottom + 44);
        svg.Add(Text(width / 2, 26, Title, "middle", "title", 16));
        if (Subtitle is not null)
        {
            svg.Add(Text(width / 2, 44, Subtitle, "middle", "subtitle", FontSize, "#555555"));
        }

        for (int r = 0; r < Rows.Count; r++)
        {
            svg.Add(Text(left - 10, top + (RowHeight * r) + 16, Rows[r], "end", "row-label"));
        }

        for (int p = 0; p < Panels.Count; p++)
        {
            svg.Add(PanelElement(Panels[p], left + (p * (PanelWidth + PanelGap)), top, bottom));
        }

        return svg;
    }

    private static XElement PanelElement(BarPanel panel, double x0, double top, double bottom)
    {
        var group = new XElement(Ns + "g", new XAttribute("class", "panel"), new XAttribute("data-name", panel.Title));
        group.Add(Text(x0 + (PanelWidth / 2), top - 10, panel.Title, "middle", "panel-title"));
        var values = panel.Values.Where(v => v is not null).Select(v => Math.Max(Floor, v!.Value)).Append(1).ToList();

        // Room inside the panel for the value labels at the bars' ends.
        double labelRoom = values.Select(v => TextMetrics.Width(Format(v), 11)).Max() + 6;
        var scale = AxisScale.For(AxisKind.Log, values.Append(values.Min() * 0.9).Append(values.Max() * 1.1), x0 + labelRoom, x0 + PanelWidth - labelRoom);
        group.Add(Rect(new PlotBox(x0, top, x0 + PanelWidth, bottom), "none", stroke: "#cccccc"));
        double zero = scale.Map(1);
        group.Add(Line(zero, top, zero, bottom, "#333333"));
        foreach (double tick in scale.Ticks.Where(t => scale.Map(t) >= x0 && scale.Map(t) <= x0 + PanelWidth))
        {
            group.Add(Line(scale.Map(tick), bottom, scale.Map(tick), bottom + 4, "#333333"));
        }

        // Tick labels thinned until none touches its neighbour.
        var ticks = scale.Ticks.Where(t => scale.Map(t) >= x0 && scale.Map(t) <= x0 + PanelWidth).ToList();
        for (int every = 1; every <= Math.Max(1, ticks.Count); every++)
        {
            var labels = ticks.Where((_, i) => i % every == 0).Select(t => Text(scale.Map(t), bottom + 17, Format(t), "middle", "tick x", 11)).ToList();
            var boxes = labels.Select(l => SvgChart.BoxOf(l).Inflate(2)).ToList();
            var panelBox = new PlotBox(x0 - (PanelGap / 2), 0, x0 + PanelWidth + (PanelGap / 2), double.MaxValue);
            if (boxes.Zip(boxes.Skip(1)).All(b => !b.First.Intersects(b.Second)) && boxes.All(panelBox.Contains))
            {
                group.Add(labels);
                break;
            }
        }

        for (int r = 0; r < panel.Values.Count; r++)
        {
            double y = top + (RowHeight * r);
            if (panel.Values[r] is not { } value)
            {
                group.Add(Text(zero + 4, y + 16, panel.Missing, "start", "missing", 11, "#777777"));
                continue;
            }

            double end = scale.Map(Math.Max(Floor, value));
            var bar = Rect(new PlotBox(Math.Min(zero, end), y + 5, Math.Max(zero, end), y + RowHeight - 5), value < 1 ? ColorMap.Palette[0] : ColorMap.Palette[1]);
            bar.Add(new XAttribute("class", "bar"));
            group.Add(bar);
            group.Add(value < 1
                ? Text(end - 3, y + 16, Format(value), "end", "value", 11)
                : Text(end + 3, y + 16, Format(value), "start", "value", 11));
        }

        return group;
    }
}
