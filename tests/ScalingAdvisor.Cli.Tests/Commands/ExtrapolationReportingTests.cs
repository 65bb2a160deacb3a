using System.Text.Json;

namespace ScalingAdvisor.Cli.Tests.Commands;

/// <summary>Every command that evaluates a law says how far its answer lies beyond the law's fitted range (issue 13).</summary>
public sealed class ExtrapolationReportingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sa-extrapolation-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string FittedLaw()
    {
        string law = Path.Combine(_folder, "law.json");
        var fit = CliRunner.Run("fit", FitCommandTests.SampleRuns(), "--bootstrap", "0", "--out", law);
        fit.ExitCode.Should().Be(0, fit.Stderr);
        return law;
    }

    [Fact]
    public void Advise_on_a_law_fitted_to_small_runs_says_how_far_beyond_them_the_recommendation_lies()
    {
        // samples/runs.csv holds runs of at most 800M parameters; the advisor recommends a far larger model.
        var json = CliRunner.Json("advise", "--law-file", FittedLaw());
        var recommendation = json.GetProperty("recommendation");
        var extrapolation = recommendation.GetProperty("extrapolation");
        double n = recommendation.GetProperty("params").GetDouble();

        extrapolation.GetProperty("extrapolates").GetBoolean().Should().BeTrue();
        extrapolation.GetProperty("verdict").GetString().Should().Be("beyond");
        extrapolation.GetProperty("rangeSource").GetString().Should().Contain("runs.csv");
        var parameters = extrapolation.GetProperty("params");
        parameters.GetProperty("maxParams").GetDouble().Should().Be(800e6);
        parameters.GetProperty("queriedParams").GetDouble().Should().Be(n);
        parameters.GetProperty("factorBeyond").GetDouble().Should().BeApproximately(n / 800e6, 1e-9 * n);
        parameters.GetProperty("verdict").GetString().Should().Be("above");
        extrapolation.GetProperty("flops").GetProperty("maxFlops").GetDouble().Should().BePositive();
        json.GetProperty("findings").EnumerateArray().Select(f => f.GetString()).Should().Contain(f => f!.Contains("beyond the range the law was fitted on", StringComparison.Ordinal));

        // Per frontier point: the smallest budgets lie within the runs, the largest far beyond them.
        var factors = json.GetProperty("frontier").EnumerateArray().Select(p => p.GetProperty("extrapolationFactor")).ToList();
        factors[0].ValueKind.Should().Be(JsonValueKind.Null);
        factors[^1].GetDouble().Should().BeGreaterThan(1000);
    }

    [Fact]
    public void Loss_and_optimal_report_the_extrapolation_of_a_built_in_law_from_its_paper()
    {
        // Chinchilla itself, 70B parameters on 1.4T tokens, lies past the runs of 70M to 16B parameters and 5B to 500B tokens.
        var loss = CliRunner.Json("loss", "--params", "70B", "--tokens", "1.4T", "--law", "hoffmann2022").GetProperty("extrapolation");
        loss.GetProperty("params").GetProperty("factorBeyond").GetDouble().Should().BeApproximately(70.0 / 16, 1e-9);
        loss.GetProperty("tokens").GetProperty("factorBeyond").GetDouble().Should().BeApproximately(1.4e12 / 500e9, 1e-9);
        loss.GetProperty("flops").GetProperty("minFlops").ValueKind.Should().Be(JsonValueKind.Null);
        loss.GetProperty("flops").GetProperty("note").GetString().Should().NotBeNullOrWhiteSpace();

        var inside = CliRunner.Json("optimal", "--flops", "1e20", "--law", "besiroglu2024").GetProperty("extrapolation");
        inside.GetProperty("params").GetProperty("verdict").GetString().Should().Be("inside");
        inside.GetProperty("params").GetProperty("factorBeyond").ValueKind.Should().Be(JsonValueKind.Null);
        inside.GetProperty("extrapolates").GetBoolean().Should().BeFalse();

        var table = CliRunner.Run("loss", "--params", "70B", "--tokens", "1.4T", "--law", "hoffmann2022");
        table.Stdout.Should().Contain("extrapolation › params").And.Contain("beyond the fitted max").And.Contain("beyond the range the law was fitted on");
    }

    [Fact]
    public void A_law_whose_paper_states_no_range_reports_nulls_with_the_reason()
    {
        var extrapolation = CliRunner.Json("loss", "--params", "1B", "--tokens", "20B", "--law", "frantar2023").GetProperty("extrapolation");
        extrapolation.GetProperty("verdict").GetString().Should().Be("unknown");
        extrapolation.GetProperty("largestFactor").ValueKind.Should().Be(JsonValueKind.Null);
        extrapolation.GetProperty("params").GetProperty("maxParams").ValueKind.Should().Be(JsonValueKind.Null);
        extrapolation.GetProperty("params").GetProperty("note").GetString().Should().Contain("do not state");
    }

    [Fact]
    public void Optimal_kaplan2020_follows_the_Table_6_frontier()
    {
        // Hoffmann et al. 2022 App. D.4: Kaplan et al.'s allocation of 1e21 FLOPs is a 4.68B-parameter model.
        var json = CliRunner.Json("optimal", "--flops", "1e21", "--law", "kaplan2020");
        (json.GetProperty("params").GetDouble() / 1e9).Should().BeApproximately(4.68, 0.005);
        json.GetProperty("assumptions").GetProperty("method").GetString().Should().Contain("published compute-efficient frontier");
    }

    [Fact]
    public void List_laws_states_each_allocation_and_fitted_range()
    {
        var laws = CliRunner.Json("list", "laws").GetProperty("laws").EnumerateArray().ToList();
        var kaplan = laws.Single(l => l.GetProperty("id").GetString() == "kaplan2020");
        kaplan.GetProperty("allocation").GetString().Should().Contain("Table 6");
        kaplan.GetProperty("fittedRange").GetProperty("params").GetProperty("maxParams").GetDouble().Should().Be(1.5e9);
        laws.Should().OnlyContain(l => l.GetProperty("allocation").GetString()!.Length > 0);
    }

    [Fact]
    public void The_advise_plot_shades_the_compute_range_of_a_fitted_law()
    {
        string path = Path.Combine(_folder, "advise.svg");
        var run = CliRunner.Run("advise", "--law-file", FittedLaw(), "--plot", path);
        run.ExitCode.Should().Be(0, run.Stderr);
        var svg = System.Xml.Linq.XDocument.Parse(File.ReadAllText(path));
        var band = svg.Descendants().Single(e => e.Name.LocalName == "g" && (string?)e.Attribute("class") == "band");
        band.Elements().Should().ContainSingle(e => e.Name.LocalName == "rect");
        svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value).Should().Contain("compute range the law was fitted on");
    }
}
