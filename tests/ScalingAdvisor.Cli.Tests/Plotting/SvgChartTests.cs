using System.Xml.Linq;
using ScalingAdvisor.Cli.Plotting;

namespace ScalingAdvisor.Cli.Tests.Plotting;

public class SvgChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static SvgChart Sample()
    {
        var chart = new SvgChart("Loss & cost <vs> compute",
            new ChartAxis("compute C (FLOPs, log scale)", Logarithmic: true),
            new ChartAxis("loss (nats/token)", Logarithmic: false),
            new ChartAxis("cost (USD, log scale)", Logarithmic: true));
        chart.Series.Add(new ChartSeries("loss", SeriesKind.Line, [(1e18, 3.0), (1e20, 2.5), (1e22, 2.2)], SvgChart.Palette[0]));
        chart.Series.Add(new ChartSeries("runs", SeriesKind.Scatter, [(3e18, 2.9), (3e19, 2.6)], SvgChart.Palette[1]));
        chart.Series.Add(new ChartSeries("cost", SeriesKind.Line, [(1e18, 10), (1e22, 1e5)], SvgChart.Palette[2], SecondaryAxis: true, Dashed: true));
        chart.Markers.Add(new ChartMarker(1e21, "stop here"));
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
    public void Log_axes_have_ticks_at_every_decade_and_labelled_units()
    {
        var texts = XDocument.Parse(Sample().Render()).Descendants(Svg + "text").Select(t => t.Value).ToList();

        texts.Should().Contain(["1e18", "1e19", "1e20", "1e21", "1e22"]);
        texts.Should().Contain(["compute C (FLOPs, log scale)", "loss (nats/token)", "cost (USD, log scale)"]);
        texts.Should().Contain(["1e1", "1e5"], "the second axis spans 10 to 1e5 USD");
    }

    [Fact]
    public void Series_legend_and_markers_are_drawn()
    {
        var document = XDocument.Parse(Sample().Render());

        var groups = document.Descendants(Svg + "g").ToList();
        groups.Select(g => (string?)g.Attribute("data-name")).Should().Contain(["loss", "runs", "cost"]);
        groups.Single(g => (string?)g.Attribute("data-name") == "runs").Elements(Svg + "circle").Should().HaveCount(2);
        groups.Single(g => (string?)g.Attribute("data-name") == "cost").Element(Svg + "polyline")!.Attribute("stroke-dasharray").Should().NotBeNull();
        groups.Single(g => (string?)g.Attribute("class") == "legend").Elements(Svg + "text").Select(t => t.Value).Should().Equal("loss", "runs", "cost");
        groups.Single(g => (string?)g.Attribute("class") == "marker").Element(Svg + "text")!.Value.Should().Be("stop here");
    }

    [Fact]
    public void Points_map_inside_the_plot_area()
    {
        var circles = XDocument.Parse(Sample().Render()).Descendants(Svg + "circle")
            .Select(c => (X: double.Parse((string)c.Attribute("cx")!, System.Globalization.CultureInfo.InvariantCulture), Y: double.Parse((string)c.Attribute("cy")!, System.Globalization.CultureInfo.InvariantCulture)));

        circles.Should().OnlyContain(c => c.X >= 80 && c.X <= 720 && c.Y >= 50 && c.Y <= 450);
    }
}
