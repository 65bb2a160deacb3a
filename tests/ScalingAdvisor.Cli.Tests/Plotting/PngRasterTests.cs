using System.Xml.Linq;
using ScalingAdvisor.Cli.Plotting;
using SkiaSharp;

namespace ScalingAdvisor.Cli.Tests.Plotting;

public class PngRasterTests
{
    [Fact]
    public void The_embedded_font_is_DejaVu_Sans_whose_widths_the_layout_measures()
    {
        using var typeface = PlotFont.Load();
        typeface.FamilyName.Should().Be("DejaVu Sans");

        // The advance of "0" is 1303/2048 em, the width TextMetrics counts for a digit (before its 5% margin).
        using var font = new SKFont(typeface, 2048) { LinearMetrics = true };
        font.MeasureText("0").Should().BeApproximately(1303, 1);
        TextMetrics.Width("0", 2048).Should().BeApproximately(1303 * 1.05, 0.01);
    }

    [Fact]
    public void The_shipped_Skia_reads_no_system_fonts_so_the_png_text_is_the_embedded_font()
    {
        // SkiaSharp.NativeAssets.Linux.NoDependencies has no fontconfig: a machine's fonts cannot change the picture. Its
        // font manager holds one unnamed empty family, and finds no DejaVu Sans even where one is installed.
        SKFontManager.Default.FontFamilies.Should().OnlyContain(family => family.Length == 0);
        SKFontManager.Default.MatchFamily("DejaVu Sans", SKFontStyle.Normal).Should().BeNull();
    }

    [Fact]
    public void An_element_the_painter_does_not_know_is_a_bug_not_a_silent_gap()
    {
        var svg = Svg.Document(100, 50);
        svg.Add(new XElement(Svg.Ns + "ellipse", new XAttribute("cx", "5"), new XAttribute("cy", "5"), new XAttribute("rx", "2"), new XAttribute("ry", "1")));
        var write = () => PngRaster.Write(svg, new MemoryStream());
        write.Should().Throw<InvalidOperationException>().WithMessage("*ellipse*");

        var opacity = Svg.Document(100, 50);
        opacity.Add(new XElement(Svg.Ns + "line", new XAttribute("x1", "0"), new XAttribute("y1", "0"), new XAttribute("x2", "9"), new XAttribute("y2", "9"), new XAttribute("stroke-opacity", "0.5")));
        var writeOpacity = () => PngRaster.Write(opacity, new MemoryStream());
        writeOpacity.Should().Throw<InvalidOperationException>().WithMessage("*stroke-opacity*");
    }

    [Fact]
    public void A_rotated_label_is_drawn_turned_about_its_anchor()
    {
        var svg = Svg.Document(200, 200);
        var label = Svg.Text(100, 100, "MMMMMMMM", "middle", "axis-label y", 20);
        label.Add(new XAttribute("transform", "rotate(-90 100 100)"));
        svg.Add(label);
        using var stream = new MemoryStream();
        PngRaster.Write(svg, stream);
        stream.Position = 0;
        using var png = SKBitmap.Decode(stream);

        // Turned a quarter, the text runs up the canvas: ink far above and below the anchor, none far left or right.
        bool Ink(int x, int y) => png.GetPixel(x * PngRaster.Scale, y * PngRaster.Scale).Red < 128;
        Enumerable.Range(50, 100).Count(y => Enumerable.Range(85, 20).Any(x => Ink(x, y))).Should().BeGreaterThan(60);
        Enumerable.Range(0, 60).Concat(Enumerable.Range(140, 60)).Count(x => Enumerable.Range(90, 20).Any(y => Ink(x, y))).Should().Be(0);
    }
}
