namespace ScalingAdvisor.Cli.Tests.Commands;

public class LeversPredictedMfuTests
{
    [Fact]
    public void Without_mfu_the_baseline_MFU_is_predicted_and_says_so()
    {
        var assumptions = CliRunner.Json("levers", "--model", "llama-2-7b", "--hardware", "h100-sxm", "--gpus", "8").GetProperty("assumptions");
        assumptions.GetProperty("mfuSource").GetString().Should().StartWith("predicted by the step-time model");
        assumptions.GetProperty("mfu").GetDouble().Should().BeInRange(0.3, 0.8).And.NotBe(0.4);
    }

    [Fact]
    public void A_given_mfu_still_overrides_the_prediction()
    {
        var assumptions = CliRunner.Json("levers", "--model", "llama-2-7b", "--hardware", "h100-sxm", "--gpus", "8", "--mfu", "0.4").GetProperty("assumptions");
        assumptions.GetProperty("mfuSource").GetString().Should().Be("given (--mfu)");
        assumptions.GetProperty("mfu").GetDouble().Should().Be(0.4);
    }
}
