using System.Xml.Linq;
using ScalingAdvisor.Cli.Plotting;

namespace ScalingAdvisor.Cli.Tests.Plotting;

public class SvgChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static SvgChart Sample()
    {
        var chart = new SvgChart("Loss & cost <vs> compute",
            new ChartAxis("compute C (FLOPs)", AxisKind.Log),
            new ChartAxis("loss (nats/token)", AxisKind.Linear),
            new ChartAxis("cost (USD)", AxisKind.Log));
        chart.Series.Add(new ChartSeries("loss", SeriesKind.Line, [(1e18, 3.0), (1e20, 2.5), (1e22, 2.2)], SvgChart.Palette[0]));
        chart.Series.Add(new ChartSeries("runs", SeriesKind.Scatter, [(3e18, 2.9), (3e19, 2.6)], SvgChart.Palette[1]));
        chart.Series.Add(new ChartSeries("cost", SeriesKind.Line, [(1e18, 10), (1e22, 1e5)], SvgChart.Palette[2], SecondaryAxis: true, Dashed: true));
        chart.Markers.Add(new ChartMarker(1e20, "stop here"));
        chart.Markers.Add(new ChartMarker(2e20, "max-days breaks here"));
        return chart;
    }

    [Fact]
    public void The_chart_is_well_formed_svg_with_escaped_text()
    {
        var document = XDocument.Parse(Sample().Render());

        document.Root!.Name.Should().Be(Svg + "svg");
        document.Descendants(Svg + "text").Select(t => t.Value).Should().Contain("Loss & cost <vs> compute");
    }

    [Fact]
    public void Wide_log_axes_label_every_decade_with_superscript_exponents_and_carry_their_units()
    {
        var plot = new PlotInspector(Sample().Render());

        plot.TextsOf("tick x").Should().Equal("10¹⁸", "10¹⁹", "10²⁰", "10²¹", "10²²");
        plot.TextsOf("axis-label x").Should().Equal("compute C (FLOPs)");
        plot.TextsOf("axis-label y2").Should().Equal("cost (USD)");
        plot.TextsOf("tick y2").Should().Contain(["100", "1000", "10⁴", "10⁵"], "the second axis spans 10 to 1e5 USD");
    }

    [Fact]
    public void A_narrow_log_range_is_labelled_at_1_2_5_and_a_narrow_auto_range_is_linear()
    {
        var log = AxisScale.For(AxisKind.Log, [3e9, 4e11], 0, 600);
        log.Ticks.Select(AxisScale.Scientific).Should().Equal("5×10⁹", "10¹⁰", "2×10¹⁰", "5×10¹⁰", "10¹¹", "2×10¹¹");
        log.MinorTicks.Should().Contain(3e10);

        // The Chinchilla runs' losses span 2 to 5.6 nats: a factor under ten is drawn linearly, in steps of 0.5.
        var auto = AxisScale.For(AxisKind.Auto, [2.0, 5.6], 400, 0);
        auto.IsLog.Should().BeFalse();
        auto.Ticks.Should().Equal(2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0, 5.5);
        auto.Ticks.Should().OnlyContain(t => t >= auto.Min && t <= auto.Max);
    }

    [Fact]
    public void The_legend_stands_outside_the_plot_area_and_its_swatches_match_the_lines()
    {
        var plot = new PlotInspector(Sample().Render());

        plot.LegendBox()!.Value.Left.Should().BeGreaterThan(plot.PlotArea.Right);
        var legend = plot.Document.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "legend");
        legend.Elements(Svg + "text").Select(t => t.Value).Should().Equal("loss", "runs", "cost");
        legend.Elements(Svg + "line").Select(l => l.Attribute("stroke-dasharray")?.Value).Should().Equal(null, ScalingAdvisor.Cli.Plotting.Svg.DashPattern);
    }

    [Fact]
    public void Close_markers_put_their_labels_on_opposite_sides_without_overlap()
    {
        var plot = new PlotInspector(Sample().Render());

        plot.OverlappingTexts().Should().BeEmpty();
        var labels = plot.Texts().Where(t => t.Class == "marker-label").ToList();
        labels.Should().HaveCount(2);
        var lines = plot.Document.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "marker")
            .Select(g => double.Parse((string)g.Element(Svg + "line")!.Attribute("x1")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        foreach (var label in labels)
        {
            lines.Should().OnlyContain(x => x < label.Box.Left || x > label.Box.Right, $"'{label.Text}' crosses no marker line");
        }
    }

    [Fact]
    public void Points_map_inside_the_plot_area_and_an_annotation_box_stays_inside_it()
    {
        var chart = Sample();
        chart.Annotations.Add(new ChartAnnotation(1e22, 2.2, ["optimum", "N = 1B"]));
        var plot = new PlotInspector(chart.Render());

        plot.Markers().Should().OnlyContain(m => m.X >= plot.PlotArea.Left && m.X <= plot.PlotArea.Right && m.Y >= plot.PlotArea.Top && m.Y <= plot.PlotArea.Bottom);
        plot.Texts().Where(t => t.Class == "annotation-text").Should().OnlyContain(t => plot.PlotArea.Contains(t.Box));
    }

    [Fact]
    public void Text_extents_follow_the_font_metrics()
    {
        // DejaVu Sans: "0" advances 1303/2048 em and "i" 569/2048 em; at 12 px with the 5% margin.
        TextMetrics.Width("00", 12).Should().BeApproximately(2 * 1303 / 2048.0 * 12 * 1.05, 1e-9);
        TextMetrics.Width("ii", 12).Should().BeLessThan(TextMetrics.Width("00", 12) / 2);
    }
}
