namespace ScalingAdvisor.Cli.Tests.Commands;

/// <summary>Issue 14 seam 3: no command prints NaN or Infinity, in any format; inputs that would need one are refused.</summary>
public sealed class NonFiniteOutputTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sa-finite-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("table")]
    [InlineData("json")]
    public void A_law_file_with_A_zero_is_refused_on_load_naming_the_field(string format)
    {
        // With A = 0 the model term vanishes and the optimal model is infinitely large: the table used to print Infinity, exit 0.
        string path = Path.Combine(_folder, "a0.json");
        File.WriteAllText(path, """
            {"schemaVersion": 1, "law": {"e": 1.8, "a": 0, "b": 2000, "alpha": 0.34, "beta": 0.3},
             "ranges": {"minParams": 1e7, "maxParams": 1e10, "minTokens": 1e8, "maxTokens": 1e11, "minFlops": 1e16, "maxFlops": 1e21},
             "objective": 0.001, "runs": 10}
            """);
        string error = CliRunner.ExpectInvalidInput("optimal", "--flops", "1e23", "--law-file", path, "--format", format);
        error.Should().Contain("law.a").And.NotContain("Infinity");
    }

    [Fact]
    public void Advise_with_a_vanishing_unique_token_count_is_refused_without_printing_infinity()
    {
        string error = CliRunner.ExpectInvalidInput("advise", "--unique-tokens", "1e-300");
        error.Should().NotContain("Infinity").And.NotContain("NaN");
    }

    [Fact]
    public void Levers_at_a_vanishing_grid_intensity_print_no_infinity()
    {
        var run = CliRunner.Run("levers", "--model", "llama-2-7b", "--hardware", "h100-sxm", "--gpus", "8", "--grid-intensity", "1e-320");
        (run.Stdout + run.Stderr).Should().NotContain("Infinity").And.NotContain("NaN");
    }
}
