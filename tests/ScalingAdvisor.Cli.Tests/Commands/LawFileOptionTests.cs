using ScalingAdvisor.Laws;

namespace ScalingAdvisor.Cli.Tests.Commands;

/// <summary>A law saved by <c>fit --out</c> drives <c>loss</c>, <c>optimal</c> and <c>advise</c> like a built-in (issue 5).</summary>
public sealed class LawFileOptionTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sa-lawfile-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string FitSampleRuns()
    {
        // samples/runs.csv: 30 runs generated from Besiroglu et al. 2024 (Table 1) with 1% noise.
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "samples", "runs.csv"))) dir = dir.Parent;
        dir.Should().NotBeNull("samples/runs.csv is in the repository");
        string lawPath = Path.Combine(_folder, "law.json");
        CliRunner.Json("fit", Path.Combine(dir!.FullName, "samples", "runs.csv"), "--bootstrap", "0", "--out", lawPath);
        return lawPath;
    }

    [Fact]
    public void A_fitted_law_file_drives_loss_optimal_and_advise()
    {
        string law = FitSampleRuns();
        var loss = CliRunner.Json("loss", "--params", "1B", "--tokens", "20B", "--law-file", law).GetProperty("loss").GetDouble();
        // The runs come from besiroglu2024 with 1% noise, so the fitted law predicts close to it in range.
        double truth = ScalingLaws.Besiroglu2024.Loss(Units.ParameterCount.FromCount(1e9), Units.TokenCount.FromCount(2e10));
        loss.Should().BeApproximately(truth, 0.03 * truth);
        CliRunner.Json("optimal", "--flops", "1e21", "--law-file", law).GetProperty("tokensPerParam").GetDouble().Should().BePositive();
        CliRunner.Json("advise", "--law-file", law).GetProperty("recommendation").GetProperty("boundBy").GetString().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public void A_malformed_law_file_is_one_line_and_exit_code_2()
    {
        string path = Path.Combine(_folder, "bad.json");
        File.WriteAllText(path, "{ \"law\": { \"e\": 1.8 } }");
        CliRunner.ExpectInvalidInput("loss", "--params", "1B", "--tokens", "20B", "--law-file", path).Should().Contain("bad.json");
    }
}
