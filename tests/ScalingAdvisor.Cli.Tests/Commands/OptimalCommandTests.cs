using System.Text.Json;

namespace ScalingAdvisor.Cli.Tests.Commands;

public class OptimalCommandTests
{
    [Fact]
    public void Besiroglu2024_allocates_about_18_4_tokens_per_parameter_at_Gophers_budget()
    {
        // Besiroglu et al. 2024: ~20 tokens per parameter; closed form 18.39 at 5.76e23 FLOPs (contract-check: 18.4 ± 2 %).
        var json = CliRunner.Json("optimal", "--flops", "5.76e23", "--law", "besiroglu2024");
        json.GetProperty("tokensPerParam").GetDouble().Should().BeApproximately(18.4, 18.4 * 0.02);
        var n = json.GetProperty("params").GetDouble();
        var d = json.GetProperty("tokens").GetDouble();
        (6 * n * d).Should().BeApproximately(json.GetProperty("flops").GetDouble(), 5.76e23 * 1e-12);
        json.GetProperty("loss").GetDouble().Should().BeGreaterThan(1.8172);
        json.GetProperty("lifetimeFlops").ValueKind.Should().Be(JsonValueKind.Null, "without --inference-tokens it is null, never omitted");
    }

    [Fact]
    public void Hoffmann2022_unrounded_puts_Gophers_budget_near_40B_and_the_rounded_constants_near_32B()
    {
        // Hoffmann et al. 2022 §3.3 (Approach 3: ~40B at 5.76e23); FORMULAS.md §6 (rounded constants: ~32B).
        CliRunner.Json("optimal", "--flops", "5.76e23", "--law", "hoffmann2022-unrounded").GetProperty("params").GetDouble().Should().BeApproximately(40e9, 1e9);
        CliRunner.Json("optimal", "--flops", "5.76e23", "--law", "hoffmann2022").GetProperty("params").GetDouble().Should().BeApproximately(32.2e9, 0.5e9);
    }

    [Fact]
    public void Target_loss_gives_the_budget_whose_optimum_reaches_it()
    {
        var atBudget = CliRunner.Json("optimal", "--flops", "1e22");
        var inverse = CliRunner.Json("optimal", "--target-loss", atBudget.GetProperty("loss").GetDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        inverse.GetProperty("flops").GetDouble().Should().BeApproximately(1e22, 1e22 * 1e-9);
    }

    [Fact]
    public void Inference_tokens_add_lifetime_flops_and_shrink_the_model()
    {
        var plain = CliRunner.Json("optimal", "--flops", "1e24");
        var json = CliRunner.Json("optimal", "--flops", "1e24", "--inference-tokens", "1e13");
        json.GetProperty("lifetimeFlops").GetDouble().Should().BeApproximately(1e24, 1e24 * 1e-12);
        json.GetProperty("flops").GetDouble().Should().BeLessThan(1e24);
        json.GetProperty("params").GetDouble().Should().BeLessThan(plain.GetProperty("params").GetDouble());
        json.GetProperty("assumptions").GetProperty("inferenceTokens").GetDouble().Should().Be(1e13);
    }

    [Fact]
    public void The_data_constrained_law_repeats_scarce_unique_tokens()
    {
        var json = CliRunner.Json("optimal", "--flops", "1e23", "--law", "muennighoff2023", "--unique-tokens", "100B");
        json.GetProperty("tokens").GetDouble().Should().BeGreaterThan(100e9);
        json.GetProperty("assumptions").GetProperty("uniqueTokens").GetDouble().Should().Be(100e9);
    }

    [Fact]
    public void Table_output_shows_the_allocation()
    {
        var run = CliRunner.Run("optimal", "--flops", "5.76e23");
        run.ExitCode.Should().Be(0);
        run.Stdout.Should().Contain("tokens per param").And.Contain("FLOPs");
    }

    [Fact]
    public void A_target_at_or_below_the_irreducible_loss_is_one_line_saying_so()
        => CliRunner.ExpectInvalidInput("optimal", "--target-loss", "1.5")
            .Should().Contain("irreducible loss").And.Contain("1.8172");

    [Fact]
    public void Missing_unique_tokens_for_the_data_constrained_law_is_one_line()
        => CliRunner.ExpectInvalidInput("optimal", "--flops", "1e23", "--law", "muennighoff2023").Should().Contain("--unique-tokens");

    [Fact]
    public void An_unknown_law_lists_the_valid_ids()
        => CliRunner.ExpectInvalidInput("optimal", "--flops", "1e23", "--law", "gpt4").Should().Contain("hoffmann2022-unrounded");

    [Theory]
    [InlineData("--flops", "1e23", "--target-loss", "2.0")]
    [InlineData("--law", "hoffmann2022")]
    public void Exactly_one_of_flops_and_target_loss_is_required(params string[] args)
        => CliRunner.ExpectInvalidInput(["optimal", .. args]).Should().Contain("--flops").And.Contain("--target-loss");

    [Fact]
    public void A_negative_budget_is_rejected_naming_the_option()
        => CliRunner.ExpectInvalidInput("optimal", "--flops", "-1e23").Should().Contain("--flops");
}

public class OptimalAllocationRuleTests
{
    [Theory]
    [InlineData("hoffmann2022-approach1", 2.86e9, 0.005)]
    [InlineData("hoffmann2022-approach2", 2.82e9, 0.01)]
    public void A_published_frontier_gives_params_and_tokens_but_no_loss(string law, double expected, double tolerance)
    {
        var json = CliRunner.Json("optimal", "--flops", "1e21", "--law", law);
        (json.GetProperty("params").GetDouble() / expected).Should().BeApproximately(1.0, tolerance);
        json.GetProperty("tokens").GetDouble().Should().BeApproximately(1e21 / (6 * json.GetProperty("params").GetDouble()), 1);
        json.GetProperty("loss").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        json.GetProperty("assumptions").GetProperty("parameterBasis").GetString().Should().Contain("all parameters");
    }

    [Fact]
    public void Deepseek_reports_flops_per_token_and_the_implied_params()
    {
        var json = CliRunner.Json("optimal", "--flops", "1e24", "--law", "bi2024");
        var m = json.GetProperty("nonEmbeddingFlopsPerToken").GetDouble();
        json.GetProperty("params").GetDouble().Should().BeApproximately(m / 6, 1);
        json.GetProperty("assumptions").GetProperty("parameterBasis").GetString().Should().Contain("M/6");
    }

    [Fact]
    public void Llama_3_reproduces_its_16_55T_tokens()
        => (CliRunner.Json("optimal", "--flops", "3.8e25", "--law", "dubey2024").GetProperty("tokens").GetDouble() / 16.55e12).Should().BeApproximately(1.0, 0.029);

    [Theory]
    [InlineData("optimal", "--target-loss", "2", "--law", "dubey2024")]
    [InlineData("optimal", "--flops", "1e21", "--inference-tokens", "1e12", "--law", "bi2024")]
    [InlineData("loss", "--params", "7B", "--tokens", "1T", "--law", "hoffmann2022-approach1")]
    [InlineData("advise", "--law", "hoffmann2022-approach2")]
    public void Questions_that_need_a_loss_refuse_an_allocation_rule_clearly(params string[] args)
        => CliRunner.ExpectInvalidInput(args).Should().Contain("no loss");

    [Fact]
    public void List_laws_says_which_laws_give_a_loss_and_what_each_counts()
    {
        var rows = CliRunner.Json("list", "laws").GetProperty("laws").EnumerateArray().ToList();
        rows.Should().Contain(r => r.GetProperty("id").GetString() == "dubey2024" && !r.GetProperty("givesLoss").GetBoolean());
        rows.Should().Contain(r => r.GetProperty("id").GetString() == "besiroglu2024" && r.GetProperty("givesLoss").GetBoolean());
        rows.Should().OnlyContain(r => !string.IsNullOrWhiteSpace(r.GetProperty("parameterCounting").GetString()));
    }
}
