using System.Text.Json;
using ScalingAdvisor.Compute;
using ScalingAdvisor.Memory;

namespace ScalingAdvisor.Cli.Tests.Infrastructure;

/// <summary>
/// Issue 13 (leftover): no option is silently ignored (<c>--seq-len</c> with a preset in commands that use no training
/// sequence), and one default per concept (ZeRO stage, sequence parallelism, throughput's context) across commands.
/// </summary>
public class OptionsThatMatterTests
{
    [Theory]
    [InlineData("time", "--model", "llama-2-7b", "--tokens", "1T", "--hardware", "h100-sxm")]
    [InlineData("loss", "--model", "llama-2-7b", "--tokens", "1T")]
    [InlineData("optimal", "--model", "llama-2-7b", "--flops", "1e23")]
    [InlineData("throughput", "--model", "llama-2-7b", "--hardware", "h100-sxm")]
    [InlineData("params", "--model", "llama-2-7b")]
    [InlineData("memory", "infer", "--model", "llama-2-7b")]
    public void Seq_len_with_a_preset_is_refused_where_no_training_sequence_is_used(params string[] args)
    {
        string error = CliRunner.ExpectInvalidInput([.. args, "--seq-len", "2048"]);
        error.Should().Contain("--seq-len").And.Contain("no effect");
        error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(1);
    }

    [Fact]
    public void Seq_len_still_changes_the_commands_that_train()
    {
        double Flops(string seqLen) => CliRunner.Json("flops", "--model", "llama-2-7b", "--tokens", "1T", "--seq-len", seqLen).GetProperty("trainingFlops").GetDouble();
        Flops("2048").Should().BeLessThan(Flops("4096"));
    }

    [Fact]
    public void Memory_train_and_levers_share_the_library_default_ZeRO_stage()
    {
        CliRunner.Json("memory", "train", "--model", "llama-2-7b").GetProperty("assumptions").GetProperty("zeroStage").GetInt32()
            .Should().Be(TrainingDefaults.ZeroStage);
        CliRunner.Json("levers", "--model", "llama-2-7b").GetProperty("assumptions").GetProperty("zeroStage").GetInt32()
            .Should().Be(TrainingDefaults.ZeroStage);
    }

    [Fact]
    public void Memory_train_uses_sequence_parallelism_with_tensor_parallelism_by_default_and_can_turn_it_off()
    {
        JsonElement Run(params string[] extra) => CliRunner.Json(["memory", "train", "--model", "llama-2-7b", "--tp", "8", .. extra]);
        double Activations(JsonElement json) => json.GetProperty("perGpu").GetProperty("activationsBytes").GetDouble();

        var byDefault = Run();
        byDefault.GetProperty("assumptions").GetProperty("sequenceParallel").GetBoolean().Should().Be(TrainingDefaults.SequenceParallel);
        Activations(byDefault).Should().Be(Activations(Run("--sequence-parallel", "true")));
        Activations(Run("--sequence-parallel", "false")).Should().BeGreaterThan(Activations(byDefault));
        CliRunner.Run("memory", "train", "--help").Stdout.Should().Contain("--sequence-parallel false");
    }

    [Fact]
    public void Throughput_assumes_the_typical_context_not_the_full_window_and_says_so()
    {
        var json = CliRunner.Json("throughput", "--model", "llama-3.1-405b", "--hardware", "h200");
        json.GetProperty("assumptions").GetProperty("contextTokens").GetInt32().Should().Be(InferenceSetup.TypicalContextLength);
        CliRunner.Json("throughput", "--model", "gpt2", "--hardware", "h200").GetProperty("assumptions").GetProperty("contextTokens").GetInt32()
            .Should().Be(1024, "GPT-2's window is shorter than the typical context");
    }
}
