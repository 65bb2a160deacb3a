namespace ScalingAdvisor.Cli.Tests.Commands;

public class TimeSearchLayoutTests
{
    [Fact]
    public void Search_layout_reports_the_best_layouts_and_fills_the_prediction_from_the_best()
    {
        var json = CliRunner.Json("time", "--model", "llama-2-70b", "--tokens", "2T", "--hardware", "h100-sxm", "--gpus", "64",
            "--global-batch", "512", "--predict-mfu", "--search-layout");
        var layouts = json.GetProperty("layoutSearch").GetProperty("layouts").EnumerateArray().ToList();
        layouts.Should().NotBeEmpty();
        layouts[0].GetProperty("predictedMfu").GetDouble().Should().Be(json.GetProperty("predictedMfu").GetDouble());
        layouts[0].GetProperty("whyLoses").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        layouts.Should().Contain(l => !l.GetProperty("fits").GetBoolean(), "the fastest layout that does not fit is listed last");
    }

    [Fact]
    public void Search_layout_with_a_layout_option_is_refused()
        => CliRunner.ExpectInvalidInput("time", "--model", "llama-2-70b", "--tokens", "2T", "--hardware", "h100-sxm", "--gpus", "64",
            "--global-batch", "512", "--predict-mfu", "--search-layout", "--tp", "8").Should().Contain("--tp");
}
