namespace ScalingAdvisor.Cli.Tests.Commands;

public sealed class TaskCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("task-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A ladder of evaluations drawn from ladder2024's HellaSwag law (4 sizes × 4 lengths, final checkpoints and 5 intermediate ones), seeded noise.</summary>
    private string LadderCsv() => LadderCsv(_dir);

    /// <summary>The ladder of <see cref="LadderCsv()"/>, written into <paramref name="folder"/>.</summary>
    internal static string LadderCsv(string folder)
    {
        var law = Tasks.TaskLawCatalog.Get("ladder2024", "hellaswag");
        var random = new Random(8);
        var lines = new List<string> { "params,tokens,taskLoss,accuracy,final" };
        foreach (double n in (double[])[190e6, 370e6, 760e6, 1.3e9])
        {
            foreach (double multiple in (double[])[1, 2, 5, 10])
            {
                for (int c = 1; c <= 6; c++)
                {
                    double d = 20 * n * multiple * c / 6;
                    var p = law.Predict(Units.ParameterCount.FromCount(n), Units.TokenCount.FromCount(d));
                    double loss = p.TaskLoss * (1 + (0.002 * ((random.NextDouble() * 2) - 1)));
                    double accuracy = law.Step2.Accuracy(loss) + (0.004 * ((random.NextDouble() * 2) - 1));
                    lines.Add(FormattableString.Invariant($"{n},{d},{loss},{accuracy},{(c == 6 ? 1 : 0)}"));
                }
            }
        }

        string path = Path.Combine(folder, "hellaswag.csv");
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public void The_contract_query_gives_task_loss_and_accuracy()
    {
        // The contract check's call (shared/tools/contract-check, group task).
        var json = CliRunner.Json("task", "--law", "ladder2024", "--task", "hellaswag", "--params", "1e9", "--tokens", "2e10");

        double loss = json.GetProperty("taskLoss").GetDouble();
        double accuracy = json.GetProperty("accuracy").GetDouble();
        // Eq. 1 and Eq. 2 with the HellaSwag constants, by hand: L = 11.2313/1e9^0.195539 + 60.3687/2e10^0.256498 + 0.501911.
        loss.Should().BeApproximately((11.2313 * Math.Pow(1e9, -0.195539)) + (60.3687 * Math.Pow(2e10, -0.256498)) + 0.501911, 1e-9);
        accuracy.Should().BeApproximately((-0.730024 / (1 + Math.Exp(-12.7507 * (loss - 0.766703)))) + 0.992074, 1e-9);
        json.GetProperty("accuracyPoints").GetDouble().Should().BeApproximately(100 * accuracy, 1e-9);
        json.GetProperty("step1").GetProperty("alpha").GetDouble().Should().Be(0.195539);
        json.GetProperty("step2").GetProperty("L0").GetDouble().Should().Be(0.766703);
        json.GetProperty("caveat").GetString().Should().Contain("Table 5");
        json.GetProperty("extrapolation").GetProperty("extrapolates").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public void A_7B_query_says_it_extrapolates_past_the_ladder()
    {
        var json = CliRunner.Json("task", "--task", "mmlu", "--params", "6887575552", "--tokens", "3.945T");

        json.GetProperty("accuracyPoints").GetDouble().Should().BeApproximately(48.4, 0.06);
        json.GetProperty("extrapolation").GetProperty("extrapolates").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public void A_missing_or_unknown_task_is_one_line_exit_2()
    {
        CliRunner.ExpectInvalidInput("task", "--params", "1e9", "--tokens", "2e10").Should().Contain("--task");
        CliRunner.ExpectInvalidInput("task", "--task", "helaswag", "--params", "1e9", "--tokens", "2e10").Should().Contain("hellaswag");
    }

    [Fact]
    public void Fit_task_recovers_the_law_saves_it_and_task_reads_it_back()
    {
        string runs = LadderCsv();
        string law = Path.Combine(_dir, "law.json");

        var json = CliRunner.Json("fit-task", runs, "--bootstrap", "30", "--seed", "2", "--params", "1e9", "--tokens", "1e11", "--out", law);

        json.GetProperty("step1").GetProperty("E").GetDouble().Should().BeApproximately(0.501911, 0.05);
        json.GetProperty("step2").GetProperty("k").GetDouble().Should().BeApproximately(12.7507, 2);
        json.GetProperty("runs").GetInt32().Should().Be(96);
        json.GetProperty("step1Runs").GetInt32().Should().Be(16);
        json.GetProperty("intervals").GetProperty("resamples").GetInt32().Should().Be(30);
        var prediction = json.GetProperty("prediction");
        double accuracy = prediction.GetProperty("accuracy").GetDouble();
        prediction.GetProperty("accuracyLow").GetDouble().Should().BeLessThanOrEqualTo(accuracy);
        prediction.GetProperty("accuracyHigh").GetDouble().Should().BeGreaterThanOrEqualTo(accuracy);

        var back = CliRunner.Json("task", "--task-law", law, "--params", "1e9", "--tokens", "1e11");
        back.GetProperty("accuracy").GetDouble().Should().Be(accuracy);
        back.GetProperty("task").GetString().Should().Be("hellaswag");
        back.GetProperty("caveat").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public void Fit_task_without_a_query_writes_null_prediction_and_intervals_without_bootstrap()
    {
        var json = CliRunner.Json("fit-task", LadderCsv(), "--bootstrap", "0");

        json.GetProperty("prediction").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        json.GetProperty("intervals").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        json.GetProperty("extrapolation").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public void Fit_task_refuses_too_few_runs_in_one_line()
    {
        string path = Path.Combine(_dir, "few.csv");
        File.WriteAllText(path, "params,tokens,taskLoss,accuracy\n1e8,2e9,1.1,0.3\n2e8,8e9,1.0,0.35\n4e8,2e10,0.9,0.4\n");

        CliRunner.ExpectInvalidInput("fit-task", path, "--bootstrap", "0").Should().Contain("only 3 final checkpoints");
    }

    [Fact]
    public void Advise_with_a_task_law_stops_on_accuracy_points_and_reports_both()
    {
        string law = Path.Combine(_dir, "law.json");
        CliRunner.Json("fit-task", LadderCsv(), "--bootstrap", "0", "--out", law);

        // From 1e20 to 1e25 FLOPs on 16,384 GPUs no time or memory limit binds first: the points rule does.
        var json = CliRunner.Json("advise", "--task-law", law, "--min-gain-points", "1", "--min-gain", "1e-9", "--max-days", "100000",
            "--from", "1e20", "--to", "1e25", "--gpus", "16384");

        var recommendation = json.GetProperty("recommendation");
        recommendation.GetProperty("boundBy").GetString().Should().Be("diminishing-returns");
        recommendation.GetProperty("reason").GetString().Should().Contain("accuracy points");
        recommendation.GetProperty("gainNextDoublingPoints").GetDouble().Should().BeLessThan(1);
        recommendation.GetProperty("gainNextDoubling").GetDouble().Should().BePositive();
        recommendation.GetProperty("accuracy").GetDouble().Should().BeInRange(0, 1);
        json.GetProperty("assumptions").GetProperty("minGainPoints").GetDouble().Should().Be(1);

        var plain = CliRunner.Json("advise");
        plain.GetProperty("recommendation").GetProperty("accuracy").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        CliRunner.ExpectInvalidInput("advise", "--min-gain-points", "1").Should().Contain("--task-law");
    }

    [Fact]
    public void Fit_by_likelihood_reports_standard_errors_beside_the_law()
    {
        var json = CliRunner.Json("fit", FitCommandTests.SampleRuns(), "--bootstrap", "0", "--method", "likelihood");

        var se = json.GetProperty("standardErrors");
        se.GetProperty("alpha").GetDouble().Should().BePositive();
        json.GetProperty("sigma").GetDouble().Should().BeInRange(0.002, 0.05);
        json.GetProperty("logLikelihood").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Number);

        var huber = CliRunner.Json("fit", FitCommandTests.SampleRuns(), "--bootstrap", "0");
        huber.GetProperty("standardErrors").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        huber.GetProperty("repetition").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public void Fit_data_constrained_reports_the_repetition_constants()
    {
        var law = Laws.ScalingLaws.Muennighoff2023;
        var lines = new List<string> { "params,tokens,uniqueTokens,loss" };
        foreach (double n in (double[])[1e8, 3e8, 1e9, 3e9])
        {
            foreach (double d in (double[])[2e9, 6e9, 2e10, 6e10])
            {
                lines.Add(FormattableString.Invariant($"{n},{d},{d},{law.Loss(Units.ParameterCount.FromCount(n), Units.TokenCount.FromCount(d), Units.TokenCount.FromCount(d))}"));
            }
        }

        foreach (double u in (double[])[1e8, 1e9, 1e10])
        {
            foreach (double epochs in (double[])[2, 4, 10, 40])
            {
                foreach (double n in (double[])[1e8, 5e8, 2e9])
                {
                    lines.Add(FormattableString.Invariant($"{n},{u * epochs},{u},{law.Loss(Units.ParameterCount.FromCount(n), Units.TokenCount.FromCount(u * epochs), Units.TokenCount.FromCount(u))}"));
                }
            }
        }

        string path = Path.Combine(_dir, "dc.csv");
        File.WriteAllLines(path, lines);

        var json = CliRunner.Json("fit", path, "--bootstrap", "0", "--data-constrained");

        json.GetProperty("repetition").GetProperty("dataRepetitionConstant").GetDouble().Should().BeApproximately(15.387756, 0.3);
        json.GetProperty("repetition").GetProperty("parameterRepetitionConstant").GetDouble().Should().BeApproximately(5.309743, 0.3);
        json.GetProperty("runs").GetInt32().Should().Be(16);
        CliRunner.ExpectInvalidInput("fit", FitCommandTests.SampleRuns(), "--bootstrap", "0", "--data-constrained").Should().Contain("uniqueTokens");

        // --out saves the data-constrained law; loss and advise read it back with the unique tokens.
        string lawPath = Path.Combine(_dir, "dc-law.json");
        CliRunner.Json("fit", path, "--bootstrap", "0", "--data-constrained", "--out", lawPath);
        File.ReadAllText(lawPath).Replace(" ", "", StringComparison.Ordinal).Should().Contain("\"kind\":\"data-constrained\"");
        double expected = law.Loss(Units.ParameterCount.FromCount(1e9), Units.TokenCount.FromCount(1e11), Units.TokenCount.FromCount(1e10));
        double repeated = CliRunner.Json("loss", "--law-file", lawPath, "--params", "1e9", "--tokens", "1e11", "--unique-tokens", "1e10").GetProperty("loss").GetDouble();
        repeated.Should().BeApproximately(expected, 0.01 * expected, "ten epochs, discounted as the law drawn from");
        double fresh = CliRunner.Json("loss", "--law-file", lawPath, "--params", "1e9", "--tokens", "1e11", "--unique-tokens", "1e11").GetProperty("loss").GetDouble();
        repeated.Should().BeGreaterThan(fresh, "repeated tokens are worth less than fresh ones");
        CliRunner.ExpectInvalidInput("loss", "--law-file", lawPath, "--params", "1e9", "--tokens", "1e11").Should().Contain("--unique-tokens");
        var advice = CliRunner.Run("advise", "--law-file", lawPath, "--unique-tokens", "1e10", "--format", "json");
        advice.ExitCode.Should().Be(0, advice.Stderr);
        CliRunner.ExpectInvalidInput("advise", "--law-file", lawPath).Should().Contain("--unique-tokens", "named as the CLI option, not the library's parameter");
    }
}
