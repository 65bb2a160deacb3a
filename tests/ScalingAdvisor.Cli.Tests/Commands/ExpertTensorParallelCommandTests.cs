namespace ScalingAdvisor.Cli.Tests.Commands;

/// <summary>
/// <c>--etp</c> on <c>memory train</c> and <c>time</c> (issue 18 leftover): the expert tensor-parallel degree of
/// Megatron-Core MoE parallel folding, so recipes with ETP 1 and EP spanning TP × DP are entered as published.
/// </summary>
public class ExpertTensorParallelCommandTests
{
    // Megatron-Bridge deepseek_v3_pretrain_config_32nodes: 256 H100, TP 2, PP 8, EP 32, ETP 1, full recomputation.
    private static readonly string[] Recipe = ["--model", "deepseek-v3", "--gpus", "256", "--tp", "2", "--pp", "8", "--recompute", "full"];

    [Fact]
    public void Memory_train_takes_the_32_node_DeepSeek_V3_recipe_as_published()
    {
        var folded = CliRunner.Json(["memory", "train", .. Recipe, "--ep", "32", "--etp", "1", "--hardware", "h100-sxm"]);
        folded.GetProperty("assumptions").GetProperty("ep").GetInt32().Should().Be(32);
        folded.GetProperty("assumptions").GetProperty("etp").GetInt32().Should().Be(1);

        // The same per-GPU expert shard (1/32 of a stage's experts, one expert-data-parallel rank) as t_e = t = 2, e = 16.
        var equivalent = CliRunner.Json(["memory", "train", .. Recipe, "--ep", "16", "--hardware", "h100-sxm"]);
        folded.GetProperty("perGpu").GetProperty("totalBytes").GetDouble().Should().Be(equivalent.GetProperty("perGpu").GetProperty("totalBytes").GetDouble());
        equivalent.GetProperty("assumptions").GetProperty("etp").GetInt32().Should().Be(2, "the default is --tp");
    }

    [Fact]
    public void Memory_train_refuses_in_one_line_naming_the_options()
    {
        CliRunner.ExpectInvalidInput(["memory", "train", .. Recipe, "--ep", "32"]).Should().Contain("--ep (32)").And.Contain("--etp");
        CliRunner.ExpectInvalidInput(["memory", "train", .. Recipe, "--ep", "64", "--etp", "1"]).Should().Contain("--ep × --etp (64 × 1)");
        CliRunner.ExpectInvalidInput(["memory", "train", .. Recipe, "--ep", "8", "--etp", "3"]).Should().Contain("--etp (3)");
    }

    [Fact]
    public void Time_predicts_the_recipe_and_refuses_what_does_not_fold()
    {
        string[] time = ["time", .. Recipe, "--tokens", "14.8T", "--hardware", "h100-sxm", "--global-batch", "8192", "--predict-mfu"];
        var json = CliRunner.Json([.. time, "--ep", "32", "--etp", "1"]);
        json.GetProperty("predictedMfu").GetDouble().Should().BeInRange(0.01, 0.9);
        json.GetProperty("assumptions").GetProperty("etp").GetInt32().Should().Be(1);

        CliRunner.ExpectInvalidInput([.. time, "--ep", "64", "--etp", "1"]).Should().Contain("--ep × --etp (64 × 1)");
        CliRunner.ExpectInvalidInput([.. time, "--ep", "8", "--etp", "3"]).Should().Contain("--etp (3)");
        CliRunner.ExpectInvalidInput(["time", "--model", "deepseek-v3", "--tokens", "14.8T", "--hardware", "h100-sxm", "--etp", "1"]).Should().Contain("--etp").And.Contain("--predict-mfu");
    }
}
