using System.Xml.Linq;
using ScalingAdvisor.Fitting;

namespace ScalingAdvisor.Cli.Tests.Commands;

public sealed class FitCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fit-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>samples/runs.csv of the repository (30 runs from Besiroglu et al. 2024's constants with 1% noise).</summary>
    internal static string SampleRuns()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "samples", "runs.csv");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("samples/runs.csv not found above the test assembly.");
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Json_has_the_law_intervals_objective_and_runs_of_the_contract()
    {
        var json = CliRunner.Json("fit", SampleRuns(), "--bootstrap", "60", "--seed", "3");

        json.GetProperty("schemaVersion").GetInt32().Should().Be(1);
        var law = json.GetProperty("law");
        // Besiroglu et al. 2024 Table 1 generated the sample runs: E = 1.8172, α = 0.3478, β = 0.3658 (1% noise, 30 runs).
        law.GetProperty("e").GetDouble().Should().BeApproximately(1.8172, 0.1);
        law.GetProperty("alpha").GetDouble().Should().BeApproximately(0.3478, 0.05);
        law.GetProperty("beta").GetDouble().Should().BeApproximately(0.3658, 0.05);
        law.GetProperty("logE").GetDouble().Should().BeApproximately(Math.Log(law.GetProperty("e").GetDouble()), 1e-12);
        var alpha = json.GetProperty("intervals").GetProperty("alpha");
        alpha.GetProperty("low").GetDouble().Should().BeLessThan(alpha.GetProperty("high").GetDouble());
        json.GetProperty("intervals").GetProperty("resamples").GetInt32().Should().Be(60);
        json.GetProperty("objective").GetDouble().Should().BePositive();
        json.GetProperty("runs").GetInt32().Should().Be(30);
        json.GetProperty("converged").GetBoolean().Should().BeTrue();
        json.GetProperty("startsAtBest").GetInt32().Should().BeGreaterThan(0);
        json.GetProperty("diagnostics").GetProperty("logRmse").GetDouble().Should().BeInRange(0.002, 0.05);
        json.GetProperty("worstRuns").GetArrayLength().Should().Be(5);
    }

    [Fact]
    public void A_budget_gives_the_compute_optimal_model_and_flags_extrapolation()
    {
        var json = CliRunner.Json("fit", SampleRuns(), "--bootstrap", "0", "--budget", "1e24");

        var optimum = json.GetProperty("optimalAtBudget");
        double n = optimum.GetProperty("params").GetDouble(), d = optimum.GetProperty("tokens").GetDouble();
        (6 * n * d).Should().BeApproximately(1e24, 1e15);
        json.GetProperty("intervals").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        json.GetProperty("findings")[0].GetString().Should().Contain("beyond the range the law was fitted on").And.Contain("compute (FLOPs)");
    }

    [Fact]
    public void The_saved_law_loads_back_and_the_plot_is_well_formed_svg()
    {
        string law = Path.Combine(_dir, "law.json"), plot = Path.Combine(_dir, "fit.svg");

        var json = CliRunner.Json("fit", SampleRuns(), "--bootstrap", "30", "--out", law, "--plot", plot);

        var loaded = FittedLawFile.Load(law);
        loaded.Law.E.Should().Be(json.GetProperty("law").GetProperty("e").GetDouble());
        loaded.Intervals!.Resamples.Should().Be(30);
        var svg = XDocument.Parse(File.ReadAllText(plot));
        XNamespace ns = "http://www.w3.org/2000/svg";
        svg.Root!.Name.Should().Be(ns + "svg");
        var names = svg.Descendants(ns + "g").Select(g => (string?)g.Attribute("data-name")).Where(n => n is not null).ToList();
        names.Should().Contain("runs (colour: N)").And.Contain("fit, N = 20M");
        svg.Descendants(ns + "circle").Count().Should().BeGreaterThanOrEqualTo(30);
        svg.Descendants(ns + "text").Select(t => t.Value).Should().Contain("training tokens D (tokens)");
    }

    [Fact]
    public void The_table_view_shows_the_law_and_the_worst_runs()
    {
        var run = CliRunner.Run("fit", SampleRuns(), "--bootstrap", "0");

        run.ExitCode.Should().Be(0, run.Stderr);
        run.Stdout.Should().Contain("law › alpha").And.Contain("worst runs");
    }

    [Fact]
    public void A_malformed_row_is_one_line_naming_the_file_line_and_column()
    {
        string path = Write("bad.csv", "N,D,loss\n1e8,2e9,3.5\n2e8,4e9,-1\n");

        CliRunner.ExpectInvalidInput("fit", path).Should().Contain("bad.csv, line 3, column 'loss'");
    }

    [Fact]
    public void Too_few_runs_are_refused_with_exit_code_2()
    {
        string path = Write("two.csv", "N,D,loss\n1e8,2e9,3.5\n2e8,4e9,3.1\n");

        CliRunner.ExpectInvalidInput("fit", path).Should().Contain("only 2 runs");
    }

    [Fact]
    public void A_missing_file_is_exit_code_2()
        => CliRunner.ExpectInvalidInput("fit", Path.Combine(_dir, "nope.csv")).Should().Contain("nope.csv");

    [Fact]
    public void A_confidence_of_one_is_rejected_naming_the_option()
        => CliRunner.ExpectInvalidInput("fit", SampleRuns(), "--confidence", "1", "--bootstrap", "5")
            .Should().StartWith("error: --confidence").And.Contain("(0, 1)").And.NotContain("Confidence");

    [Fact]
    public void A_budget_reports_the_same_extrapolation_object_as_optimal_on_the_saved_law()
    {
        string law = Path.Combine(_dir, "law.json");
        var fit = CliRunner.Json("fit", SampleRuns(), "--bootstrap", "0", "--budget", "1e24", "--out", law);
        var optimal = CliRunner.Json("optimal", "--law-file", law, "--flops", "1e24");

        var fitted = fit.GetProperty("extrapolation");
        var expected = optimal.GetProperty("extrapolation");
        fitted.GetProperty("verdict").GetString().Should().Be("beyond").And.Be(expected.GetProperty("verdict").GetString());
        fitted.GetProperty("rangeSource").GetString().Should().Be(expected.GetProperty("rangeSource").GetString());
        foreach (var axis in new[] { "params", "tokens", "flops" })
        {
            fitted.GetProperty(axis).GetProperty("verdict").GetString().Should().Be(expected.GetProperty(axis).GetProperty("verdict").GetString(), axis);
        }

        double factor = fitted.GetProperty("flops").GetProperty("factorBeyond").GetDouble();
        factor.Should().BeApproximately(expected.GetProperty("flops").GetProperty("factorBeyond").GetDouble(), factor * 1e-9);
        fit.GetProperty("findings").EnumerateArray().Select(f => f.GetString()).Should()
            .Contain(f => f!.StartsWith("The answer lies beyond the range the law was fitted on (the 30 runs of runs.csv)", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_budget_the_extrapolation_is_null()
        => CliRunner.Json("fit", SampleRuns(), "--bootstrap", "0").GetProperty("extrapolation").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);

    [Fact]
    public void The_worst_runs_are_numbered_by_their_file_line_in_the_table_and_keep_their_index_in_json()
    {
        var table = CliRunner.Run("fit", SampleRuns(), "--bootstrap", "0");
        var json = CliRunner.Json("fit", SampleRuns(), "--bootstrap", "0");

        table.ExitCode.Should().Be(0, table.Stderr);
        table.Stdout.Should().Contain("line").And.NotContain("index");
        foreach (var run in json.GetProperty("worstRuns").EnumerateArray())
        {
            // samples/runs.csv has its header on line 1 and one run per line after it.
            run.GetProperty("line").GetInt32().Should().Be(run.GetProperty("index").GetInt32() + 2);
        }
    }
}
