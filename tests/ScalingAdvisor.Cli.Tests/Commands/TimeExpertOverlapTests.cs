namespace ScalingAdvisor.Cli.Tests.Commands;

/// <summary><c>time --predict-mfu --ep-overlap</c>: Megatron-Core's EP A2A overlap as a layout input (issue 18).</summary>
public class TimeExpertOverlapTests
{
    // Qwen3-30B-A3B with its 128 experts over 64 H100 (8 nodes) and a 12 GB/s network: the all-to-all crosses nodes.
    private static readonly string[] Layout =
    [
        "time", "--model", "qwen3-30b-a3b", "--tokens", "1T", "--hardware", "h100-sxm", "--gpus", "64", "--ep", "64",
        "--global-batch", "512", "--seq-len", "4096", "--recompute", "none", "--precision", "fp8", "--network-bandwidth", "12", "--predict-mfu",
    ];

    [Fact]
    public void The_overlap_is_off_by_default_and_reported()
    {
        var json = CliRunner.Json(Layout);
        json.GetProperty("assumptions").GetProperty("epOverlap").GetBoolean().Should().BeFalse();
        json.GetProperty("breakdown").GetProperty("expertParallelSeconds").GetDouble().Should().BeGreaterThan(0);
    }

    [Fact]
    public void With_ep_overlap_less_of_the_all_to_all_is_exposed_and_the_mfu_rises()
    {
        var off = CliRunner.Json(Layout);
        var on = CliRunner.Json([.. Layout, "--ep-overlap"]);
        on.GetProperty("assumptions").GetProperty("epOverlap").GetBoolean().Should().BeTrue();
        on.GetProperty("breakdown").GetProperty("expertParallelSeconds").GetDouble()
            .Should().BeLessThan(off.GetProperty("breakdown").GetProperty("expertParallelSeconds").GetDouble());
        on.GetProperty("predictedMfu").GetDouble().Should().BeGreaterThan(off.GetProperty("predictedMfu").GetDouble());
    }

    [Fact]
    public void Expert_parallelism_on_a_dense_model_is_refused_as_dense_not_as_an_indivisible_expert_count()
        => CliRunner.ExpectInvalidInput("time", "--model", "llama-2-7b", "--tokens", "1T", "--hardware", "h100-sxm", "--gpus", "16", "--ep", "8",
            "--global-batch", "256", "--predict-mfu").Should().Contain("expert parallel 8").And.Contain("mixture-of-experts");

    [Fact]
    public void Without_predict_mfu_ep_overlap_is_refused()
        => CliRunner.ExpectInvalidInput("time", "--model", "qwen3-30b-a3b", "--tokens", "1T", "--hardware", "h100-sxm", "--ep-overlap").Should().Contain("--ep-overlap");
}
