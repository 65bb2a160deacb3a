using ScalingAdvisor.Units;

namespace ScalingAdvisor.Models;

/// <summary>
/// Exact parameter counts of decoder-only transformers (FORMULAS.md §1). Reproduces the released checkpoints of
/// GPT-2 (124,439,808), Llama-2-7B (6,738,415,616), Llama-3-8B (8,030,261,248), Mixtral-8x7B (46,702,792,704) and others.
/// </summary>
public static class ParameterCounter
{
    /// <summary>
    /// Counts a shape's parameters exactly.
    /// Per layer: attention W_q d·(a·d_h), W_k and W_v d·(a_kv·d_h) each, W_o (a·d_h)·d; feed-forward 3·d·f gated
    /// (SwiGLU) or 2·d·f plain, times E experts; two norms (RMSNorm d, LayerNorm 2·d each); a router d·E for a
    /// mixture of experts; biases where <see cref="TransformerShape.Biases"/> says. Model: L·per-layer + token
    /// embedding V·d + unembedding V·d unless tied + learned positions n_ctx·d + final norm
    /// (Vaswani et al. 2017; Radford et al. 2019; Touvron et al. 2023; Jiang et al. 2024).
    /// </summary>
    /// <param name="shape">The shape to count.</param>
    /// <returns>Total, non-embedding and active counts with a breakdown.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="shape"/> is null.</exception>
    /// <exception cref="ArgumentException">The shape is inconsistent (see <see cref="TransformerShape.Validate"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The count overflows a 64-bit integer.</exception>
    public static ParameterCounts Count(TransformerShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        shape.ValidateAs(nameof(shape));
        try
        {
            return CountChecked(shape);
        }
        catch (OverflowException ex)
        {
            throw new ArgumentOutOfRangeException(nameof(shape), shape, "The parameter count of this shape overflows a 64-bit integer: " + ex.Message);
        }
    }

    /// <summary>
    /// Kaplan et al. (2020) §2.1 approximation of the non-embedding count, N ≈ 2·d·L·(2·d_attn + d_ff) = 12·L·d²
    /// for d_attn = d and d_ff = 4·d.
    /// </summary>
    /// <param name="layers">L, ≥ 1.</param>
    /// <param name="modelWidth">d, ≥ 1.</param>
    /// <returns>12·L·d².</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is below 1.</exception>
    public static ParameterCount KaplanApproximation(int layers, int modelWidth)
    {
        Preconditions.PositiveInt(layers);
        Preconditions.PositiveInt(modelWidth);
        return ParameterCount.FromCount(12.0 * layers * modelWidth * (double)modelWidth);
    }

    /// <summary>Weight matrices of one layer's attention (no biases): W_q, W_k, W_v, W_o, and W_{k,R} for relative positions.</summary>
    internal static long AttentionWeightsPerLayer(TransformerShape shape)
    {
        checked
        {
            long d = shape.ModelWidth;
            long weights = (d * shape.AttentionWidth * 2) + (d * shape.KeyValueWidth * 2);
            if (shape.Positions == PositionEncoding.Relative)
            {
                weights += d * shape.AttentionWidth;
            }

            return weights;
        }
    }

    /// <summary>Weight matrices of one expert's feed-forward block (no biases): 3·d·f gated, 2·d·f plain.</summary>
    internal static long FeedForwardWeightsPerExpert(TransformerShape shape)
        => checked((shape.GatedFeedForward ? 3L : 2L) * shape.ModelWidth * shape.FeedForwardWidth);

    private static ParameterCounts CountChecked(TransformerShape shape)
    {
        checked
        {
            long d = shape.ModelWidth;
            long f = shape.FeedForwardWidth;
            long layers = shape.Layers;
            long experts = shape.Experts;

            long attentionBiases = 0;
            if (shape.Biases.HasFlag(BiasTerms.QueryKeyValue))
            {
                attentionBiases += shape.AttentionWidth + (2 * shape.KeyValueWidth);
            }

            if (shape.Biases.HasFlag(BiasTerms.AttentionOutput))
            {
                attentionBiases += d;
            }

            long attentionPerLayer = AttentionWeightsPerLayer(shape) + attentionBiases;

            long ffnBiases = shape.Biases.HasFlag(BiasTerms.FeedForward)
                ? (shape.GatedFeedForward ? 2 * f : f) + d
                : 0;
            long ffnPerExpert = FeedForwardWeightsPerExpert(shape) + ffnBiases;

            long normSize = shape.Norm == NormKind.LayerNorm ? 2 * d : d;
            long routerPerLayer = shape.IsMixtureOfExperts ? d * experts : 0;

            long attention = layers * attentionPerLayer;
            long feedForward = layers * experts * ffnPerExpert;
            long norms = ((2 * layers) + 1) * normSize;
            long embedding = shape.VocabularySize * d;
            long unembedding = shape.TiedEmbeddings ? 0 : shape.VocabularySize * d;
            long positions = shape.Positions == PositionEncoding.Learned ? shape.ContextLength * d : 0;
            long router = layers * routerPerLayer;

            long total = attention + feedForward + norms + embedding + unembedding + positions + router;
            long nonEmbedding = total - embedding - unembedding - positions;
            long skipped = layers * (experts - shape.ActiveExperts) * ffnPerExpert;

            var breakdown = new ParameterBreakdown(
                Of(attention), Of(feedForward), Of(norms), Of(embedding), Of(unembedding), Of(positions), Of(router));
            return new ParameterCounts(shape, breakdown, Of(total), Of(nonEmbedding), Of(total - skipped), Of(nonEmbedding - skipped));
        }
    }

    private static ParameterCount Of(long count) => ParameterCount.FromCount(count);
}
