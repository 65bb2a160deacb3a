namespace ScalingAdvisor.Cli.Tests.Commands;

public class AdviseCommandTests
{
    [Fact]
    public void Advise_on_defaults_gives_a_recommendation_bound_by_a_named_limit()
    {
        var json = CliRunner.Json("advise");
        var recommendation = json.GetProperty("recommendation");
        recommendation.GetProperty("boundBy").GetString().Should().Be("max-days");
        recommendation.GetProperty("wallDays").GetDouble().Should().BeLessOrEqualTo(90);
        recommendation.GetProperty("reason").GetString().Should().Contain("90-day limit");
        json.GetProperty("frontier").GetArrayLength().Should().BeGreaterThan(20);
        json.GetProperty("assumptions").GetProperty("hardware").GetString().Should().Be("h100-sxm");
    }

    [Theory]
    [InlineData("--from", "1e27", "--to", "1e20")]
    [InlineData("--min-gain", "0")]
    [InlineData("--max-days", "-3")]
    [InlineData("--region", "nowhere")]
    [InlineData("--region", "FR", "--grid-intensity", "0.05")]
    public void Bad_input_is_one_line_and_exit_code_2(params string[] args)
        => CliRunner.ExpectInvalidInput(["advise", .. args]);
}

public sealed class AdvisePlotTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sa-advise-plot-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void The_plot_is_well_formed_svg_with_loss_cost_and_the_stop_point()
    {
        string path = Path.Combine(_folder, "advise.svg");
        var run = CliRunner.Run("advise", "--price-per-gpu-hour", "2", "--plot", path);
        run.ExitCode.Should().Be(0, run.Stderr);
        var svg = System.Xml.Linq.XDocument.Parse(File.ReadAllText(path));
        string text = string.Concat(svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value + "|"));
        text.Should().Contain("loss").And.Contain("cost").And.Contain("stop here").And.Contain("max-days breaks here");
    }
}

public class AdviseWhatIfTests
{
    [Fact]
    public void Fp8_and_a_cleaner_region_are_quantified_beside_the_baseline()
    {
        // H100 SXM dense fp8 peak is twice bf16 (NVIDIA H100 datasheet: 1,979 vs 989 TFLOP/s), so under the
        // same 90-day limit fp8 reaches at least the baseline's budget.
        var json = CliRunner.Json("advise", "--what-if-precision", "fp8", "--what-if-region", "fr");
        var baseline = json.GetProperty("recommendation").GetProperty("flops").GetDouble();
        var whatIfs = json.GetProperty("whatIfs");
        whatIfs.GetArrayLength().Should().Be(2);
        whatIfs[0].GetProperty("recommendation").GetProperty("flops").GetDouble().Should().BeGreaterThan(baseline);
        var baselineCo2 = json.GetProperty("recommendation").GetProperty("co2eKg").GetDouble();
        whatIfs[1].GetProperty("recommendation").GetProperty("co2eKg").GetDouble().Should().BeLessThan(baselineCo2);
    }
}
