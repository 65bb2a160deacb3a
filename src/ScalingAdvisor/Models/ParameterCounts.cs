using ScalingAdvisor.Units;

namespace ScalingAdvisor.Models;

/// <summary>The exact parameter count of a <see cref="TransformerShape"/>, with its breakdown.</summary>
/// <param name="Shape">The shape that was counted.</param>
/// <param name="Breakdown">Where the parameters sit.</param>
/// <param name="Total">All parameters (what a checkpoint stores).</param>
/// <param name="NonEmbedding">
/// Kaplan et al. (2020) N: all parameters "excluding all vocabulary and positional embeddings" (§1.1, §2.1). The token
/// embedding and a learned position table are excluded; an untied unembedding is a vocabulary matrix too and is
/// also excluded (Kaplan's models tie it, so the paper's N and this one agree for them).
/// </param>
/// <param name="Active">
/// The parameters one token passes through: for a mixture of experts, the total less the (E − k) experts a token
/// skips in each layer (Fedus et al. 2022; Jiang et al. 2024, Mixtral: 47B total, 13B active). Equals
/// <see cref="Total"/> for a dense model.
/// </param>
/// <param name="ActiveNonEmbedding">The active parameters, counted as <see cref="NonEmbedding"/> counts.</param>
public sealed record ParameterCounts(
    TransformerShape Shape,
    ParameterBreakdown Breakdown,
    ParameterCount Total,
    ParameterCount NonEmbedding,
    ParameterCount Active,
    ParameterCount ActiveNonEmbedding)
{
    /// <summary>
    /// The multi-token-prediction modules (DeepSeek-V3 §2.2), reported apart: not in <see cref="Total"/> or <see cref="Active"/>,
    /// which count the model inference without speculative decoding loads. Zero when the shape has none.
    /// </summary>
    public ParameterCount MultiTokenPrediction { get; init; }

    /// <summary>What <see cref="NonEmbedding"/> counts, in a sentence, for reports.</summary>
    public const string NonEmbeddingRule = "Kaplan et al. 2020 N: excludes the token embedding, an untied unembedding and learned positions";
}
