using System.Diagnostics;
using System.Globalization;
using System.Xml.Linq;
using ScalingAdvisor.Cli.Plotting;

namespace ScalingAdvisor.Cli.Tests.Plotting;

/// <summary>
/// Reads a plot back as a reader sees it: renders the SVG to PNG with rsvg-convert (Debian librsvg2-bin; .ci/run
/// installs it) and measures its text, markers, curves and legend from the SVG's geometry.
/// </summary>
internal sealed class PlotInspector
{
    private static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    public PlotInspector(string svgText)
    {
        Document = XDocument.Parse(svgText);
        var root = Document.Root!;
        Canvas = new PlotBox(0, 0, D(root, "width"), D(root, "height"));
        var area = Document.Descendants(Ns + "rect").FirstOrDefault(r => Class(r) == "plot-area");
        PlotArea = area is null ? Canvas : new PlotBox(D(area, "x"), D(area, "y"), D(area, "x") + D(area, "width"), D(area, "y") + D(area, "height"));
    }

    public XDocument Document { get; }

    public PlotBox Canvas { get; }

    public PlotBox PlotArea { get; }

    public static PlotInspector Of(string path) => new(File.ReadAllText(path));

    /// <summary>Every text with its measured box; rotated axis labels are turned on their side.</summary>
    public IReadOnlyList<(string Text, string Class, PlotBox Box)> Texts()
        => Document.Descendants(Ns + "text").Select(t =>
        {
            var box = TextMetrics.Box(t.Value, D(t, "x"), D(t, "y"), (string?)t.Attribute("text-anchor") ?? "start", D(t, "font-size"));
            if ((string?)t.Attribute("transform") is { } transform && transform.StartsWith("rotate(", StringComparison.Ordinal))
            {
                // Turned a quarter: the glyphs' ascent points left (−90°) or right (+90°) of the baseline.
                double cx = D(t, "x"), cy = D(t, "y"), half = box.Width / 2, size = D(t, "font-size");
                bool left = transform.StartsWith("rotate(-", StringComparison.Ordinal);
                box = left
                    ? new PlotBox(cx - (TextMetrics.Ascent * size), cy - half, cx + (TextMetrics.Descent * size), cy + half)
                    : new PlotBox(cx - (TextMetrics.Descent * size), cy - half, cx + (TextMetrics.Ascent * size), cy + half);
            }

            return (t.Value, Class(t), box);
        }).ToList();

    public IReadOnlyList<string> TextsOf(string cssClass) => Texts().Where(t => t.Class == cssClass).Select(t => t.Text).ToList();

    /// <summary>Pairs of texts whose boxes overlap.</summary>
    public IReadOnlyList<string> OverlappingTexts()
    {
        var texts = Texts();
        var overlaps = new List<string>();
        for (int i = 0; i < texts.Count; i++)
        {
            for (int j = i + 1; j < texts.Count; j++)
            {
                if (texts[i].Box.Intersects(texts[j].Box))
                {
                    overlaps.Add($"'{texts[i].Text}' and '{texts[j].Text}'");
                }
            }
        }

        return overlaps;
    }

    public IReadOnlyList<(double X, double Y)> Markers()
        => Document.Descendants(Ns + "circle").Where(c => c.Ancestors().All(a => Class(a) != "legend")).Select(c => (D(c, "cx"), D(c, "cy"))).ToList();

    /// <summary>Segments of every drawn curve.</summary>
    public IReadOnlyList<(double X1, double Y1, double X2, double Y2)> CurveSegments()
        => Document.Descendants(Ns + "polyline").SelectMany(p =>
        {
            var points = ((string)p.Attribute("points")!).Split(' ').Select(xy => xy.Split(','))
                .Select(xy => (X: double.Parse(xy[0], CultureInfo.InvariantCulture), Y: double.Parse(xy[1], CultureInfo.InvariantCulture))).ToList();
            return points.Zip(points.Skip(1), (a, b) => (a.X, a.Y, b.X, b.Y));
        }).ToList();

    /// <summary>The box around the legend's swatches and texts; null when there is no legend.</summary>
    public PlotBox? LegendBox()
    {
        var legend = Document.Descendants(Ns + "g").FirstOrDefault(g => Class(g) == "legend");
        if (legend is null || !legend.Elements().Any()) return null;
        var boxes = legend.Elements(Ns + "text").Select(t => TextMetrics.Box(t.Value, D(t, "x"), D(t, "y"), (string?)t.Attribute("text-anchor") ?? "start", D(t, "font-size"))).ToList();
        var lefts = legend.Elements().Select(e => e.Attribute("x1") is not null ? D(e, "x1") : e.Attribute("cx") is not null ? D(e, "cx") - D(e, "r") : D(e, "x"));
        return new PlotBox(Math.Min(lefts.Min(), boxes.Min(b => b.Left)), boxes.Min(b => b.Top), boxes.Max(b => b.Right), boxes.Max(b => b.Bottom));
    }

    /// <summary>The labelled ticks of an axis whose pixel position lies within [from, to].</summary>
    public int TickLabelsWithin(string cssClass, double from, double to, bool horizontal)
        => Document.Descendants(Ns + "text").Where(t => Class(t) == cssClass)
            .Count(t => horizontal ? D(t, "x") >= from && D(t, "x") <= to : D(t, "y") - 4 >= from && D(t, "y") - 4 <= to);

    /// <summary>
    /// Renders the SVG to PNG with rsvg-convert and returns the PNG's pixel size. Fails with the package to install when
    /// the tool is missing: a test that looks at the plot must not pass without looking.
    /// </summary>
    public static (int Width, int Height) RenderPng(string svgPath)
    {
        string png = Path.ChangeExtension(svgPath, ".rendered.png");
        var start = new ProcessStartInfo("rsvg-convert", ["-o", png, svgPath]) { RedirectStandardError = true };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException("rsvg-convert is missing: install Debian's librsvg2-bin (apt-get install librsvg2-bin; .ci/run does) to render the plots in these tests."
                + (Environment.GetEnvironmentVariable("CI") == "true" ? " CI=true: .ci/run should have installed it." : ""));
        }

        using (process)
        {
            string error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"rsvg-convert failed on {svgPath}: {error}");
            }
        }

        var header = new byte[24];
        using (var stream = File.OpenRead(png))
        {
            stream.ReadExactly(header);
        }

        header.AsSpan(1, 3).ToArray().Should().Equal("PNG"u8.ToArray());
        return (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(16)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(20)));
    }

    /// <summary>Asserts what every plot must meet (issue 19), and that it renders.</summary>
    public static PlotInspector AssertReadable(string svgPath)
    {
        var plot = Of(svgPath);
        var (width, height) = RenderPng(svgPath);
        width.Should().Be((int)Math.Ceiling(plot.Canvas.Width - 0.01), "the PNG is the whole canvas");
        height.Should().Be((int)Math.Ceiling(plot.Canvas.Height - 0.01));

        plot.Texts().Where(t => !plot.Canvas.Contains(t.Box)).Select(t => t.Text).Should().BeEmpty("every label is inside the canvas");
        plot.OverlappingTexts().Should().BeEmpty("no two labels overlap");
        plot.Markers().Where(m => !plot.PlotArea.Contains(new PlotBox(m.X, m.Y, m.X, m.Y))).Should().BeEmpty("every marker is inside the plot area");
        if (plot.LegendBox() is { } legend)
        {
            plot.CurveSegments().Where(s => legend.IntersectsSegment(s.X1, s.Y1, s.X2, s.Y2)).Should().BeEmpty("the legend covers no curve");
            plot.Markers().Where(m => legend.Inflate(3).Contains(new PlotBox(m.X, m.Y, m.X, m.Y))).Should().BeEmpty("the legend covers no marker");
        }

        return plot;
    }

    /// <summary>Asserts that the x and y axes each label at least two ticks within the data's own pixel extent.</summary>
    public void AssertTicksWithinData()
    {
        var points = Markers().Concat(CurveSegments().SelectMany(s => new[] { (s.X1, s.Y1), (s.X2, s.Y2) })).ToList();
        double minX = points.Min(p => p.Item1), maxX = points.Max(p => p.Item1), minY = points.Min(p => p.Item2), maxY = points.Max(p => p.Item2);
        TickLabelsWithin("tick x", minX, maxX, horizontal: true).Should().BeGreaterThanOrEqualTo(2, "x ticks label values inside the data's range");
        TickLabelsWithin("tick y", minY, maxY, horizontal: false).Should().BeGreaterThanOrEqualTo(2, "y ticks label values inside the data's range");
    }

    private static string Class(XElement e) => (string?)e.Attribute("class") ?? "";

    private static double D(XElement e, string name) => double.Parse((string)e.Attribute(name)!, CultureInfo.InvariantCulture);
}
