namespace ScalingAdvisor.Cli.Tests.Commands;

/// <summary>Issue 18: <c>advise</c> predicts each budget's MFU unless one is given, as <c>levers</c> does its baseline's.</summary>
public class AdvisePredictedMfuTests
{
    [Fact]
    public void Without_mfu_each_budget_uses_the_predicted_mfu_and_says_so()
    {
        var json = CliRunner.Json("advise");
        var assumptions = json.GetProperty("assumptions");
        assumptions.GetProperty("mfuSource").GetString().Should().StartWith("predicted per budget by the step-time model").And.EndWith("--mfu overrides");
        double recommended = json.GetProperty("recommendation").GetProperty("mfu").GetDouble();
        assumptions.GetProperty("mfu").GetDouble().Should().Be(recommended).And.NotBe(0.4);
        json.GetProperty("frontier").EnumerateArray().Select(p => p.GetProperty("mfu").GetDouble()).Distinct().Should().HaveCountGreaterThan(5);
    }

    [Fact]
    public void A_given_mfu_prices_every_budget_at_that_flat_value()
    {
        var json = CliRunner.Json("advise", "--mfu", "0.4");
        json.GetProperty("assumptions").GetProperty("mfuSource").GetString().Should().Be("given (--mfu)");
        json.GetProperty("frontier").EnumerateArray().Should().OnlyContain(p => p.GetProperty("mfu").GetDouble() == 0.4);
    }

    [Fact]
    public void An_achieved_rate_is_not_overridden_by_the_prediction()
    {
        var json = CliRunner.Json("advise", "--achieved-tflops", "400");
        json.GetProperty("assumptions").GetProperty("mfuSource").GetString().Should().Be("derived from --achieved-tflops");
        json.GetProperty("frontier").EnumerateArray().Select(p => p.GetProperty("mfu").GetDouble()).Distinct().Should().ContainSingle();
    }

    [Fact]
    public void A_mixture_of_experts_law_reports_the_expert_parallel_degree_of_the_recommendation()
    {
        var moe = CliRunner.Json(["advise", "--law", "krajewski2024", "--gpus", "1024", "--max-days", "30"]).GetProperty("assumptions");
        moe.GetProperty("ep").GetInt32().Should().BeGreaterThan(1);
        moe.GetProperty("epRule").GetString().Should().Contain("fastest by the step-time model");

        var dense = CliRunner.Json(["advise", "--gpus", "1024", "--max-days", "30"]).GetProperty("assumptions");
        dense.GetProperty("ep").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        dense.GetProperty("epRule").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
    }
}
