using System.Globalization;
using System.Xml.Linq;
using SkiaSharp;

namespace ScalingAdvisor.Cli.Plotting;

/// <summary>
/// Paints a chart's SVG document onto a SkiaSharp raster and encodes it as PNG, at <see cref="Scale"/> times the SVG's
/// pixel size. The document is the layout: every position, text anchor and colour is the one the SVG holds, so the
/// two formats cannot drift apart.
/// </summary>
/// <remarks>
/// Implementation note: the charts (<see cref="SvgChart"/>, <see cref="SvgBarChart"/>) lay out into a small, closed
/// vocabulary of SVG elements that the tests already read back as the layout (<c>PlotInspector</c>). Painting that
/// vocabulary here (svg, g, rect, line, polyline, polygon, circle, text with an optional rotate transform and halo)
/// gives both formats from one layout without a second drawing path through the layout code. It is not an SVG
/// renderer: an element or attribute outside the vocabulary is a bug and throws, so a chart feature cannot go
/// missing from the PNG unnoticed (a test renders every chart to PNG). Text is drawn in the DejaVu Sans embedded in
/// the tool (<see cref="PlotFont"/>), the font whose advance widths <see cref="TextMetrics"/> measures, so that a
/// machine with no fonts installed draws the same text; Skia is loaded only here, when a PNG is written.
/// </remarks>
internal static class PngRaster
{
    /// <summary>
    /// PNG pixels per SVG pixel: 2, for print and high-density screens. The SVG canvas is in CSS pixels (96 per inch),
    /// so the PNG is 192 dpi at the SVG's own size; the 980-pixel-wide advise plot becomes 1961 pixels, about 300 dpi
    /// across a 16.5 cm text width, at 150–320 kB per chart.
    /// </summary>
    public const int Scale = 2;

    private static readonly HashSet<string> Elements = ["svg", "g", "rect", "line", "polyline", "polygon", "circle", "text"];

    // The attributes the charts write. Some draw nothing here: the roles the tests read (class, data-name), the
    // viewBox (always the canvas, 0 0 width height) and the font family (the PNG uses the embedded DejaVu Sans, the
    // first family the SVG names).
    private static readonly HashSet<string> Attributes =
    [
        "class", "data-name", "width", "height", "viewBox", "font-family", "font-size", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r",
        "points", "fill", "fill-opacity", "stroke", "stroke-width", "stroke-dasharray", "text-anchor", "transform", "paint-order",
    ];

    /// <summary>The PNG's pixel extent of an SVG extent (the SVG's size rounded up, as rsvg-convert does).</summary>
    public static int PixelSize(double svgPixels) => (int)Math.Ceiling((svgPixels * Scale) - 0.01);

    /// <summary>Paints <paramref name="root"/> (the SVG document a chart drew) and writes it as PNG to <paramref name="stream"/>.</summary>
    public static void Write(XElement root, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(stream);
        double width = Number(root, "width"), height = Number(root, "height");
        using var surface = SKSurface.Create(new SKImageInfo(PixelSize(width), PixelSize(height), SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException($"Skia could not allocate a {PixelSize(width)}×{PixelSize(height)} raster.");
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        canvas.Scale(Scale);
        using var typeface = PlotFont.Load();
        new Painter(canvas, typeface, width, height).Paint(root);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        data.SaveTo(stream);
    }

    private sealed class Painter(SKCanvas canvas, SKTypeface typeface, double width, double height)
    {
        public void Paint(XElement element)
        {
            string name = element.Name.LocalName;
            if (element.Name.Namespace != Svg.Ns || !Elements.Contains(name))
            {
                throw new InvalidOperationException($"The PNG painter does not draw <{element.Name}>; extend {nameof(PngRaster)} with the element.");
            }

            if (element.Attributes().FirstOrDefault(a => !a.IsNamespaceDeclaration && !Attributes.Contains(a.Name.LocalName)) is { } unknown)
            {
                throw new InvalidOperationException($"The PNG painter does not draw the attribute {unknown.Name} of <{name}>; extend {nameof(PngRaster)} with it.");
            }

            switch (name)
            {
                case "svg" or "g":
                    foreach (var child in element.Elements())
                    {
                        Paint(child);
                    }

                    break;
                case "rect":
                    var rect = SKRect.Create((float)Length(element, "x", width), (float)Length(element, "y", height),
                        (float)Length(element, "width", width), (float)Length(element, "height", height));
                    Shape(element, (c, paint) => c.DrawRect(rect, paint));
                    break;
                case "line":
                    Shape(element, (c, paint) => c.DrawLine((float)Number(element, "x1"), (float)Number(element, "y1"), (float)Number(element, "x2"), (float)Number(element, "y2"), paint));
                    break;
                case "polyline" or "polygon" when Points(element) is { Length: < 2 }:
                    break;
                case "polyline" or "polygon":
                    using (var path = Path(Points(element), close: name == "polygon"))
                    {
                        Shape(element, (c, paint) => c.DrawPath(path, paint));
                    }

                    break;
                case "circle":
                    Shape(element, (c, paint) => c.DrawCircle((float)Number(element, "cx"), (float)Number(element, "cy"), (float)Number(element, "r"), paint));
                    break;
                case "text":
                    Text(element);
                    break;
            }
        }

        // Fill first, then stroke, as SVG paints a shape; SVG's defaults: fill black, stroke none, stroke width 1. A line
        // has no inside to fill (Skia would draw a filled line as a hairline).
        private void Shape(XElement element, Action<SKCanvas, SKPaint> draw)
        {
            if (element.Name.LocalName != "line" && Color(Inherited(element, "fill") ?? "black", Inherited(element, "fill-opacity")) is { } fill)
            {
                using var paint = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill, Color = fill };
                draw(canvas, paint);
            }

            if (Color(Inherited(element, "stroke") ?? "none", null) is { } stroke)
            {
                using var paint = Stroke(element, stroke);
                draw(canvas, paint);
            }
        }

        private static SKPaint Stroke(XElement element, SKColor color)
        {
            var paint = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, Color = color, StrokeWidth = (float)(InheritedNumber(element, "stroke-width") ?? 1) };
            if (Inherited(element, "stroke-dasharray") is { } dashes && dashes != "none")
            {
                paint.PathEffect = SKPathEffect.CreateDash(dashes.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries).Select(d => (float)Parse(d)).ToArray(), 0);
            }

            return paint;
        }

        // A one-line text at baseline (x, y), anchored as SVG's text-anchor says; a "paint-order: stroke" halo is
        // stroked under the glyphs; "rotate(a cx cy)" turns it about (cx, cy).
        private void Text(XElement element)
        {
            using var font = new SKFont(typeface, (float)(InheritedNumber(element, "font-size") ?? 12)) { Edging = SKFontEdging.Antialias, Subpixel = true };
            var align = (Inherited(element, "text-anchor") ?? "start") switch
            {
                "middle" => SKTextAlign.Center,
                "end" => SKTextAlign.Right,
                "start" => SKTextAlign.Left,
                var other => throw new InvalidOperationException($"The PNG painter does not know text-anchor '{other}'."),
            };
            float x = (float)Number(element, "x"), y = (float)Number(element, "y");
            int saved = canvas.Save();
            if ((string?)element.Attribute("transform") is { } transform)
            {
                var (degrees, cx, cy) = Rotation(transform);
                canvas.RotateDegrees(degrees, cx, cy);
            }

            string text = element.Value;
            if (Inherited(element, "paint-order") == "stroke" && Color(Inherited(element, "stroke") ?? "none", null) is { } halo)
            {
                using var paint = Stroke(element, halo);
                paint.StrokeJoin = SKStrokeJoin.Round;
                canvas.DrawText(text, x, y, align, font, paint);
            }

            if (Color(Inherited(element, "fill") ?? "black", Inherited(element, "fill-opacity")) is { } fill)
            {
                using var paint = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill, Color = fill };
                canvas.DrawText(text, x, y, align, font, paint);
            }

            canvas.RestoreToCount(saved);
        }

        private static (float Degrees, float X, float Y) Rotation(string transform)
        {
            const string Prefix = "rotate(";
            if (!transform.StartsWith(Prefix, StringComparison.Ordinal) || !transform.EndsWith(')'))
            {
                throw new InvalidOperationException($"The PNG painter draws only rotate(a x y) transforms, not '{transform}'.");
            }

            var parts = transform[Prefix.Length..^1].Split([' ', ','], StringSplitOptions.RemoveEmptyEntries).Select(p => (float)Parse(p)).ToArray();
            return parts.Length switch
            {
                1 => (parts[0], 0, 0),
                3 => (parts[0], parts[1], parts[2]),
                _ => throw new InvalidOperationException($"The PNG painter cannot read the transform '{transform}'."),
            };
        }

        private static SKPath Path(SKPoint[] points, bool close)
        {
            using var builder = new SKPathBuilder();
            builder.MoveTo(points[0]);
            foreach (var point in points.AsSpan(1))
            {
                builder.LineTo(point);
            }

            if (close)
            {
                builder.Close();
            }

            return builder.Detach();
        }

        private static SKPoint[] Points(XElement element)
            => ((string)element.Attribute("points")!).Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(xy => xy.Split(',')).Select(xy => new SKPoint((float)Parse(xy[0]), (float)Parse(xy[1]))).ToArray();

        // SVG presentation attributes are inherited from the enclosing groups and the root.
        private static string? Inherited(XElement element, string attribute)
            => element.AncestorsAndSelf().Select(e => (string?)e.Attribute(attribute)).FirstOrDefault(v => v is not null);

        private static double? InheritedNumber(XElement element, string attribute) => Inherited(element, attribute) is { } value ? Parse(value) : null;

        // A length in SVG pixels, or a percentage of the canvas extent; an absent x or y is 0.
        private static double Length(XElement element, string attribute, double extent)
        {
            string value = (string?)element.Attribute(attribute) ?? "0";
            return value.EndsWith('%') ? Parse(value[..^1]) / 100 * extent : Parse(value);
        }

        private static SKColor? Color(string value, string? opacity)
        {
            SKColor color = value switch
            {
                "none" => SKColors.Transparent,
                "white" => SKColors.White,
                "black" => SKColors.Black,
                _ when value.StartsWith('#') && SKColor.TryParse(value, out var parsed) => parsed,
                _ => throw new InvalidOperationException($"The PNG painter does not know the colour '{value}'."),
            };
            if (value == "none")
            {
                return null;
            }

            return opacity is null ? color : color.WithAlpha((byte)Math.Round(Math.Clamp(Parse(opacity), 0, 1) * 255));
        }
    }

    private static double Number(XElement element, string attribute) => Parse((string)element.Attribute(attribute)!);

    private static double Parse(string value) => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
}
