namespace ScalingAdvisor.Cli.Tests.Rendering;

/// <summary>
/// Issue 13 (leftover): the table shows the <c>extrapolation</c> object as one line per axis, while its JSON keeps
/// every field.
/// </summary>
public class ExtrapolationTableTests
{
    private static string Table(params string[] args)
    {
        var run = CliRunner.Run(args);
        run.ExitCode.Should().Be(0, run.Stderr);
        return run.Stdout;
    }

    [Fact]
    public void Loss_past_the_fitted_range_shows_one_line_per_axis_with_the_factor_and_the_bound()
    {
        string text = Table("loss", "--params", "70B", "--tokens", "1.4T");

        text.Should().Contain("extrapolation › params").And.Contain("beyond the fitted max 16B");
        text.Should().Contain("extrapolation › tokens").And.Contain("beyond the fitted max 500B");
        text.Should().Contain("extrapolation › FLOPs").And.Contain("unknown: fitted range not stated");
        text.Should().NotContain("min params").And.NotContain("queried tokens").And.NotContain("factor beyond");
    }

    [Fact]
    public void Inside_the_range_the_line_names_the_range()
        => Table("loss", "--params", "1B", "--tokens", "20B").Should().Contain("1B, inside 70M–16B");

    [Fact]
    public void The_JSON_keeps_every_field_of_the_object_and_no_table_line()
    {
        var extrapolation = CliRunner.Json("loss", "--params", "70B", "--tokens", "1.4T").GetProperty("extrapolation");
        extrapolation.GetProperty("params").GetProperty("maxParams").GetDouble().Should().Be(16e9);
        extrapolation.GetProperty("params").GetProperty("factorBeyond").GetDouble().Should().BeApproximately(70e9 / 16e9, 1e-9);
        extrapolation.GetProperty("rangeSource").GetString().Should().NotBeNullOrEmpty();
        extrapolation.GetProperty("verdict").GetString().Should().Be("beyond");
        extrapolation.EnumerateObject().Select(p => p.Name).Should().Equal("extrapolates", "verdict", "largestFactor", "rangeSource", "params", "tokens", "flops");
    }

    [Fact]
    public void The_CSV_has_no_table_only_column()
    {
        string header = CliRunner.Run("loss", "--params", "70B", "--tokens", "1.4T", "--format", "csv").Stdout.Split('\n')[0];
        header.Split(',').Should().Contain("extrapolation.params.maxParams").And.NotContain("extrapolation.params");
    }
}
