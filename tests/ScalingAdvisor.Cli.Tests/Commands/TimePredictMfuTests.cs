namespace ScalingAdvisor.Cli.Tests.Commands;

public class TimePredictMfuTests
{
    private static readonly string[] Contract =
    [
        "time", "--model", "llama-2-7b", "--tokens", "1T", "--hardware", "a100-80gb", "--gpus", "64", "--tp", "1", "--pp", "1",
        "--micro-batch", "1", "--global-batch", "512", "--seq-len", "4096", "--recompute", "selective", "--precision", "bf16", "--predict-mfu",
    ];

    [Fact]
    public void Predict_mfu_reports_the_contract_fields_with_a_breakdown_that_adds_up_to_the_step()
    {
        var json = CliRunner.Json(Contract);
        double mfu = json.GetProperty("predictedMfu").GetDouble();
        mfu.Should().BeInRange(0.2, 0.87, "below the A100's measured matmul ceiling (86.9%)");
        json.GetProperty("achievedFlopsPerSecondPerDevice").GetDouble().Should().BeApproximately(mfu * 312e12, 1e3);
        double step = json.GetProperty("stepSeconds").GetDouble();
        double sum = json.GetProperty("breakdown").EnumerateObject().Sum(part => part.Value.GetDouble());
        sum.Should().BeApproximately(step, 1e-9 * step);
        json.GetProperty("wallSeconds").GetDouble().Should().BeApproximately(1e12 / (512.0 * 4096) * step, 1e-3 * step);
        json.GetProperty("assumptions").GetProperty("mfuSource").GetString().Should().Contain("predicted");
        json.GetProperty("assumptions").GetProperty("dataParallel").GetInt32().Should().Be(64);
    }

    [Fact]
    public void Without_predict_mfu_the_prediction_fields_are_null()
    {
        var json = CliRunner.Json("time", "--model", "llama-2-7b", "--tokens", "1T", "--hardware", "a100-80gb", "--gpus", "64");
        json.GetProperty("predictedMfu").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        json.GetProperty("breakdown").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public void Predict_mfu_with_a_given_mfu_is_refused()
        => CliRunner.ExpectInvalidInput([.. Contract, "--mfu", "0.5"]).Should().Contain("--predict-mfu");

    [Fact]
    public void A_layout_option_without_predict_mfu_is_refused()
        => CliRunner.ExpectInvalidInput("time", "--params", "7B", "--tokens", "1T", "--hardware", "a100-80gb", "--tp", "2").Should().Contain("--tp");

    [Fact]
    public void A_layout_that_does_not_divide_the_batch_is_refused_naming_the_option()
        => CliRunner.ExpectInvalidInput([.. Contract[..^1], "--predict-mfu", "--micro-batch", "3"]).Should().Contain("batch");

    [Fact]
    public void Predict_mfu_without_a_shape_is_refused()
        => CliRunner.ExpectInvalidInput("time", "--params", "7B", "--tokens", "1T", "--hardware", "a100-80gb", "--global-batch", "512", "--predict-mfu")
            .Should().Contain("shape");

    [Fact]
    public void Tp_comm_overlap_hides_part_of_the_tensor_parallel_collectives_and_says_so()
    {
        // Megatron-Bridge's Llama 3 70B H100 layout (TP 4, PP 8, VP 5), whose recipe sets tp_comm_overlap.
        string[] layout =
        [
            "time", "--model", "llama-3-70b", "--tokens", "1T", "--hardware", "h100-sxm", "--gpus", "64", "--tp", "4", "--pp", "8",
            "--virtual-stages", "5", "--micro-batch", "1", "--global-batch", "128", "--seq-len", "8192", "--recompute", "none",
            "--precision", "fp8", "--predict-mfu",
        ];
        var inTurn = CliRunner.Json(layout);
        var overlapped = CliRunner.Json([.. layout, "--tp-comm-overlap"]);
        inTurn.GetProperty("assumptions").GetProperty("tpCommOverlap").GetBoolean().Should().BeFalse();
        overlapped.GetProperty("assumptions").GetProperty("tpCommOverlap").GetBoolean().Should().BeTrue();
        double exposed = inTurn.GetProperty("breakdown").GetProperty("tensorParallelSeconds").GetDouble();
        overlapped.GetProperty("breakdown").GetProperty("tensorParallelSeconds").GetDouble().Should().BeLessThan(exposed / 2);
        overlapped.GetProperty("predictedMfu").GetDouble().Should().BeGreaterThan(inTurn.GetProperty("predictedMfu").GetDouble());
    }

    [Fact]
    public void Tp_comm_overlap_without_predict_mfu_is_refused()
        => CliRunner.ExpectInvalidInput("time", "--params", "7B", "--tokens", "1T", "--hardware", "a100-80gb", "--tp-comm-overlap").Should().Contain("--tp-comm-overlap");
}
