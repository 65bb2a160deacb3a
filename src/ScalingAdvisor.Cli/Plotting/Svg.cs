using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace ScalingAdvisor.Cli.Plotting;

/// <summary>A figure that lays itself out as an SVG document, the layout that both the SVG and the PNG draw.</summary>
internal interface ISvgFigure
{
    /// <summary>The SVG document as text.</summary>
    string Render();

    /// <summary>The SVG document's root element.</summary>
    XElement Draw();
}

/// <summary>SVG 1.1 elements built with <see cref="XElement"/> (always well-formed, text escaped), in invariant culture.</summary>
internal static class Svg
{
    public static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    /// <summary>Writes a figure as UTF-8 (files are written through <see cref="Files.OutputPlan"/>).</summary>
    public static void WriteTo(this ISvgFigure figure, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(figure);
        using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 4096, leaveOpen: true);
        writer.Write(figure.Render());
    }

    /// <summary>Writes a figure as PNG (<see cref="PngRaster"/>) when <paramref name="path"/> ends in .png, else as SVG.</summary>
    public static void WriteTo(this ISvgFigure figure, Stream stream, string path)
    {
        ArgumentNullException.ThrowIfNull(figure);
        if (IsPng(path))
        {
            PngRaster.Write(figure.Draw(), stream);
        }
        else
        {
            figure.WriteTo(stream);
        }
    }

    /// <summary>Whether a plot path asks for PNG: it ends in .png, in any case.</summary>
    public static bool IsPng(string path) => path.EndsWith(".png", StringComparison.OrdinalIgnoreCase);

    public static XElement Document(double width, double height)
    {
        var svg = new XElement(Ns + "svg",
            new XAttribute("width", F(width)), new XAttribute("height", F(height)),
            new XAttribute("viewBox", $"0 0 {F(width)} {F(height)}"),
            new XAttribute("font-family", TextMetrics.FontFamily), new XAttribute("font-size", "12"));
        svg.Add(new XElement(Ns + "rect", new XAttribute("width", "100%"), new XAttribute("height", "100%"), new XAttribute("fill", "white")));
        return svg;
    }

    public static string Serialise(XElement svg) => new XDeclaration("1.0", "utf-8", null) + "\n" + svg.ToString();

    public static XElement Line(double x1, double y1, double x2, double y2, string color, double width = 1, bool dashed = false)
    {
        var line = new XElement(Ns + "line", new XAttribute("x1", F(x1)), new XAttribute("y1", F(y1)), new XAttribute("x2", F(x2)), new XAttribute("y2", F(y2)),
            new XAttribute("stroke", color), new XAttribute("stroke-width", F(width)));
        if (dashed)
        {
            line.Add(new XAttribute("stroke-dasharray", DashPattern));
        }

        return line;
    }

    /// <summary>The dash pattern of dashed series, the same in the plot and the legend.</summary>
    public const string DashPattern = "6 4";

    public static XElement Rect(PlotBox box, string fill, double opacity = 1, string? stroke = null)
    {
        var rect = new XElement(Ns + "rect", new XAttribute("x", F(box.Left)), new XAttribute("y", F(box.Top)),
            new XAttribute("width", F(box.Width)), new XAttribute("height", F(box.Height)), new XAttribute("fill", fill));
        if (opacity < 1) rect.Add(new XAttribute("fill-opacity", F(opacity)));
        if (stroke is not null) rect.Add(new XAttribute("stroke", stroke));
        return rect;
    }

    public static XElement Circle(double cx, double cy, double r, string fill, double opacity = 1)
    {
        var circle = new XElement(Ns + "circle", new XAttribute("cx", F(cx)), new XAttribute("cy", F(cy)), new XAttribute("r", F(r)), new XAttribute("fill", fill));
        if (opacity < 1) circle.Add(new XAttribute("fill-opacity", F(opacity)));
        return circle;
    }

    /// <summary>A one-line text at baseline (x, y); <paramref name="cssClass"/> names its role for tests and styling.</summary>
    public static XElement Text(double x, double y, string text, string anchor, string cssClass, double size = 12, string? color = null)
    {
        var element = new XElement(Ns + "text", new XAttribute("x", F(x)), new XAttribute("y", F(y)), new XAttribute("text-anchor", anchor),
            new XAttribute("font-size", F(size)), new XAttribute("class", cssClass), text);
        if (color is not null) element.Add(new XAttribute("fill", color));
        return element;
    }

    public static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
