using System.Xml.Linq;
using static ScalingAdvisor.Cli.Plotting.Svg;

namespace ScalingAdvisor.Cli.Plotting;

/// <summary>
/// An x–y chart written as SVG: axes over the data's own range with 1-2-5 or decade ticks (<see cref="AxisScale"/>),
/// an optional second y axis, scatter and line series, uncertainty ribbons, shaded x ranges, vertical markers,
/// horizontal levels and annotated points, and a legend in its own column right of the plot, so that it never covers
/// the data. Every label is measured (<see cref="TextMetrics"/>) and placed where it overlaps no other label, crosses
/// no marker line and stays inside the canvas.
/// </summary>
/// <remarks>
/// Implementation note: the served plotting packages were tried in the Native AOT tool (issue 19). ScottPlot 5.1.59
/// publishes without trim warnings and rasterises, but brings 11.5 MB of native Skia and HarfBuzz libraries beside a
/// 2.9 MB executable, needs fontconfig fonts at run time, and writes SVG as Skia's flat paths, in which no test can
/// find the legend, a curve or a label; Svg.Skia (to rasterise this SVG) made a 17 MB executable and needs the same
/// native libraries. Neither makes this code smaller: what the plots need beyond drawing (1-2-5 ticks on log axes,
/// label placement, annotations with the numbers) is written here in either case. So the chart writes SVG itself,
/// with roles in class attributes that the tests read back; a .png path paints this same document with SkiaSharp
/// (<see cref="PngRaster"/>), whose native library the tool now ships for that alone.
/// </remarks>
internal sealed class SvgChart : ISvgFigure
{
    private const double PlotWidth = 600, PlotHeight = 400, FontSize = 12, LineHeight = 15, Pad = 8;

    public SvgChart(string title, ChartAxis x, ChartAxis y, ChartAxis? y2 = null)
    {
        Title = title;
        X = x;
        Y = y;
        Y2 = y2;
    }

    public string Title { get; }

    /// <summary>A second title line: the assumptions behind the picture (law, cluster, MFU).</summary>
    public string? Subtitle { get; init; }

    public ChartAxis X { get; }

    public ChartAxis Y { get; }

    public ChartAxis? Y2 { get; }

    public List<ChartSeries> Series { get; } = [];

    public List<ChartRibbon> Ribbons { get; } = [];

    public List<ChartMarker> Markers { get; } = [];

    public List<ChartLevel> Levels { get; } = [];

    public List<ChartAnnotation> Annotations { get; } = [];

    /// <summary>Shaded x ranges, drawn under the series; they do not widen the x axis.</summary>
    public List<ChartBand> Bands { get; } = [];

    /// <summary>The colour scale of a colour-mapped scatter, shown in the legend column.</summary>
    public ColorBar? ColorBar { get; set; }

    /// <summary>A palette of distinguishable colours (Okabe and Ito 2008, colour-blind safe).</summary>
    public static IReadOnlyList<string> Palette => ColorMap.Palette;

    public string Render() => Serialise(Draw());

    public XElement Draw()
    {
        double top = Subtitle is null ? 44 : 60;
        double bottom = top + PlotHeight;
        var yScale = AxisScale.For(Y.Kind, YValues(secondary: false), bottom, top);
        AxisScale? y2Scale = Y2 is null ? null : AxisScale.For(Y2.Kind, YValues(secondary: true), bottom, top);

        double yTickWidth = yScale.Ticks.Select(t => TextMetrics.Width(yScale.Label(t), FontSize)).DefaultIfEmpty(0).Max();
        double left = 16 + FontSize + Pad + yTickWidth + Pad;
        double right = left + PlotWidth;
        var xValues = Series.Where(s => s.FitsAxes).SelectMany(s => s.Points).Select(p => p.X)
            .Concat(Ribbons.SelectMany(r => r.Points).Select(p => p.X))
            .Concat(Markers.Select(m => m.X)).Concat(Annotations.Select(a => a.X));
        var xScale = AxisScale.For(X.Kind, xValues, left, right);
        var area = new PlotBox(left, top, right, bottom);

        double y2TickWidth = y2Scale?.Ticks.Select(t => TextMetrics.Width(y2Scale.Label(t), FontSize)).DefaultIfEmpty(0).Max() ?? 0;
        double y2LabelX = right + Pad + y2TickWidth + Pad + FontSize;
        double legendX = (Y2 is null ? right : y2LabelX + 4) + 24;
        var legend = Legend(legendX, top);
        double width = Math.Max(legend.Right, TextMetrics.Width(Title, 16) + 40) + 16;
        width = Math.Max(width, Subtitle is null ? 0 : TextMetrics.Width(Subtitle, FontSize) + 40);
        double height = Math.Max(bottom + 52, legend.Bottom + 16);

        var svg = Document(width, height);
        var placed = new List<PlotBox>();
        var segments = new List<(double X1, double Y1, double X2, double Y2)>();

        svg.Add(Placed(placed, Text(width / 2, 26, Title, "middle", "title", 16)));
        if (Subtitle is not null)
        {
            svg.Add(Placed(placed, Text(width / 2, 44, Subtitle, "middle", "subtitle", FontSize, "#555555")));
        }

        svg.Add(new XElement(Ns + "rect", new XAttribute("class", "plot-area"), new XAttribute("x", F(left)), new XAttribute("y", F(top)),
            new XAttribute("width", F(PlotWidth)), new XAttribute("height", F(PlotHeight)), new XAttribute("fill", "none"), new XAttribute("stroke", "none")));
        svg.Add(Grid(xScale, yScale, area));
        svg.Add(Bands.Select(band => BandElement(band, xScale, area)));
        svg.Add(Ribbons.Select(ribbon => RibbonElement(ribbon, xScale, ribbon.SecondaryAxis && y2Scale is not null ? y2Scale : yScale, area)));
        foreach (var series in Series)
        {
            svg.Add(SeriesElement(series, xScale, series.SecondaryAxis && y2Scale is not null ? y2Scale : yScale, area, segments));
        }

        svg.Add(Axes(xScale, yScale, y2Scale, area, y2LabelX, placed));
        foreach (var series in Series.Where(s => s.EndLabel is not null && s.Kind == SeriesKind.Line))
        {
            svg.Add(EndLabel(series, xScale, series.SecondaryAxis && y2Scale is not null ? y2Scale : yScale, area, placed, segments));
        }

        var markerLines = Markers.Select(m => xScale.Map(m.X)).ToList();
        foreach (var level in Levels)
        {
            svg.Add(LevelElement(level, level.SecondaryAxis && y2Scale is not null ? y2Scale : yScale, area, placed, markerLines, segments));
        }

        for (int k = 0; k < Markers.Count; k++)
        {
            svg.Add(MarkerElement(Markers[k], markerLines[k], area, placed, markerLines));
        }

        foreach (var (x1, y1, x2, y2) in markerLines.Select(x => (x, top, x, bottom)))
        {
            segments.Add((x1, y1, x2, y2));
        }

        foreach (var annotation in Annotations)
        {
            svg.Add(AnnotationElement(annotation, xScale, annotation.SecondaryAxis && y2Scale is not null ? y2Scale : yScale, area, placed, segments, markerLines));
        }

        svg.Add(legend.Element);
        return svg;
    }

    // A series drawn against the second axis only when the chart has one.
    private IEnumerable<double> YValues(bool secondary)
    {
        bool On(bool second) => (second && Y2 is not null) == secondary;
        return Series.Where(s => On(s.SecondaryAxis) && s.FitsAxes).SelectMany(s => s.Points).Select(p => p.Y)
            .Concat(Ribbons.Where(r => On(r.SecondaryAxis)).SelectMany(r => r.Points).SelectMany(p => new[] { p.Low, p.High }))
            .Concat(Levels.Where(l => On(l.SecondaryAxis)).Select(l => l.Y))
            .Concat(Annotations.Where(a => On(a.SecondaryAxis)).Select(a => a.Y));
    }

    private static XElement Placed(List<PlotBox> placed, XElement text)
    {
        placed.Add(BoxOf(text));
        return text;
    }

    /// <summary>The measured box of a text element as this chart writes it.</summary>
    internal static PlotBox BoxOf(XElement text)
        => TextMetrics.Box(text.Value, D(text, "x"), D(text, "y"), (string?)text.Attribute("text-anchor") ?? "start", D(text, "font-size"));

    private static double D(XElement element, string attribute) => double.Parse((string)element.Attribute(attribute)!, System.Globalization.CultureInfo.InvariantCulture);

    private static XElement Grid(AxisScale x, AxisScale y, PlotBox area)
    {
        var grid = new XElement(Ns + "g", new XAttribute("class", "grid"));
        foreach (double tick in x.Ticks)
        {
            grid.Add(Line(x.Map(tick), area.Top, x.Map(tick), area.Bottom, "#e3e3e3"));
        }

        foreach (double tick in y.Ticks)
        {
            grid.Add(Line(area.Left, y.Map(tick), area.Right, y.Map(tick), "#e3e3e3"));
        }

        return grid;
    }

    private XElement Axes(AxisScale x, AxisScale y, AxisScale? y2, PlotBox area, double y2LabelX, List<PlotBox> placed)
    {
        var axes = new XElement(Ns + "g", new XAttribute("class", "axes"));
        axes.Add(Rect(area, "none", stroke: "#333333"));
        foreach (double tick in x.MinorTicks)
        {
            axes.Add(Line(x.Map(tick), area.Bottom, x.Map(tick), area.Bottom + 3, "#333333"));
        }

        foreach (double tick in y.MinorTicks)
        {
            axes.Add(Line(area.Left - 3, y.Map(tick), area.Left, y.Map(tick), "#333333"));
        }

        foreach (double tick in y2?.MinorTicks ?? [])
        {
            axes.Add(Line(area.Right, y2!.Map(tick), area.Right + 3, y2.Map(tick), "#333333"));
        }

        // Tick labels that would touch their neighbours are thinned (every second kept, then every third…); the tick
        // marks stay.
        axes.Add(TickLabels(x.Ticks, t => Text(x.Map(t), area.Bottom + 18, x.Label(t), "middle", "tick x"), t => Line(x.Map(t), area.Bottom, x.Map(t), area.Bottom + 6, "#333333"), placed));
        axes.Add(TickLabels(y.Ticks, t => Text(area.Left - Pad, y.Map(t) + 4, y.Label(t), "end", "tick y"), t => Line(area.Left - 6, y.Map(t), area.Left, y.Map(t), "#333333"), placed));
        if (y2 is not null)
        {
            axes.Add(TickLabels(y2.Ticks, t => Text(area.Right + Pad, y2.Map(t) + 4, y2.Label(t), "start", "tick y2"), t => Line(area.Right, y2.Map(t), area.Right + 6, y2.Map(t), "#333333"), placed));
            axes.Add(RotatedLabel(y2LabelX, (area.Top + area.Bottom) / 2, Y2!.Label, 90, "axis-label y2", placed));
        }

        axes.Add(Placed(placed, Text((area.Left + area.Right) / 2, area.Bottom + 40, X.Label, "middle", "axis-label x")));
        axes.Add(RotatedLabel(16 + (FontSize / 2), (area.Top + area.Bottom) / 2, Y.Label, -90, "axis-label y", placed));
        return axes;
    }

    private static IEnumerable<XElement> TickLabels(IReadOnlyList<double> ticks, Func<double, XElement> label, Func<double, XElement> mark, List<PlotBox> placed)
    {
        var labels = ticks.Select(label).ToList();
        for (int every = 1; every <= Math.Max(1, labels.Count); every++)
        {
            var kept = labels.Where((_, i) => i % every == 0).ToList();
            var boxes = kept.Select(l => BoxOf(l).Inflate(2)).ToList();
            if (boxes.Zip(boxes.Skip(1)).All(pair => !pair.First.Intersects(pair.Second)))
            {
                placed.AddRange(kept.Select(BoxOf));
                return ticks.Select(mark).Concat(kept);
            }
        }

        return ticks.Select(mark);
    }

    private static XElement RotatedLabel(double x, double y, string text, int degrees, string cssClass, List<PlotBox> placed)
    {
        var label = Text(x, y, text, "middle", cssClass);
        label.Add(new XAttribute("transform", $"rotate({degrees} {F(x)} {F(y)})"));
        double half = TextMetrics.Width(text, FontSize) / 2;
        placed.Add(new PlotBox(x - (FontSize * 0.6), y - half, x + (FontSize * 0.6), y + half));
        return label;
    }

    private static XElement BandElement(ChartBand band, AxisScale x, PlotBox area)
    {
        double x1 = band.From is { } from ? Math.Clamp(x.Map(from), area.Left, area.Right) : area.Left;
        double x2 = band.To is { } to ? Math.Clamp(x.Map(to), area.Left, area.Right) : area.Right;
        var group = new XElement(Ns + "g", new XAttribute("class", "band"), new XAttribute("data-name", band.Label));
        if (x2 > x1)
        {
            group.Add(Rect(new PlotBox(x1, area.Top, x2, area.Bottom), band.Color, BandOpacity));
        }

        return group;
    }

    private const double BandOpacity = 0.15, RibbonOpacity = 0.22;

    private static XElement RibbonElement(ChartRibbon ribbon, AxisScale x, AxisScale y, PlotBox area)
    {
        var points = ribbon.Points.Where(p => double.IsFinite(p.Low) && double.IsFinite(p.High)).ToList();
        var outline = points.Select(p => (x.Map(p.X), y.Map(p.High))).Concat(points.AsEnumerable().Reverse().Select(p => (x.Map(p.X), y.Map(p.Low))))
            .Select(p => $"{F(Math.Clamp(p.Item1, area.Left, area.Right))},{F(Math.Clamp(p.Item2, area.Top, area.Bottom))}");
        var group = new XElement(Ns + "g", new XAttribute("class", "ribbon"), new XAttribute("data-name", ribbon.Name));
        if (points.Count > 1)
        {
            group.Add(new XElement(Ns + "polygon", new XAttribute("points", string.Join(' ', outline)), new XAttribute("fill", ribbon.Color),
                new XAttribute("fill-opacity", F(RibbonOpacity)), new XAttribute("stroke", "none")));
        }

        return group;
    }

    private static XElement SeriesElement(ChartSeries series, AxisScale x, AxisScale y, PlotBox area, List<(double, double, double, double)> segments)
    {
        var group = new XElement(Ns + "g", new XAttribute("class", series.Kind == SeriesKind.Scatter ? "series scatter" : "series line"),
            new XAttribute("data-name", series.Name));
        if (series.Kind == SeriesKind.Scatter)
        {
            for (int i = 0; i < series.Points.Count; i++)
            {
                var (px, py) = series.Points[i];
                if (x.Shows(px) && y.Shows(py))
                {
                    group.Add(Circle(x.Map(px), y.Map(py), 3, series.PointColors?[i] ?? series.Color, 0.85));

                    // A dot is a zero-length segment: labels avoid dots as they avoid curves.
                    segments.Add((x.Map(px), y.Map(py), x.Map(px), y.Map(py)));
                }
            }

            return group;
        }

        // A curve leaving the axes' range (a series that does not widen them) is cut there, not flattened along the edge.
        var pieces = new List<List<(double X, double Y)>> { new() };
        foreach (var (vx, vy) in series.Points)
        {
            if (x.Shows(vx) && y.Shows(vy))
            {
                pieces[^1].Add((x.Map(vx), y.Map(vy)));
            }
            else if (pieces[^1].Count > 0)
            {
                pieces.Add([]);
            }
        }

        foreach (var visible in pieces.Where(p => p.Count > 1))
        {
            var polyline = new XElement(Ns + "polyline",
                new XAttribute("points", string.Join(' ', visible.Select(p => $"{F(p.X)},{F(p.Y)}"))),
                new XAttribute("fill", "none"), new XAttribute("stroke", series.Color), new XAttribute("stroke-width", F(series.StrokeWidth)));
            if (series.Dashed)
            {
                polyline.Add(new XAttribute("stroke-dasharray", DashPattern));
            }

            group.Add(polyline);
            segments.AddRange(visible.Zip(visible.Skip(1), (a, b) => (a.X, a.Y, b.X, b.Y)));
        }

        return group;
    }

    private static XElement EndLabel(ChartSeries series, AxisScale x, AxisScale y, PlotBox area, List<PlotBox> placed, List<(double X1, double Y1, double X2, double Y2)> segments)
    {
        if (!series.Points.Any(p => x.Shows(p.X) && y.Shows(p.Y)))
        {
            return new XElement(Ns + "g");
        }

        // Slide back along the curve from its end: each curve or dot the label would cross costs as much as a quarter of
        // the curve's length, so that a label stays near its curve's end (its halo keeps it legible over a line) rather
        // than drifting to where it could belong to another curve. No label overlaps another.
        var visible = series.Points.Where(p => x.Shows(p.X) && y.Shows(p.Y)).Select(p => (X: x.Map(p.X), Y: y.Map(p.Y))).ToList();
        var (px, py) = visible[^1];
        XElement? best = null;
        double bestScore = double.MaxValue;
        for (int i = visible.Count - 1; i >= 0; i--)
        {
            double back = (visible.Count - 1 - i) / (double)Math.Max(1, visible.Count - 1);
            foreach (double dy in (double[])[-5, 13])
            {
                var label = Halo(Text(visible[i].X - 2, visible[i].Y + dy, series.EndLabel!, "end", "end-label", 11, series.Color));
                var box = BoxOf(label);
                if (!area.Contains(box) || placed.Any(box.Intersects))
                {
                    continue;
                }

                double score = segments.Count(s => box.IntersectsSegment(s.X1, s.Y1, s.X2, s.Y2)) + (4 * back);
                if (score < bestScore)
                {
                    (best, bestScore) = (label, score);
                }
            }
        }

        best ??= Text(px - 4, py - 6, series.EndLabel!, "end", "end-label", 11, series.Color);
        placed.Add(BoxOf(best).Inflate(1));
        return best;
    }

    // A white outline under the glyphs keeps a label legible over a band or a grid line.
    private static XElement Halo(XElement text)
    {
        text.Add(new XAttribute("stroke", "white"), new XAttribute("stroke-width", "3"), new XAttribute("paint-order", "stroke"));
        return text;
    }

    // A level's label sits above or below its line, as far right as it can without overlapping a label or crossing a
    // marker line, and first where it crosses no curve either (an SLO line's label on its own curve cannot be read).
    private static XElement LevelElement(ChartLevel level, AxisScale y, PlotBox area, List<PlotBox> placed, List<double> markerLines,
        List<(double X1, double Y1, double X2, double Y2)> segments)
    {
        double py = y.Map(level.Y);
        var group = new XElement(Ns + "g", new XAttribute("class", "level"), new XAttribute("data-name", level.Label));
        group.Add(Line(area.Left, py, area.Right, py, level.Color, 1.25, dashed: true));
        XElement? label = null;
        foreach (bool clearOfCurves in (bool[])[true, false])
        {
            for (double x = area.Right - 4; x > area.Left + 40 && label is null; x -= 40)
            {
                foreach (double dy in (double[])[-5, 15])
                {
                    var candidate = Text(x, py + dy, level.Label, "end", "level-label", FontSize, level.Color);
                    var box = BoxOf(candidate);
                    if (area.Contains(box) && !placed.Any(box.Intersects) && !markerLines.Any(m => m > box.Left && m < box.Right)
                        && (!clearOfCurves || !segments.Any(s => box.IntersectsSegment(s.X1, s.Y1, s.X2, s.Y2))))
                    {
                        label = candidate;
                        break;
                    }
                }
            }
        }

        label ??= Text(area.Right - 4, py - 5, level.Label, "end", "level-label", FontSize, level.Color);
        placed.Add(BoxOf(label));
        group.Add(label);
        return group;
    }

    // A marker's label sits beside its line, on the first row where it is inside the plot, overlaps no label placed
    // so far and crosses no other marker line (two lines a doubling apart put their labels on opposite sides).
    private static XElement MarkerElement(ChartMarker marker, double px, PlotBox area, List<PlotBox> placed, List<double> lines)
    {
        var group = new XElement(Ns + "g", new XAttribute("class", "marker"), new XAttribute("data-name", marker.Label));
        group.Add(Line(px, area.Top, px, area.Bottom, marker.Color, 1.25, dashed: true));
        XElement? label = null;

        // First without crossing another marker line; when no row allows that, crossing is allowed but overlap is not.
        foreach (bool strict in (bool[])[true, false])
        {
            for (int row = 0; row < 20 && label is null; row++)
            {
                foreach (bool right in (bool[])[px < (area.Left + area.Right) / 2, px >= (area.Left + area.Right) / 2])
                {
                    var candidate = Text(right ? px + 4 : px - 4, area.Top + 14 + (LineHeight * row), marker.Label, right ? "start" : "end", "marker-label", FontSize, marker.Color);
                    var box = BoxOf(candidate);
                    if (area.Contains(box) && !placed.Any(box.Intersects) && (!strict || !lines.Any(l => l > box.Left - 1 && l < box.Right + 1)))
                    {
                        label = candidate;
                        break;
                    }
                }
            }
        }

        label ??= Text(px + 4, area.Top + 14, marker.Label, "start", "marker-label", FontSize, marker.Color);
        placed.Add(BoxOf(label));
        group.Add(label);
        return group;
    }

    // The box goes at the candidate offset inside the plot that overlaps no placed label or marker line and crosses the
    // fewest curve segments; a leader line joins it to the point.
    private static XElement AnnotationElement(ChartAnnotation annotation, AxisScale x, AxisScale y, PlotBox area, List<PlotBox> placed,
        List<(double X1, double Y1, double X2, double Y2)> segments, List<double> markerLines)
    {
        double px = x.Map(annotation.X), py = y.Map(annotation.Y);
        double textWidth = annotation.Lines.Max(l => TextMetrics.Width(l, FontSize));
        double boxWidth = textWidth + 12, boxHeight = (annotation.Lines.Count * LineHeight) + 8;
        PlotBox? best = null;
        double bestScore = double.MaxValue;
        foreach (double distance in (double[])[14, 40, 80, 130, 190])
        {
            // Beside the point on either side, or above or below it slid along to the plot's edges.
            double[] lefts = [px + distance, px - distance - boxWidth, px - (boxWidth / 2), area.Right - 4 - boxWidth, area.Left + 4];
            foreach (double bx in lefts)
            {
                foreach (double by in (double[])[py - distance - boxHeight, py + distance])
                {
                    var box = new PlotBox(bx, by, bx + boxWidth, by + boxHeight);
                    if (!area.Contains(box.Inflate(2)) || placed.Any(box.Intersects) || box.Inflate(6).Contains(new PlotBox(px, py, px, py)))
                    {
                        continue;
                    }

                    // Covering a marker line is worse than crossing a few curve segments; nearer is better.
                    double score = segments.Count(s => box.IntersectsSegment(s.X1, s.Y1, s.X2, s.Y2))
                        + (20 * markerLines.Count(m => m > box.Left && m < box.Right)) + (distance / 100);
                    if (score < bestScore)
                    {
                        (best, bestScore) = (box, score);
                    }
                }
            }
        }

        var chosen = best ?? new PlotBox(area.Right - boxWidth - 4, area.Top + 4, area.Right - 4, area.Top + 4 + boxHeight);
        placed.Add(chosen);
        var group = new XElement(Ns + "g", new XAttribute("class", "annotation"), new XAttribute("data-name", annotation.Lines[0]));
        double cx = Math.Clamp(px, chosen.Left, chosen.Right), cy = Math.Clamp(py, chosen.Top, chosen.Bottom);
        group.Add(Line(px, py, cx, cy, annotation.Color, 0.75));
        group.Add(Rect(chosen, "white", 0.92, annotation.Color));
        for (int i = 0; i < annotation.Lines.Count; i++)
        {
            group.Add(Text(chosen.Left + 6, chosen.Top + 4 + (LineHeight * (i + 1)) - 3, annotation.Lines[i], "start", "annotation-text", FontSize, i == 0 ? annotation.Color : null));
        }

        var ring = Circle(px, py, 5.5, "white");
        ring.Add(new XAttribute("stroke", annotation.Color), new XAttribute("stroke-width", "2.5"), new XAttribute("class", "annotated-point"));
        group.Add(ring);
        return group;
    }

    private (XElement Element, double Right, double Bottom) Legend(double x, double top)
    {
        var legend = new XElement(Ns + "g", new XAttribute("class", "legend"));
        double y = top + 8, right = x;
        void Entry(XElement swatch, string name)
        {
            legend.Add(swatch);
            var text = Text(x + 28, y + 4, name, "start", "legend-text");
            legend.Add(text);
            right = Math.Max(right, BoxOf(text).Right);
            y += LineHeight + 3;
        }

        foreach (var series in Series.Where(s => s.InLegend))
        {
            Entry(series.Kind == SeriesKind.Scatter
                ? Circle(x + 11, y, 3, series.PointColors is null ? series.Color : ColorMap.Viridis(0.5), 0.85)
                : Line(x, y, x + 22, y, series.Color, series.StrokeWidth, series.Dashed), series.Name);
        }

        foreach (var ribbon in Ribbons.Where(r => r.InLegend))
        {
            Entry(Rect(new PlotBox(x, y - 6, x + 22, y + 6), ribbon.Color, RibbonOpacity), ribbon.Name);
        }

        foreach (var band in Bands)
        {
            Entry(Rect(new PlotBox(x, y - 6, x + 22, y + 6), band.Color, BandOpacity), band.Label);
        }

        if (ColorBar is { } bar)
        {
            y += 6;
            var title = Text(x, y + 4, bar.Label, "start", "legend-text");
            legend.Add(title);
            right = Math.Max(right, BoxOf(title).Right);
            y += 12;
            const double barHeight = 140, steps = 28;
            for (int i = 0; i < steps; i++)
            {
                // The largest value at the top, as on the y axis.
                legend.Add(Rect(new PlotBox(x, y + (barHeight * i / steps), x + 14, y + (barHeight * (i + 1) / steps) + 0.5), ColorMap.Viridis((1 - (i / (steps - 1.0))) * ColorBar.MaxT)));
            }

            var scale = AxisScale.Exact(bar.Logarithmic, bar.Min, bar.Max, y + barHeight, y);
            foreach (double tick in scale.Ticks.Where(t => t >= bar.Min && t <= bar.Max))
            {
                var label = Text(x + 20, scale.Map(tick) + 4, scale.Label(tick), "start", "legend-text");
                legend.Add(Line(x + 14, scale.Map(tick), x + 18, scale.Map(tick), "#333333"), label);
                right = Math.Max(right, BoxOf(label).Right);
            }

            y += barHeight + 8;
        }

        return (legend, right, y);
    }
}
