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
    public static (int Width, int Height) RenderPng(string svgPath) => RenderPng(svgPath, Path.ChangeExtension(svgPath, ".rendered.png"), zoom: 1);

    private static (int Width, int Height) RenderPng(string svgPath, string png, int zoom)
    {
        var start = new ProcessStartInfo("rsvg-convert", ["-z", zoom.ToString(CultureInfo.InvariantCulture), "-o", png, svgPath]) { RedirectStandardError = true };
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

    /// <summary>
    /// Asserts that the PNG the tool wrote (<paramref name="pngPath"/>) is the picture of the SVG of the same plot
    /// (<paramref name="svgPath"/>), by structure rather than bytes, against rsvg-convert's rendering of the SVG at the
    /// same zoom: its size is the canvas × <see cref="PngRaster.Scale"/>; it is not blank; every text box of the SVG
    /// holds about as much ink as rsvg-convert draws there; and every 20-pixel cell clear of the text is as dark as
    /// rsvg-convert's (a curve, marker, band or dot left out, moved or mis-coloured changes the cells it falls in).
    /// </summary>
    /// <remarks>
    /// Text is compared by its ink, not cell by cell: rsvg-convert (Pango) kerns and this tool's PNG does not, as
    /// <see cref="TextMetrics"/> does not, so a long label ends a few pixels apart in the two renderings.
    /// </remarks>
    public static void AssertPngMatches(string pngPath, string svgPath)
    {
        var plot = Of(svgPath);
        using var png = SkiaSharp.SKBitmap.Decode(pngPath);
        png.Should().NotBeNull("the tool writes a PNG that decodes");
        png.Width.Should().Be(PngRaster.PixelSize(plot.Canvas.Width), "the PNG is the canvas at the documented scale");
        png.Height.Should().Be(PngRaster.PixelSize(plot.Canvas.Height));

        string referencePath = Path.ChangeExtension(svgPath, ".rsvg.png");
        RenderPng(svgPath, referencePath, PngRaster.Scale);
        using var rendered = SkiaSharp.SKBitmap.Decode(referencePath);
        (rendered.Width, rendered.Height).Should().Be((png.Width, png.Height));
        var ours = new DarknessMap(png);
        var reference = new DarknessMap(rendered);
        ours.Mean(new PlotBox(0, 0, png.Width, png.Height)).Should().BeGreaterThan(0.01, "the PNG is not blank");

        PlotBox Pixels(PlotBox box) => new(box.Left * PngRaster.Scale, box.Top * PngRaster.Scale, box.Right * PngRaster.Scale, box.Bottom * PngRaster.Scale);
        var texts = plot.Texts();
        foreach (var (text, _, box) in texts)
        {
            double inked = ours.Mean(Pixels(box)), expected = reference.Mean(Pixels(box));
            inked.Should().BeGreaterThan(0.02, $"'{text}' is drawn in the PNG");
            Math.Abs(inked - expected).Should().BeLessThanOrEqualTo(TextTolerance * expected, $"'{text}' has about as much ink as rsvg-convert draws ({inked:0.000} vs {expected:0.000})");
        }

        // Text boxes widened by the 1.5-pixel halo some labels carry.
        var textBoxes = texts.Select(t => Pixels(t.Box.Inflate(2))).ToList();
        const double Cell = 20 * PngRaster.Scale;
        var cells = new List<string>();
        for (double top = 0; top < png.Height; top += Cell)
        {
            for (double left = 0; left < png.Width; left += Cell)
            {
                var cell = new PlotBox(left, top, Math.Min(left + Cell, png.Width), Math.Min(top + Cell, png.Height));
                if (!textBoxes.Any(cell.Intersects) && Math.Abs(ours.Mean(cell) - reference.Mean(cell)) > CellTolerance)
                {
                    cells.Add($"({left / PngRaster.Scale}, {top / PngRaster.Scale}): {ours.Mean(cell):0.000} vs {reference.Mean(cell):0.000}");
                }
            }
        }

        cells.Should().BeEmpty("every 20-pixel cell clear of text is as dark as in rsvg-convert's rendering of the SVG");
    }

    // Measured on the five plots: a text box's ink differs by at most 17% between the two renderers (their glyph
    // rasterisers and hinting), a cell clear of text by at most 0.005 in mean darkness (anti-aliasing). A label left out
    // is −89% in its box or worse; a dashed 1.25-pixel marker line left out moves its cells by 0.02.
    private const double CellTolerance = 0.01, TextTolerance = 0.3;

    /// <summary>The darkness (1 − luminance over white) of an image, summed for constant-time box means.</summary>
    private sealed class DarknessMap
    {
        private readonly double[] _sums;
        private readonly int _width, _height;

        public DarknessMap(SkiaSharp.SKBitmap image)
        {
            (_width, _height) = (image.Width, image.Height);
            _sums = new double[(_width + 1) * (_height + 1)];
            var pixels = image.Pixels;
            for (int y = 0; y < _height; y++)
            {
                double row = 0;
                for (int x = 0; x < _width; x++)
                {
                    var c = pixels[(y * _width) + x];
                    double alpha = c.Alpha / 255.0;
                    row += 1 - ((((0.2126 * c.Red) + (0.7152 * c.Green) + (0.0722 * c.Blue)) / 255 * alpha) + (1 - alpha));
                    _sums[((y + 1) * (_width + 1)) + x + 1] = _sums[(y * (_width + 1)) + x + 1] + row;
                }
            }
        }

        /// <summary>The mean darkness of the pixels in <paramref name="box"/> (pixel coordinates), clipped to the image.</summary>
        public double Mean(PlotBox box)
        {
            int x0 = Math.Clamp((int)box.Left, 0, _width), y0 = Math.Clamp((int)box.Top, 0, _height);
            int x1 = Math.Clamp((int)Math.Ceiling(box.Right), 0, _width), y1 = Math.Clamp((int)Math.Ceiling(box.Bottom), 0, _height);
            if (x1 <= x0 || y1 <= y0) return 0;
            double S(int x, int y) => _sums[(y * (_width + 1)) + x];
            return (S(x1, y1) - S(x0, y1) - S(x1, y0) + S(x0, y0)) / ((x1 - x0) * (y1 - y0));
        }
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
