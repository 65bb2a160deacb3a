using ScalingAdvisor.Compute;
using ScalingAdvisor.Models;

namespace ScalingAdvisor.Tests.Compute;

// FLOPs per token by attention type: 2 FLOPs per multiply-add of the score (QKᵀ) and context (score·V) matmuls over the
// tokens a layer sees (Narayanan et al. 2021 §5.1), min(c, window) in a sliding-window layer; latent attention's widths
// unabsorbed or absorbed (DeepSeek-V2 §2.1.2).
public partial class TransformerFlopsTests
{
    private static TransformerShape Fixture(string repoId)
        => HuggingFaceConfig.LoadFile(Path.Combine(AppContext.BaseDirectory, "Models", "Fixtures", repoId.Replace("/", "--", StringComparison.Ordinal) + ".config.json"));

    [Fact]
    public void Sliding_window_layers_bound_the_attention_term()
    {
        // gpt-oss-20b at c = 32,768: a·d_h = 64·64 = 4,096 for scores and values; 12 global layers see 32,768 tokens and
        // 12 local ones 128: 2 · (12·32,768 + 12·128) · (4,096 + 4,096) FLOPs.
        var shape = Fixture("openai/gpt-oss-20b");
        var attention = AttentionDimensions.Of(shape);
        TransformerFlops.AttentionPerToken(attention, 32_768).Flops.Should().Be(2.0 * ((12 * 32_768) + (12 * 128)) * 8192);
        TransformerFlops.AttentionPerToken(attention, 64).Flops.Should().Be(4.0 * 24 * 64 * 4096);
    }

    [Fact]
    public void Latent_attention_scores_over_its_head_widths_unabsorbed_and_over_the_latent_absorbed()
    {
        // DeepSeek-V3, 128 heads, 61 layers, c = 4,096. Unabsorbed: scores over d_h^C + d_h^R = 192, values over d_h^V = 128
        // per head. Absorbed: scores over d_c + d_h^R = 576, values over d_c = 512 per head.
        var shape = Fixture("deepseek-ai/DeepSeek-V3");
        TransformerFlops.AttentionPerToken(AttentionDimensions.Of(shape), 4096).Flops
            .Should().Be(2.0 * 61 * 4096 * 128 * (192 + 128));
        TransformerFlops.AttentionPerToken(AttentionDimensions.Of(shape, LatentAttentionForm.Absorbed), 4096).Flops
            .Should().Be(2.0 * 61 * 4096 * 128 * (576 + 512));
    }

    [Fact]
    public void Matmul_flops_of_a_mixture_follow_its_active_parameters()
    {
        // DeepSeek-V3: the matmuls one token passes through are the active parameters less the input embedding (a lookup),
        // the norms and the router's bias (additions); the output head is a matmul.
        var shape = Fixture("deepseek-ai/DeepSeek-V3");
        var counts = shape.CountParameters();
        double matmul = counts.Active.Count - counts.Breakdown.Embedding.Count - counts.Breakdown.Norms.Count - (58 * 256);
        double attention = TransformerFlops.AttentionPerToken(AttentionDimensions.Of(shape), 1).Flops;
        TransformerFlops.ForwardPerToken(shape, 1).Flops.Should().Be((2.0 * matmul) + attention);
    }

    [Fact]
    public void Standard_attention_still_costs_four_L_c_a_dh()
    {
        var shape = Preset("llama-2-7b");
        TransformerFlops.AttentionPerToken(AttentionDimensions.Of(shape), 2048).Flops.Should().Be(4.0 * 32 * 2048 * 4096);
    }
}
