using System.Globalization;
using System.Xml.Linq;

namespace ScalingAdvisor.Cli.Tests.Plotting;

/// <summary>
/// <c>serve --plot</c> (issue 19 on issue 20's serving model): TTFT and TPOT against output tokens/s per GPU over the
/// batch sizes, the SLO lines and the chosen point, rendered to PNG and checked as the other plots are.
/// </summary>
public sealed class ServePlotTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sa-serve-plot-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    private static void Ok(params string[] args)
    {
        var run = CliRunner.Run(args);
        run.ExitCode.Should().Be(0, run.Stderr);
    }

    private static XElement Group(PlotInspector plot, string name) => plot.Document.Descendants().Single(e => (string?)e.Attribute("data-name") == name);

    private static (double X, double Y) Center(XElement circle)
        => (double.Parse((string)circle.Attribute("cx")!, CultureInfo.InvariantCulture), double.Parse((string)circle.Attribute("cy")!, CultureInfo.InvariantCulture));

    private static List<(double X, double Y)> AnnotatedPoints(PlotInspector plot)
        => plot.Document.Descendants().Where(e => (string?)e.Attribute("class") == "annotated-point").Select(Center).ToList();

    [Fact]
    public void Serve_plot_draws_TTFT_and_TPOT_at_every_batch_up_to_the_largest_that_fits_and_annotates_the_requested_one()
    {
        string[] request = ["serve", "--model", "llama-2-7b", "--hardware", "a100-80gb", "--prompt-tokens", "512", "--output-tokens", "128", "--batch", "16"];
        Ok([.. request, "--plot", PathOf("serve.svg")]);
        long maxBatch = CliRunner.Json(request).GetProperty("maxBatch").GetInt64();

        var plot = PlotInspector.AssertReadable(PathOf("serve.svg"));
        plot.AssertTicksWithinData();
        plot.TextsOf("axis-label x").Should().Equal("output tokens/s per GPU (tokens/s)");
        plot.TextsOf("axis-label y").Should().Equal("latency (ms)");
        plot.TextsOf("legend-text").Should().Equal("TTFT (prefill of the batch)", "TPOT (mean decode step)");

        // Batches 1, 2, 4, … and the largest that fits: one dot each on both curves.
        var batches = Enumerable.Range(0, 31).Select(k => 1L << k).Where(b => b <= maxBatch).Append(maxBatch).Distinct().ToList();
        var tpot = Group(plot, "TPOT (mean decode step) batches").Elements().Select(Center).ToList();
        var ttft = Group(plot, "TTFT (prefill of the batch) batches").Elements().Select(Center).ToList();
        tpot.Should().HaveCount(batches.Count);
        ttft.Should().HaveCount(batches.Count);
        plot.TextsOf("subtitle").Single().Should().Contain("batch " + string.Join(", ", batches)).And.Contain("1 × a100-80gb");

        // The requested batch is ringed on both curves, at its own dots.
        int index = batches.IndexOf(16);
        AnnotatedPoints(plot).Should().BeEquivalentTo([tpot[index], ttft[index]]);
        string annotation = string.Join("|", plot.TextsOf("annotation-text"));
        annotation.Should().Contain("requested: batch 16").And.Contain("TPOT = ").And.Contain(" ms").And.Contain("tokens/s per GPU");
        plot.Document.Descendants().Should().NotContain(e => (string?)e.Attribute("class") == "level", "no SLO was given");
    }

    [Fact]
    public void Serve_plot_of_an_SLO_plan_draws_both_SLO_lines_clear_of_the_curves_and_the_plans_choice_under_them()
    {
        string[] request = ["serve", "--model", "llama-2-70b", "--hardware", "all", "--prompt-tokens", "1024", "--output-tokens", "256", "--ttft-slo", "0.5s", "--tpot-slo", "50ms"];
        Ok([.. request, "--plot", PathOf("plan.svg")]);
        var chosen = CliRunner.Json(request).GetProperty("plan");

        var plot = PlotInspector.AssertReadable(PathOf("plan.svg"));
        plot.AssertTicksWithinData();
        plot.TextsOf("level-label").Should().Equal("TTFT SLO 500 ms", "TPOT SLO 50 ms");
        var segments = plot.CurveSegments();
        foreach (var label in plot.Texts().Where(t => t.Class == "level-label"))
        {
            segments.Where(s => label.Box.IntersectsSegment(s.X1, s.Y1, s.X2, s.Y2)).Should().BeEmpty($"'{label.Text}' crosses no curve");
        }

        string subtitle = plot.TextsOf("subtitle").Single();
        subtitle.Should().Contain($"{chosen.GetProperty("gpus").GetInt32()} × {chosen.GetProperty("hardware").GetString()}")
            .And.Contain($"{chosen.GetProperty("weightsBits").GetInt32()}-bit weights");
        plot.TextsOf("annotation-text").Should().Contain($"SLO plan's choice: batch {chosen.GetProperty("batch").GetInt32()}");

        // The chosen point meets both objectives: each ring lies below (larger pixel y than) its SLO line.
        double LevelY(string name) => double.Parse((string)Group(plot, name).Elements().First().Attribute("y1")!, CultureInfo.InvariantCulture);
        var rings = AnnotatedPoints(plot);
        rings.Should().HaveCount(2);
        rings[0].Y.Should().BeGreaterThan(LevelY("TPOT SLO 50 ms"));
        rings[1].Y.Should().BeGreaterThan(LevelY("TTFT SLO 500 ms"));
    }

    [Fact]
    public void Serve_plot_writes_nothing_and_says_why_when_not_even_batch_1_fits()
    {
        var run = CliRunner.Run("serve", "--model", "llama-2-70b", "--hardware", "l4", "--prompt-tokens", "512", "--output-tokens", "128", "--plot", PathOf("none.svg"));
        run.ExitCode.Should().Be(0, run.Stderr);
        run.Stdout.Should().Contain("No plot written to none.svg");
        File.Exists(PathOf("none.svg")).Should().BeFalse();
    }

    [Fact]
    public void Serve_writes_a_png_for_a_path_ending_in_png_in_any_case()
    {
        Ok("serve", "--model", "llama-2-7b", "--hardware", "a100-80gb", "--prompt-tokens", "512", "--output-tokens", "128", "--plot", PathOf("serve.PNG"));

        File.ReadAllBytes(PathOf("serve.PNG")).AsSpan(0, 8).ToArray().Should().Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
    }
}
