using System.Globalization;
using System.Xml.Linq;

namespace ScalingAdvisor.Cli.Plotting;

/// <summary>An axis of a chart: its label (with unit), and whether it is logarithmic.</summary>
/// <param name="Label">The label, with the unit, e.g. "training tokens D".</param>
/// <param name="Logarithmic">True for a log scale with ticks at decades.</param>
internal sealed record ChartAxis(string Label, bool Logarithmic);

/// <summary>How a series is drawn.</summary>
internal enum SeriesKind
{
    /// <summary>Points (circles).</summary>
    Scatter,

    /// <summary>A polyline through the points in order.</summary>
    Line,
}

/// <summary>A named series of (x, y) points, drawn against the primary or the secondary y axis.</summary>
internal sealed record ChartSeries(string Name, SeriesKind Kind, IReadOnlyList<(double X, double Y)> Points, string Color, bool SecondaryAxis = false, bool Dashed = false);

/// <summary>
/// A shaded vertical band from x = From to x = To (e.g. the compute range a law was fitted on); a null end runs to the
/// edge of the plot.
/// </summary>
internal sealed record ChartBand(double? From, double? To, string Label, string Color = "#999999");

/// <summary>A vertical line at x with a label (e.g. "stop here").</summary>
internal sealed record ChartMarker(double X, string Label, string Color = "#444444");

/// <summary>
/// A small SVG chart writer: log or linear axes with labelled units and ticks (decades on log axes), scatter
/// and line series, a legend, an optional second y axis on the right, and vertical marker lines. No plotting
/// package is available, so this writes SVG 1.1 directly with <see cref="XDocument"/> (always well-formed XML).
/// </summary>
internal sealed class SvgChart
{
    private const double Width = 800, Height = 520, Left = 80, Right = 80, Top = 50, Bottom = 70;

    public SvgChart(string title, ChartAxis x, ChartAxis y, ChartAxis? y2 = null)
    {
        Title = title;
        X = x;
        Y = y;
        Y2 = y2;
    }

    public string Title { get; }

    public ChartAxis X { get; }

    public ChartAxis Y { get; }

    public ChartAxis? Y2 { get; }

    public List<ChartSeries> Series { get; } = [];

    public List<ChartMarker> Markers { get; } = [];

    /// <summary>Shaded x ranges, drawn under the series; they do not widen the x axis.</summary>
    public List<ChartBand> Bands { get; } = [];

    /// <summary>A palette of distinguishable colours (Okabe and Ito 2008, colour-blind safe).</summary>
    public static IReadOnlyList<string> Palette { get; } = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"];

    /// <summary>Writes the SVG as UTF-8 (files are written through <see cref="Files.OutputPlan"/>).</summary>
    public void WriteTo(Stream stream)
    {
        using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 4096, leaveOpen: true);
        writer.Write(Render());
    }

    public string Render()
    {
        XNamespace ns = "http://www.w3.org/2000/svg";
        var svg = new XElement(ns + "svg",
            new XAttribute("width", F(Width)), new XAttribute("height", F(Height)),
            new XAttribute("viewBox", $"0 0 {F(Width)} {F(Height)}"),
            new XAttribute("font-family", "sans-serif"), new XAttribute("font-size", "12"));
        svg.Add(new XElement(ns + "rect", new XAttribute("width", "100%"), new XAttribute("height", "100%"), new XAttribute("fill", "white")));
        svg.Add(Text(ns, Width / 2, 25, Title, "middle", 16));

        var primary = Series.Where(s => !s.SecondaryAxis).SelectMany(s => s.Points).ToList();
        var secondary = Series.Where(s => s.SecondaryAxis).SelectMany(s => s.Points).ToList();
        var allX = Series.SelectMany(s => s.Points).Select(p => p.X).Concat(Markers.Select(m => m.X));
        var xScale = Scale.For(X, allX, Left, Width - Right);
        var yScale = Scale.For(Y, primary.Select(p => p.Y), Height - Bottom, Top);
        Scale? y2Scale = Y2 is null ? null : Scale.For(Y2, secondary.Select(p => p.Y), Height - Bottom, Top);

        var plotArea = new XElement(ns + "g", new XAttribute("class", "axes"));
        plotArea.Add(new XElement(ns + "rect", new XAttribute("x", F(Left)), new XAttribute("y", F(Top)),
            new XAttribute("width", F(Width - Left - Right)), new XAttribute("height", F(Height - Top - Bottom)),
            new XAttribute("fill", "none"), new XAttribute("stroke", "#333333")));
        foreach (double tick in xScale.Ticks())
        {
            double px = xScale.Map(tick);
            plotArea.Add(Line(ns, px, Top, px, Height - Bottom, "#e6e6e6"));
            plotArea.Add(Text(ns, px, Height - Bottom + 18, xScale.Label(tick), "middle"));
        }

        foreach (double tick in yScale.Ticks())
        {
            double py = yScale.Map(tick);
            plotArea.Add(Line(ns, Left, py, Width - Right, py, "#e6e6e6"));
            plotArea.Add(Text(ns, Left - 6, py + 4, yScale.Label(tick), "end"));
        }

        if (y2Scale is not null)
        {
            foreach (double tick in y2Scale.Ticks())
            {
                plotArea.Add(Text(ns, Width - Right + 6, y2Scale.Map(tick) + 4, y2Scale.Label(tick), "start"));
            }

            var y2Label = Text(ns, Width - 18, (Top + Height - Bottom) / 2, Y2!.Label, "middle");
            y2Label.Add(new XAttribute("transform", $"rotate(90 {F(Width - 18)} {F((Top + Height - Bottom) / 2)})"));
            y2Label.Add(new XAttribute("class", "axis-label y2"));
            plotArea.Add(y2Label);
        }

        var xLabel = Text(ns, (Left + Width - Right) / 2, Height - 25, X.Label, "middle");
        xLabel.Add(new XAttribute("class", "axis-label x"));
        var yLabel = Text(ns, 20, (Top + Height - Bottom) / 2, Y.Label, "middle");
        yLabel.Add(new XAttribute("transform", $"rotate(-90 20 {F((Top + Height - Bottom) / 2)})"));
        yLabel.Add(new XAttribute("class", "axis-label y"));
        plotArea.Add(xLabel, yLabel);
        svg.Add(plotArea);

        foreach (var band in Bands)
        {
            double x1 = band.From is { } from ? Math.Clamp(xScale.Map(from), Left, Width - Right) : Left;
            double x2 = band.To is { } to ? Math.Clamp(xScale.Map(to), Left, Width - Right) : Width - Right;
            var group = new XElement(ns + "g", new XAttribute("class", "band"), new XAttribute("data-name", band.Label));
            if (x2 > x1)
            {
                group.Add(new XElement(ns + "rect", new XAttribute("x", F(x1)), new XAttribute("y", F(Top)),
                    new XAttribute("width", F(x2 - x1)), new XAttribute("height", F(Height - Top - Bottom)),
                    new XAttribute("fill", band.Color), new XAttribute("fill-opacity", "0.18")));
            }

            svg.Add(group);
        }

        foreach (var series in Series)
        {
            var scale = series.SecondaryAxis && y2Scale is not null ? y2Scale : yScale;
            var group = new XElement(ns + "g", new XAttribute("class", series.Kind == SeriesKind.Scatter ? "series scatter" : "series line"),
                new XAttribute("data-name", series.Name));
            if (series.Kind == SeriesKind.Scatter)
            {
                foreach (var (x, y) in series.Points)
                {
                    group.Add(new XElement(ns + "circle", new XAttribute("cx", F(xScale.Map(x))), new XAttribute("cy", F(scale.Map(y))),
                        new XAttribute("r", "3"), new XAttribute("fill", series.Color), new XAttribute("fill-opacity", "0.8")));
                }
            }
            else if (series.Points.Count > 0)
            {
                var polyline = new XElement(ns + "polyline",
                    new XAttribute("points", string.Join(' ', series.Points.Select(p => $"{F(xScale.Map(p.X))},{F(scale.Map(p.Y))}"))),
                    new XAttribute("fill", "none"), new XAttribute("stroke", series.Color), new XAttribute("stroke-width", "1.5"));
                if (series.Dashed)
                {
                    polyline.Add(new XAttribute("stroke-dasharray", "6 4"));
                }

                group.Add(polyline);
            }

            svg.Add(group);
        }

        // Labels step down one line per marker so that close markers do not overprint, and sit on the inner side of
        // their line so that labels near the right edge stay inside the plot.
        double middle = (Left + Width - Right) / 2;
        for (int k = 0; k < Markers.Count; k++)
        {
            var marker = Markers[k];
            double px = xScale.Map(marker.X);
            var group = new XElement(ns + "g", new XAttribute("class", "marker"));
            var line = Line(ns, px, Top, px, Height - Bottom, marker.Color);
            line.Add(new XAttribute("stroke-dasharray", "3 3"));
            bool right = px > middle;
            var label = Text(ns, right ? px - 4 : px + 4, Top + 14 + (16 * k), marker.Label, right ? "end" : "start");
            label.Add(new XAttribute("fill", marker.Color));
            group.Add(line, label);
            svg.Add(group);
        }

        var legend = new XElement(ns + "g", new XAttribute("class", "legend"));
        double ly = Top + 10;
        foreach (var series in Series)
        {
            double lx = Left + 10;
            legend.Add(series.Kind == SeriesKind.Scatter
                ? new XElement(ns + "circle", new XAttribute("cx", F(lx + 8)), new XAttribute("cy", F(ly)), new XAttribute("r", "3"), new XAttribute("fill", series.Color))
                : Line(ns, lx, ly, lx + 16, ly, series.Color));
            legend.Add(Text(ns, lx + 22, ly + 4, series.Name, "start"));
            ly += 16;
        }

        foreach (var band in Bands)
        {
            double lx = Left + 10;
            legend.Add(new XElement(ns + "rect", new XAttribute("x", F(lx)), new XAttribute("y", F(ly - 5)), new XAttribute("width", "16"),
                new XAttribute("height", "10"), new XAttribute("fill", band.Color), new XAttribute("fill-opacity", "0.35")));
            legend.Add(Text(ns, lx + 22, ly + 4, band.Label, "start"));
            ly += 16;
        }

        svg.Add(legend);
        return new XDocument(new XDeclaration("1.0", "utf-8", null), svg).Declaration + "\n" + svg.ToString();
    }

    private static XElement Line(XNamespace ns, double x1, double y1, double x2, double y2, string color)
        => new(ns + "line", new XAttribute("x1", F(x1)), new XAttribute("y1", F(y1)), new XAttribute("x2", F(x2)), new XAttribute("y2", F(y2)),
            new XAttribute("stroke", color));

    private static XElement Text(XNamespace ns, double x, double y, string text, string anchor, int size = 12)
        => new(ns + "text", new XAttribute("x", F(x)), new XAttribute("y", F(y)), new XAttribute("text-anchor", anchor),
            new XAttribute("font-size", size.ToString(CultureInfo.InvariantCulture)), text);

    internal static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Maps data values to pixels along one axis.</summary>
    private sealed class Scale
    {
        private readonly bool _log;
        private readonly double _min, _max, _from, _to;

        private Scale(bool log, double min, double max, double from, double to)
        {
            _log = log;
            _min = min;
            _max = max;
            _from = from;
            _to = to;
        }

        public static Scale For(ChartAxis axis, IEnumerable<double> values, double from, double to)
        {
            var finite = values.Where(v => double.IsFinite(v) && (!axis.Logarithmic || v > 0)).ToList();
            if (finite.Count == 0)
            {
                return axis.Logarithmic ? new Scale(true, 0, 1, from, to) : new Scale(false, 0, 1, from, to);
            }

            if (axis.Logarithmic)
            {
                double lo = Math.Floor(Math.Log10(finite.Min())), hi = Math.Ceiling(Math.Log10(finite.Max()));
                if (hi <= lo)
                {
                    hi = lo + 1;
                }

                return new Scale(true, lo, hi, from, to);
            }

            double min = finite.Min(), max = finite.Max();
            double pad = max > min ? 0.05 * (max - min) : Math.Max(0.5, Math.Abs(min) * 0.1);
            return new Scale(false, min - pad, max + pad, from, to);
        }

        public double Map(double value)
        {
            double v = _log ? Math.Log10(Math.Max(value, 1e-300)) : value;
            return _from + ((v - _min) / (_max - _min) * (_to - _from));
        }

        public IEnumerable<double> Ticks()
        {
            if (_log)
            {
                for (double k = _min; k <= _max + 1e-9; k++)
                {
                    yield return Math.Pow(10, k);
                }

                yield break;
            }

            double step = NiceStep((_max - _min) / 6);
            for (double t = Math.Ceiling(_min / step) * step; t <= _max + (1e-9 * step); t += step)
            {
                yield return Math.Abs(t) < 1e-12 * step ? 0 : t;
            }
        }

        public string Label(double tick)
            => _log ? "1e" + Math.Round(Math.Log10(tick)).ToString(CultureInfo.InvariantCulture) : tick.ToString("G4", CultureInfo.InvariantCulture);

        private static double NiceStep(double raw)
        {
            double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
            double fraction = raw / magnitude;
            return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * magnitude;
        }
    }
}
