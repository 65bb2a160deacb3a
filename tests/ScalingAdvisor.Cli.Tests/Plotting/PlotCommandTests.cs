using System.Xml.Linq;
using ScalingAdvisor.Cli.Plotting;
using ScalingAdvisor.Cli.Tests.Commands;

namespace ScalingAdvisor.Cli.Tests.Plotting;

/// <summary>
/// Every plot-writing command on the README's examples and on the 240-run Chinchilla set (issue 19), rendered to PNG
/// and checked as a reader would: labels inside the canvas and apart, ticks inside the data's range, markers inside
/// the plot, the legend clear of every curve. Bootstraps are small to keep each test near a second.
/// </summary>
public sealed class PlotCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sa-plots-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    private static void Ok(params string[] args)
    {
        var run = CliRunner.Run(args);
        run.ExitCode.Should().Be(0, run.Stderr);
    }

    [Fact]
    public void Fit_plot_of_the_README_example_is_readable_with_band_and_annotated_optimum()
    {
        Ok("fit", FitCommandTests.SampleRuns(), "--bootstrap", "40", "--budget", "1e21", "--plot", PathOf("fit.svg"));

        var plot = PlotInspector.AssertReadable(PathOf("fit.svg"));
        plot.AssertTicksWithinData();
        plot.Document.Descendants().Should().Contain(e => (string?)e.Attribute("class") == "ribbon", "the bootstrap band is drawn");
        string annotation = string.Join("|", plot.TextsOf("annotation-text"));
        annotation.Should().Contain("C = 10²¹ FLOPs").And.Contain("N = ").And.Contain("D = ").And.Contain("loss = ").And.Contain("95%: ");
        plot.TextsOf("axis-label x").Should().Equal("training tokens D (tokens)");

        // Its PNG, painted from this SVG as --plot fit.png does (the fit runs once): the band's polygon and the colour-mapped dots.
        using (var png = File.Create(PathOf("fit.png")))
        {
            PngRaster.Write(XDocument.Load(PathOf("fit.svg")).Root!, png);
        }

        PlotInspector.AssertPngMatches(PathOf("fit.png"), PathOf("fit.svg"));
    }

    [ChinchillaPlotFact]
    public void Fit_plot_of_the_240_Chinchilla_runs_has_a_linear_loss_axis_and_no_binned_runs()
    {
        string runs = PathOf("chinchilla-240.csv");
        ChinchillaPlotFactAttribute.WriteFittedRuns(runs).Should().Be(240);
        Ok("fit", runs, "--bootstrap", "30", "--budget", "1e24", "--plot", PathOf("fit.svg"));

        var plot = PlotInspector.AssertReadable(PathOf("fit.svg"));
        plot.AssertTicksWithinData();

        // The runs span about 2 to 5.6 nats: a linear axis with at least four labelled values (the old plot had 1e0, 1e1).
        var yTicks = plot.TextsOf("tick y").Select(t => double.Parse(t, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        yTicks.Should().HaveCountGreaterThanOrEqualTo(4);
        yTicks.Zip(yTicks.Skip(1), (a, b) => b - a).Distinct().Should().ContainSingle("linear ticks are evenly spaced");

        // Each run has its own colour from the N scale (no "N ≈" bins), and a colour bar explains it.
        var scatter = plot.Document.Descendants().Single(e => (string?)e.Attribute("data-name") == "runs (colour: N)");
        scatter.Elements().Should().HaveCount(240);
        scatter.Elements().Select(c => (string)c.Attribute("fill")!).Distinct().Count().Should().BeGreaterThan(20, "far more colours than the six bins of the old plot");
        plot.TextsOf("legend-text").Should().Contain("model size N (parameters)").And.NotContain(t => t.Contains('≈', StringComparison.Ordinal));
        string.Join("|", plot.TextsOf("annotation-text")).Should().Contain("C = 10²⁴ FLOPs");

        // Its PNG (painted from this SVG, as --plot fit.png does): 240 colour-mapped dots and the colour bar.
        using (var png = File.Create(PathOf("fit.png")))
        {
            PngRaster.Write(XDocument.Load(PathOf("fit.svg")).Root!, png);
        }

        PlotInspector.AssertPngMatches(PathOf("fit.png"), PathOf("fit.svg"));
    }

    [Fact]
    public void Advise_plot_keeps_the_limit_label_off_the_stop_line_and_annotates_the_stop()
    {
        Ok("advise", "--price-per-gpu-hour", "2", "--plot", PathOf("advise.svg"));

        var plot = PlotInspector.AssertReadable(PathOf("advise.svg"));
        plot.AssertTicksWithinData();
        var lines = plot.Document.Descendants().Where(e => (string?)e.Attribute("class") == "marker")
            .Select(g => double.Parse((string)g.Elements().First().Attribute("x1")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        lines.Should().HaveCount(2);
        foreach (var label in plot.Texts().Where(t => t.Class == "marker-label"))
        {
            lines.Should().OnlyContain(x => x <= label.Box.Left - 1 || x >= label.Box.Right + 1, $"'{label.Text}' crosses no marker line");
        }

        plot.TextsOf("marker-label").Should().Equal("max-days breaks here", "stop here");
        string annotation = string.Join("|", plot.TextsOf("annotation-text"));
        annotation.Should().Contain("stop: C = ").And.Contain("N = ").And.Contain("D = ").And.Contain("loss = ").And.Contain("$");
        plot.TextsOf("subtitle").Single().Should().Contain("law: besiroglu2024").And.Contain("h100-sxm").And.Contain("predicted MFU ");
    }

    [Fact]
    public void Advise_subtitle_states_the_MFU_the_budgets_were_priced_at()
    {
        // Without --mfu every budget is priced at the step-time model's MFU, not the scenario's flat 0.4.
        var json = CliRunner.Json("advise");
        double stopMfu = json.GetProperty("recommendation").GetProperty("mfu").GetDouble();
        Ok("advise", "--plot", PathOf("predicted.svg"));
        PlotInspector.Of(PathOf("predicted.svg")).TextsOf("subtitle").Single().Should().Contain("predicted MFU ").And.NotContain("MFU 0.4;");
        stopMfu.Should().NotBe(0.4);

        Ok("advise", "--mfu", "0.45", "--plot", PathOf("flat.svg"));
        PlotInspector.Of(PathOf("flat.svg")).TextsOf("subtitle").Single().Should().Contain("MFU 0.45;").And.NotContain("predicted");
    }

    [Fact]
    public void Advise_plot_with_a_task_law_draws_accuracy_on_its_own_axis_and_annotates_it()
    {
        string law = PathOf("task-law.json");
        Ok("fit-task", TaskCommandTests.LadderCsv(_folder), "--bootstrap", "0", "--out", law);
        Ok("advise", "--task-law", law, "--min-gain-points", "1", "--min-gain", "1e-9", "--max-days", "100000",
            "--from", "1e20", "--to", "1e25", "--gpus", "16384", "--plot", PathOf("task.svg"));

        var plot = PlotInspector.AssertReadable(PathOf("task.svg"));
        plot.AssertTicksWithinData();
        string task = CliRunner.Json("task", "--task-law", law, "--params", "1e9", "--tokens", "1e11").GetProperty("task").GetString()!;
        plot.TextsOf("axis-label y2").Should().Equal($"{task} accuracy (%)");
        plot.TextsOf("legend-text").Should().Contain($"{task} accuracy (right axis)").And.NotContain("training GPU-hours (right axis)");
        plot.TextsOf("subtitle").Single().Should().Contain($"accuracy points on {task}");
        string annotation = string.Join("|", plot.TextsOf("annotation-text"));
        annotation.Should().Contain($"{task} accuracy = ").And.Contain(" %");

        // The right-axis ticks are accuracy in percent: inside 0–100.
        plot.TextsOf("tick y2").Select(t => double.Parse(t, System.Globalization.CultureInfo.InvariantCulture)).Should().OnlyContain(v => v >= 0 && v <= 100);
    }

    [Fact]
    public void Advise_legend_draws_the_cost_line_dashed_as_the_curve_is()
    {
        Ok("advise", "--price-per-gpu-hour", "2", "--plot", PathOf("advise.svg"));

        var document = PlotInspector.Of(PathOf("advise.svg")).Document;
        string? curveDash = document.Descendants().Single(e => (string?)e.Attribute("data-name") == "training cost (right axis)").Elements().First().Attribute("stroke-dasharray")?.Value;
        var legend = document.Descendants().Single(e => (string?)e.Attribute("class") == "legend");
        var swatch = legend.Elements().TakeWhile(e => e.Value != "training cost (right axis)").Last();
        curveDash.Should().NotBeNull();
        swatch.Attribute("stroke-dasharray")?.Value.Should().Be(curveDash);
    }

    [Fact]
    public void Advise_plot_with_a_bootstrapped_law_file_draws_the_loss_band_and_the_fitted_range()
    {
        string law = PathOf("law.json");
        Ok("fit", FitCommandTests.SampleRuns(), "--bootstrap", "40", "--seed", "1", "--out", law);
        Ok("advise", "--law-file", law, "--plot", PathOf("advise.svg"));

        var plot = PlotInspector.AssertReadable(PathOf("advise.svg"));
        plot.AssertTicksWithinData();
        var ribbon = plot.Document.Descendants().Single(e => (string?)e.Attribute("class") == "ribbon");
        ribbon.Elements().Should().ContainSingle(e => e.Name.LocalName == "polygon");
        plot.Document.Descendants().Should().ContainSingle(e => (string?)e.Attribute("class") == "band");
        plot.TextsOf("legend-text").Should().Contain(t => t.StartsWith("95% bootstrap band of the loss", StringComparison.Ordinal));
    }

    [Fact]
    public void Levers_plot_draws_a_bar_per_applicable_lever_and_metric()
    {
        Ok("levers", "--model", "llama-2-7b", "--price-per-gpu-hour", "2", "--plot", PathOf("levers.svg"));

        var plot = PlotInspector.AssertReadable(PathOf("levers.svg"));
        var json = CliRunner.Json("levers", "--model", "llama-2-7b", "--price-per-gpu-hour", "2");
        var levers = json.GetProperty("levers").EnumerateArray().ToList();
        plot.TextsOf("row-label").Should().Equal(levers.Select(l => l.GetProperty("name").GetString()));
        var panels = plot.Document.Descendants().Where(e => (string?)e.Attribute("class") == "panel").ToList();
        panels.Select(p => (string)p.Attribute("data-name")!).Should().Equal("training time", "memory per GPU", "cost", "CO2e");
        int applicable = levers.Count(l => l.GetProperty("applicable").GetBoolean());
        panels.Should().OnlyContain(p => p.Elements().Count(e => (string?)e.Attribute("class") == "bar" || (string?)e.Attribute("class") == "value") == 2 * applicable);
    }

    [Fact]
    public void Optimal_plot_draws_the_chosen_law_beside_the_published_allocations_and_annotates_the_answer()
    {
        Ok("optimal", "--flops", "5.76e23", "--plot", PathOf("optimal.svg"));

        var plot = PlotInspector.AssertReadable(PathOf("optimal.svg"));
        plot.AssertTicksWithinData();
        plot.TextsOf("legend-text").Should().Contain(["besiroglu2024", "hoffmann2022", "kaplan2020"]);
        string.Join("|", plot.TextsOf("annotation-text")).Should().Contain("C = 5.76×10²³ FLOPs").And.Contain("N = ").And.Contain("D = ");
    }

    /// <summary>Every plot-writing command on a README example but fit's, whose PNG its README test checks (a fit takes a second).</summary>
    public static TheoryData<string, string[]> EveryPlot => new()
    {
        { "advise", ["advise", "--price-per-gpu-hour", "2"] },
        { "levers", ["levers", "--model", "llama-2-7b", "--price-per-gpu-hour", "2"] },
        { "optimal", ["optimal", "--flops", "5.76e23"] },
        { "serve", ["serve", "--model", "llama-2-7b", "--hardware", "a100-80gb", "--prompt-tokens", "512", "--output-tokens", "128", "--batch", "16"] },
    };

    [Theory]
    [MemberData(nameof(EveryPlot))]
    public void A_png_plot_path_writes_the_svg_picture_at_twice_its_size(string name, string[] args)
    {
        Ok([.. args, "--plot", PathOf(name + ".svg")]);
        Ok([.. args, "--plot", PathOf(name + ".png")]);

        PlotInspector.AssertPngMatches(PathOf(name + ".png"), PathOf(name + ".svg"));
    }

    [Theory]
    [InlineData("marker-label", "*here' is drawn in the PNG*")]
    [InlineData("marker", "*every 20-pixel cell*")]
    public void The_png_check_fails_on_a_png_that_lacks_a_label_or_a_line(string left, string failure)
    {
        Ok("advise", "--plot", PathOf("advise.svg"));
        var document = XDocument.Load(PathOf("advise.svg"));
        var dropped = (left == "marker"
            ? document.Descendants().Where(e => (string?)e.Attribute("class") == "marker").Elements().Where(e => e.Name.LocalName == "line")
            : document.Descendants().Where(e => (string?)e.Attribute("class") == left)).ToList();
        dropped.Should().HaveCount(2, "the advise plot has two marker lines, each with a label");
        dropped.ForEach(e => e.Remove());
        using (var png = File.Create(PathOf("partial.png")))
        {
            PngRaster.Write(document.Root!, png);
        }

        var check = () => PlotInspector.AssertPngMatches(PathOf("partial.png"), PathOf("advise.svg"));
        check.Should().Throw<Exception>().WithMessage(failure);
    }
}
