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
    /// Used for a training sequence (c = s) and for generating a token after c cached ones.
    /// </summary>
    /// <param name="shape">The model.</param>
    /// <param name="contextLength">c, the tokens attended to; ≥ 1.</param>
    /// <returns>The forward FLOPs of one token.</returns>
    /// <exception cref="ArgumentException">The shape is inconsistent.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="contextLength"/> is below 1.</exception>
    public static FlopCount ForwardPerToken(TransformerShape shape, int contextLength)
    {
        ArgumentNullException.ThrowIfNull(shape);
        shape.ValidateAs(nameof(shape));
        Preconditions.PositiveInt(contextLength);
        return FlopCount.FromFlops(2.0 * MatmulParameters(shape) + AttentionScoreFlopsPerToken(shape, contextLength));
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
        double attention = AttentionScoreFlopsPerToken(shape, sequenceLength);
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
        double perLayer = ParameterCounter.AttentionWeightsPerLayer(shape)
            + ((double)shape.ActiveExperts * ParameterCounter.FeedForwardWeightsPerExpert(shape))
            + (shape.IsMixtureOfExperts ? (double)shape.ModelWidth * shape.Experts : 0);
        return shape.Layers * perLayer;
    }

    // The output projection is a V·d matmul whether or not its matrix is tied to the embedding.
    private static double OutputProjectionParameters(TransformerShape shape) => (double)shape.VocabularySize * shape.ModelWidth;

    // QKᵀ and score·V: 2 FLOPs per multiply-add, c·a·d_h multiply-adds each, per layer (Narayanan et al. 2021 §5.1).
    private static double AttentionScoreFlopsPerToken(TransformerShape shape, int contextLength)
        => 4.0 * shape.Layers * contextLength * (double)shape.AttentionWidth;
}
