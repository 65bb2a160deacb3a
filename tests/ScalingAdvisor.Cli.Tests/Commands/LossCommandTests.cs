using System.Text.Json;

namespace ScalingAdvisor.Cli.Tests.Commands;

public class LossCommandTests
{
    [Fact]
    public void Loss_reproduces_the_Muennighoff_reference_value_with_its_terms()
    {
        // Muennighoff et al. 2023, datablations repository: L(6.34e9, 242e9, U = 25e9) = 2.2256440889984477.
        var json = CliRunner.Json("loss", "--params", "6.34e9", "--tokens", "242B", "--unique-tokens", "25B", "--law", "muennighoff2023");
        json.GetProperty("loss").GetDouble().Should().BeApproximately(2.2256440889984477, 2.2256440889984477 * 1e-9);
        var terms = json.GetProperty("irreducible").GetDouble() + json.GetProperty("modelTerm").GetDouble() + json.GetProperty("dataTerm").GetDouble();
        terms.Should().BeApproximately(json.GetProperty("loss").GetDouble(), 1e-12);
        json.GetProperty("schemaVersion").GetInt32().Should().Be(1);
        json.GetProperty("assumptions").GetProperty("law").GetString().Should().Be("muennighoff2023");
    }

    [Fact]
    public void Loss_uses_besiroglu2024_by_default_and_shows_Chinchilla_beating_Gopher_under_hoffmann2022()
    {
        // Hoffmann et al. 2022 §4: Chinchilla (70B, 1.4T) beats Gopher (280B, 300B).
        CliRunner.Json("loss", "--params", "70B", "--tokens", "1.4T").GetProperty("assumptions").GetProperty("law").GetString().Should().Be("besiroglu2024");
        var chinchilla = CliRunner.Json("loss", "--params", "70B", "--tokens", "1.4T", "--law", "hoffmann2022").GetProperty("loss").GetDouble();
        var gopher = CliRunner.Json("loss", "--params", "280B", "--tokens", "300B", "--law", "hoffmann2022").GetProperty("loss").GetDouble();
        chinchilla.Should().BeApproximately(1.9366, 1e-4).And.BeLessThan(gopher);
    }

    [Fact]
    public void Kaplan_loss_has_no_terms_and_says_it_counts_non_embedding_parameters()
    {
        var json = CliRunner.Json("loss", "--params", "1.5B", "--tokens", "23B", "--law", "kaplan2020");
        json.GetProperty("loss").GetDouble().Should().BeInRange(1, 4);
        json.GetProperty("modelTerm").ValueKind.Should().Be(JsonValueKind.Null);
        json.GetProperty("assumptions").GetProperty("parameterBasis").GetString().Should().Contain("non-embedding");
    }

    [Fact]
    public void Table_output_shows_the_loss_and_its_terms()
    {
        var run = CliRunner.Run("loss", "--params", "70B", "--tokens", "1.4T");
        run.ExitCode.Should().Be(0);
        run.Stdout.Should().Contain("loss").And.Contain("model term").And.Contain("besiroglu2024");
    }

    [Fact]
    public void An_unknown_law_is_one_line_listing_the_valid_ids()
        => CliRunner.ExpectInvalidInput("loss", "--params", "7B", "--tokens", "1T", "--law", "chinchilla")
            .Should().Contain("chinchilla").And.Contain("besiroglu2024").And.Contain("muennighoff2023").And.Contain("kaplan2020-table2");

    [Fact]
    public void The_data_constrained_law_without_unique_tokens_is_one_line_naming_the_option()
        => CliRunner.ExpectInvalidInput("loss", "--params", "7B", "--tokens", "1T", "--law", "muennighoff2023")
            .Should().Contain("--unique-tokens");

    [Fact]
    public void More_tokens_than_unique_tokens_for_a_single_epoch_law_is_rejected()
        => CliRunner.ExpectInvalidInput("loss", "--params", "7B", "--tokens", "1T", "--unique-tokens", "100B")
            .Should().Contain("repetition");

    [Fact]
    public void Malformed_parameters_are_one_line_naming_the_option_and_value()
        => CliRunner.ExpectInvalidInput("loss", "--params", "abc", "--tokens", "1T")
            .Should().Contain("--params").And.Contain("abc");
}
