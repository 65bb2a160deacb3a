using ScalingAdvisor.Laws;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Cli.Tests.Commands;

public class SparseLawOptionTests
{
    [Fact]
    public void Loss_with_granularity_8_reproduces_the_first_row_of_Krajewski_Table_2()
    {
        // Krajewski et al. 2024 Table 2: 64 × 100M active parameters, 4.37B tokens, G = 8 → loss 3.133. The printed
        // constants give 3.1097 (tolerance 0.025 nats, see MixtureOfExpertsLawTests).
        var json = CliRunner.Json("loss", "--law", "krajewski2024", "--granularity", "8", "--params", "100M", "--tokens", "4.37B");
        json.GetProperty("loss").GetDouble().Should().BeApproximately(3.133, 0.025);
        json.GetProperty("irreducible").GetDouble().Should().Be(0.47);
        var terms = json.GetProperty("irreducible").GetDouble() + json.GetProperty("modelTerm").GetDouble() + json.GetProperty("dataTerm").GetDouble();
        terms.Should().BeApproximately(json.GetProperty("loss").GetDouble(), 1e-12);
        var assumptions = json.GetProperty("assumptions");
        assumptions.GetProperty("law").GetString().Should().Be("krajewski2024");
        assumptions.GetProperty("granularity").GetDouble().Should().Be(8);
        assumptions.GetProperty("expansionRate").GetDouble().Should().Be(64);
        assumptions.GetProperty("totalPerActiveParams").GetDouble().Should().Be(43);
        assumptions.GetProperty("parameterBasis").GetString().Should().Be("active non-embedding parameters");
    }

    [Fact]
    public void Without_granularity_the_MoE_law_uses_G_1_and_finer_experts_lower_the_loss()
    {
        var coarse = CliRunner.Json("loss", "--law", "krajewski2024", "--params", "1B", "--tokens", "30B");
        coarse.GetProperty("assumptions").GetProperty("granularity").GetDouble().Should().Be(1);
        var fine = CliRunner.Json("loss", "--law", "krajewski2024", "--granularity", "16", "--params", "1B", "--tokens", "30B");
        fine.GetProperty("loss").GetDouble().Should().BeLessThan(coarse.GetProperty("loss").GetDouble());
    }

    [Fact]
    public void Optimal_with_sparsity_075_splits_1e21_FLOPs_as_the_library_does()
    {
        var json = CliRunner.Json("optimal", "--law", "frantar2023", "--sparsity", "0.75", "--flops", "1e21");
        var expected = LawSolver.Allocate(ScalingLaws.Frantar2023.WithSparsity(0.75), FlopCount.FromFlops(1e21));
        json.GetProperty("params").GetDouble().Should().BeApproximately(expected.Parameters.Count, expected.Parameters.Count * 1e-12);
        json.GetProperty("tokens").GetDouble().Should().BeApproximately(expected.Tokens.Count, expected.Tokens.Count * 1e-12);
        json.GetProperty("loss").GetDouble().Should().BeApproximately(expected.Loss, 1e-12);
        (6 * json.GetProperty("params").GetDouble() * json.GetProperty("tokens").GetDouble()).Should().BeApproximately(1e21, 1e9);
        var assumptions = json.GetProperty("assumptions");
        assumptions.GetProperty("sparsity").GetDouble().Should().Be(0.75);
        assumptions.GetProperty("parameterBasis").GetString().Should().Be("non-zero non-embedding parameters");
    }

    [Fact]
    public void Sparser_models_reach_a_lower_loss_for_the_same_compute()
    {
        // At fixed non-zeros a sparser model is a larger model (Frantar et al. 2023 eq. 1: A(S) falls with S).
        var half = CliRunner.Json("optimal", "--law", "frantar2023", "--flops", "1e21").GetProperty("loss").GetDouble();
        var mostly = CliRunner.Json("optimal", "--law", "frantar2023", "--sparsity", "0.875", "--flops", "1e21").GetProperty("loss").GetDouble();
        mostly.Should().BeLessThan(half);
    }

    [Fact]
    public void Advise_with_the_MoE_law_gives_a_recommendation_under_that_law()
    {
        var json = CliRunner.Json("advise", "--law", "krajewski2024", "--granularity", "8");
        json.GetProperty("assumptions").GetProperty("law").GetString().Should().Be("krajewski2024");
        json.GetProperty("assumptions").GetProperty("granularity").GetDouble().Should().Be(8);
        var recommendation = json.GetProperty("recommendation");
        recommendation.GetProperty("loss").GetDouble().Should().BeGreaterThan(0.47);
        recommendation.GetProperty("boundBy").GetString().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public void Granularity_with_another_law_is_one_line_naming_the_MoE_law()
        => CliRunner.ExpectInvalidInput("loss", "--granularity", "4", "--law", "besiroglu2024", "--params", "7B", "--tokens", "1T")
            .Should().Contain("--granularity only applies to --law krajewski2024");

    [Fact]
    public void Sparsity_with_another_law_is_one_line_naming_the_sparsity_law()
        => CliRunner.ExpectInvalidInput("optimal", "--sparsity", "0.5", "--law", "krajewski2024", "--flops", "1e21")
            .Should().Contain("--sparsity only applies to --law frantar2023");

    [Theory]
    [InlineData("--sparsity", "1")]
    [InlineData("--sparsity", "1.5")]
    [InlineData("--sparsity", "-0.5")]
    [InlineData("--sparsity", "NaN")]
    public void Sparsity_outside_zero_to_one_is_one_line_and_exit_code_2(string option, string value)
        => CliRunner.ExpectInvalidInput("loss", "--law", "frantar2023", option, value, "--params", "1B", "--tokens", "20B")
            .Should().Contain("--sparsity");

    [Theory]
    [InlineData("0.5")]
    [InlineData("0")]
    [InlineData("abc")]
    public void Granularity_below_one_is_one_line_and_exit_code_2(string value)
        => CliRunner.ExpectInvalidInput("advise", "--law", "krajewski2024", "--granularity", value)
            .Should().Contain("--granularity");

    [Fact]
    public void The_law_dimension_options_come_from_the_catalog_with_range_default_and_source()
    {
        // Issue 15: --granularity and --sparsity are generated from LawCatalog.Dimensions, not written in the CLI.
        var help = CliRunner.Run("loss", "--help").Stdout;
        foreach (var dimension in LawCatalog.Dimensions)
        {
            help.Should().Contain("--" + dimension.Name).And.Contain(dimension.Source).And.Contain("[" + dimension.Range + "]");
        }

        help.Should().Contain("only with --law krajewski2024 (default 1, the standard MoE layer)")
            .And.Contain("only with --law frantar2023 (default 0.5, the lowest non-zero sparsity the paper trains)");
    }

    [Fact]
    public void Every_law_reports_every_catalog_quantity_null_where_it_has_none()
    {
        var assumptions = CliRunner.Json("loss", "--law", "kaplan2020", "--params", "1B", "--tokens", "20B").GetProperty("assumptions");
        foreach (var name in LawCatalog.SpecificQuantityNames)
        {
            assumptions.GetProperty(name).ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        }

        CliRunner.Json("loss", "--law", "frantar2023", "--params", "1B", "--tokens", "20B").GetProperty("assumptions")
            .GetProperty("sparsity").GetDouble().Should().Be(0.5);
    }
}
