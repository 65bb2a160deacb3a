using ScalingAdvisor.Models;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Compute;

/// <summary>
/// Training and inference FLOPs of transformers (FORMULAS.md §2). Two tiers: the 6·N·D rule of thumb for when only
/// a parameter count is known, and a shape-aware count of matrix multiplications plus attention.
/// </summary>
/// <remarks>
/// <para>The shape-aware count follows Narayanan et al. 2021 (Efficient Large-Scale Language Model Training on GPU
/// Clusters Using Megatron-LM, §5.1 and eq. 3) and Chowdhery et al. 2022 (PaLM, App. B): only matrix multiplications
/// are counted, at 2 FLOPs per multiply-add. Per token and layer the forward pass costs 2·(weights of the attention
/// and of the k active experts' FFN, plus the router) + 4·s·a·d_h for the score (QKᵀ) and context (score·V) matmuls
/// over a sequence of s tokens; the logits add 2·d·V per token. The backward pass costs twice the forward
/// (Kaplan et al. 2020 §2.1). For a GPT block (a·d_h = d, f = 4·d, plain FFN) this is exactly Megatron's
/// 72·B·s·L·d²·(1 + s/(6·d) + V/(12·L·d)) per iteration, and 96·B·s·L·d²·(1 + s/(6·d) + V/(16·L·d)) with full
/// recomputation.</para>
/// <para>Attention is counted over the full sequence (no halving for the causal mask), as Megatron and PaLM do;
/// Kaplan et al. (2020) Table 1 count 2·L·n_ctx·d_attn per token, half of this.</para>
/// <para>Embedding lookups, norms, biases, softmax and activations are not matmuls and are left out; they are
/// well under 1% for large models (Kaplan Table 1; Hoffmann et al. 2022 App. F).</para>
/// </remarks>
public static class TransformerFlops
{
    /// <summary>The 6·N·D rule and its source, for reports (<see cref="TrainingSixND"/>).</summary>
    public const string SixNDFormula = "6·N·D (Kaplan et al. 2020 §2.1)";

    /// <summary>
    /// Training FLOPs by the rule C ≈ 6·N·D (Kaplan et al. 2020 §2.1: forward 2·N per token, backward twice that).
    /// Reproduces GPT-3 175B on 300B tokens: 3.14e23 FLOPs (Brown et al. 2020, Table D.1).
    /// For a mixture of experts pass the active parameters (compute follows active parameters).
    /// </summary>
    /// <param name="parameters">N, the (active) parameters; must be &gt; 0.</param>
    /// <param name="tokens">D, the training tokens; must be &gt; 0.</param>
    /// <returns>6·N·D.</returns>
    /// <exception cref="ArgumentOutOfRangeException">N or D is zero, or the product overflows.</exception>
    public static FlopCount TrainingSixND(ParameterCount parameters, TokenCount tokens)
    {
        double n = Preconditions.Positive(parameters.Count, nameof(parameters));
        double d = Preconditions.Positive(tokens.Count, nameof(tokens));
        return FlopCount.FromFlops(Preconditions.FiniteResult(6.0 * n * d, nameof(tokens), d));
    }

    /// <summary>
    /// Forward FLOPs per token from a parameter count alone: 2·N (Kaplan et al. 2020 §2.1), attention omitted.
    /// </summary>
    /// <param name="parameters">N, the (active) parameters; must be &gt; 0.</param>
    /// <returns>2·N.</returns>
    /// <exception cref="ArgumentOutOfRangeException">N is zero.</exception>
    public static FlopCount ForwardPerToken(ParameterCount parameters)
        => FlopCount.FromFlops(Preconditions.FiniteResult(2.0 * Preconditions.Positive(parameters.Count, nameof(parameters)), nameof(parameters), parameters.Count));

    /// <summary>
    /// Forward FLOPs per token of a shape with <paramref name="contextLength"/> tokens in view: 2·N_matmul +
    /// 4·L·c·a·d_h (Narayanan et al. 2021 eq. 3 divided by B·s and by 3; Kaplan et al. 2020 Table 1). N_matmul counts the
    /// attention projections, the k active experts and the router of every layer and the V·d output projection.
    /// Used for a training sequence (c = s) and for generating a token after c cached ones. Sliding-window layers attend to
    /// min(c, window) tokens; latent attention's score and value widths follow <paramref name="form"/>
    /// (<see cref="AttentionDimensions.Of"/>).
    /// </summary>
    /// <param name="shape">The model.</param>
    /// <param name="contextLength">c, the tokens attended to; ≥ 1.</param>
    /// <param name="form">How latent attention is computed: unabsorbed (training, prefill) or absorbed (decoding).</param>
    /// <returns>The forward FLOPs of one token.</returns>
    /// <exception cref="ArgumentException">The shape is inconsistent.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="contextLength"/> is below 1.</exception>
    public static FlopCount ForwardPerToken(TransformerShape shape, int contextLength, LatentAttentionForm form = LatentAttentionForm.Unabsorbed)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var attention = AttentionDimensions.Of(shape.ValidateAs(nameof(shape)), form);
        Preconditions.PositiveInt(contextLength);
        return FlopCount.FromFlops(2.0 * MatmulParameters(shape) + AttentionScoreFlopsPerToken(attention, contextLength));
    }

    /// <summary>
    /// Attention score (QKᵀ) and context (score·V) FLOPs of one token that attends to <paramref name="contextTokens"/>
    /// tokens: 4·L·c·a·d_h (Narayanan et al. 2021 §5.1, 2 FLOPs per multiply-add of two c·a·d_h matmuls per layer),
    /// the term <see cref="ForwardPerToken(TransformerShape, int, LatentAttentionForm)"/> and <see cref="TrainingDetailed"/> add.
    /// In general 2·c_l·(score width + value width) summed over layers, c_l = min(c, window) in a sliding-window layer.
    /// </summary>
    /// <param name="attention">L and a·d_h.</param>
    /// <param name="contextTokens">c, the tokens attended to; ≥ 0.</param>
    /// <returns>The attention FLOPs of one token.</returns>
    /// <exception cref="ArgumentOutOfRangeException">c is negative, or the result overflows.</exception>
    public static FlopCount AttentionPerToken(AttentionDimensions attention, int contextTokens)
    {
        ArgumentNullException.ThrowIfNull(attention);
        Preconditions.NonNegativeInt(contextTokens);
        return FlopCount.FromFlops(Preconditions.FiniteResult(
            AttentionScoreFlopsPerToken(attention, contextTokens), nameof(contextTokens), contextTokens));
    }

    /// <summary>
    /// Prefill (forward) FLOPs of a prompt of P tokens: P·(2·N + 4·L·P·a·d_h). Every prompt token costs 2·N in its matmuls
    /// (Kaplan et al. 2020 §2.1) and attends to the whole prompt, counted as <see cref="AttentionPerToken"/> counts it:
    /// over all P tokens, without halving for the causal mask (Narayanan et al. 2021 §5.1; PaLM App. B). At P = 4096 this
    /// is 14.8% more than 2·N·P for Mistral 7B (N = 7,241,732,096, L = 32, a·d_h = 4096).
    /// </summary>
    /// <param name="parameters">N, the (active) parameters; must be &gt; 0.</param>
    /// <param name="attention">L and a·d_h.</param>
    /// <param name="promptTokens">P, the prompt's tokens; ≥ 0.</param>
    /// <returns>The prefill FLOPs of the whole prompt.</returns>
    /// <exception cref="ArgumentOutOfRangeException">N is zero, P is negative, or the result overflows.</exception>
    public static FlopCount Prefill(ParameterCount parameters, AttentionDimensions attention, int promptTokens)
        => FlopCount.FromFlops(Preconditions.FiniteResult(
            PrefillPerToken(parameters, attention, promptTokens).Flops * promptTokens, nameof(promptTokens), promptTokens));

    /// <summary>
    /// <see cref="Prefill"/> per prompt token: 2·N + 4·L·P·a·d_h; 2·N for an empty prompt.
    /// </summary>
    /// <param name="parameters">N, the (active) parameters; must be &gt; 0.</param>
    /// <param name="attention">L and a·d_h.</param>
    /// <param name="promptTokens">P, the prompt's tokens; ≥ 0.</param>
    /// <returns>The prefill FLOPs of one prompt token.</returns>
    /// <exception cref="ArgumentOutOfRangeException">N is zero, P is negative, or the result overflows.</exception>
    public static FlopCount PrefillPerToken(ParameterCount parameters, AttentionDimensions attention, int promptTokens)
    {
        ArgumentNullException.ThrowIfNull(attention);
        Preconditions.NonNegativeInt(promptTokens);
        double forward = ForwardPerToken(parameters).Flops;
        double attend = AttentionScoreFlopsPerToken(attention, promptTokens);
        return FlopCount.FromFlops(Preconditions.FiniteResult(forward + attend, nameof(promptTokens), promptTokens));
    }

    /// <summary>
    /// Training FLOPs counted in detail: 3·(forward per token at sequence length s)·D, plus one more forward pass of the
    /// layers with full recomputation, or of the attention score and context matmuls with selective recomputation
    /// (Narayanan et al. 2021 eq. 3; Korthikanti et al. 2022 §4.2.2). These are hardware FLOPs: model FLOPs
    /// utilisation (Chowdhery et al. 2022 App. B) counts the <see cref="ActivationRecomputation.None"/> value.
    /// </summary>
    /// <param name="shape">The model.</param>
    /// <param name="tokens">D, the training tokens; must be &gt; 0.</param>
    /// <param name="sequenceLength">s, the training sequence length; ≥ 1.</param>
    /// <param name="recomputation">What is recomputed in the backward pass.</param>
    /// <returns>The training FLOPs.</returns>
    /// <exception cref="ArgumentException">The shape is inconsistent.</exception>
    /// <exception cref="ArgumentOutOfRangeException">D is zero, s is below 1, or the result overflows.</exception>
    public static FlopCount TrainingDetailed(
        TransformerShape shape, TokenCount tokens, int sequenceLength, ActivationRecomputation recomputation = ActivationRecomputation.None)
    {
        ArgumentNullException.ThrowIfNull(shape);
        shape.ValidateAs(nameof(shape));
        double d = Preconditions.Positive(tokens.Count, nameof(tokens));
        Preconditions.PositiveInt(sequenceLength);
        if (!Enum.IsDefined(recomputation))
        {
            throw new ArgumentOutOfRangeException(nameof(recomputation), recomputation, "Unknown recomputation mode.");
        }

        double layerMatmuls = 2.0 * LayerMatmulParameters(shape);
        double logits = 2.0 * OutputProjectionParameters(shape);
        double attention = AttentionScoreFlopsPerToken(AttentionDimensions.Of(shape), sequenceLength);
        double forward = layerMatmuls + logits + attention;
        double extra = recomputation switch
        {
            ActivationRecomputation.Full => layerMatmuls + attention,
            ActivationRecomputation.Selective => attention,
            _ => 0,
        };
        return FlopCount.FromFlops(Preconditions.FiniteResult(((3.0 * forward) + extra) * d, nameof(tokens), d));
    }

    /// <summary>The weights that take part in matrix multiplications per token (active experts only), logits included.</summary>
    internal static double MatmulParameters(TransformerShape shape) => LayerMatmulParameters(shape) + OutputProjectionParameters(shape);

    private static double LayerMatmulParameters(TransformerShape shape)
    {
        // Dense and expert layers differ in their feed-forward block; the embedding projections of a narrower embedding
        // (OPT-350M) are matmuls too.
        double attention = ParameterCounter.AttentionWeightsPerLayer(shape);
        double dense = shape.DenseLayers * (attention + ParameterCounter.FeedForwardMatmulWeightsPerLayer(shape, false));
        double experts = shape.ExpertLayers * (attention + ParameterCounter.FeedForwardMatmulWeightsPerLayer(shape, true));
        return dense + experts + ParameterCounter.EmbeddingProjectionWeights(shape);
    }

    // The output projection is a V·e matmul whether or not its matrix is tied to the embedding.
    private static double OutputProjectionParameters(TransformerShape shape) => (double)shape.VocabularySize * shape.EmbeddingWidth;

    // QKᵀ and score·V: 2 FLOPs per multiply-add, c·(score width) and c·(value width) multiply-adds per layer
    // (Narayanan et al. 2021 §5.1: 4·c·a·d_h when both are a·d_h); a sliding-window layer sees min(c, window) tokens.
    // The one place the attention term is written; every count above goes through it.
    private static double AttentionScoreFlopsPerToken(AttentionDimensions attention, double contextLength)
    {
        double local = attention.SlidingWindowLayers;
        double seen = ((attention.Layers - local) * contextLength)
            + (local == 0 ? 0 : local * Math.Min(contextLength, attention.SlidingWindow!.Value));
        return 2.0 * seen * (attention.AttentionWidth + attention.ValueWidth);
    }
}
