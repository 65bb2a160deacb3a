using ScalingAdvisor.Memory;
using ScalingAdvisor.Models;

namespace ScalingAdvisor.Tests.Memory;

public class LinearLayersTests
{
    private static TransformerShape Fixture(string repoId)
        => HuggingFaceConfig.LoadFile(Path.Combine(AppContext.BaseDirectory, "Models", "Fixtures", repoId.Replace("/", "--", StringComparison.Ordinal) + ".config.json"));

    [Theory]
    [InlineData("deepseek-ai/DeepSeek-V3")]
    [InlineData("deepseek-ai/DeepSeek-V2-Lite")]
    [InlineData("meta-llama/Llama-4-Scout-17B-16E")]
    [InlineData("Qwen/Qwen3-30B-A3B")]
    public void The_matrices_LoRA_can_adapt_are_the_weights_the_counter_counts(string repoId)
    {
        // Before issue 16 the list assumed q/k/v/o projections and one FFN width: wrong for latent attention, dense
        // layers and shared experts. Its weights must equal the counted attention and feed-forward weights (no biases here).
        var shape = Fixture(repoId);
        var breakdown = shape.CountParameters().Breakdown;
        double weights = LinearLayers.Of(shape).Sum(layer => (double)layer.WeightsPerMatrix * layer.Count);
        weights.Should().Be(breakdown.Attention.Count + breakdown.FeedForward.Count);
    }
}
