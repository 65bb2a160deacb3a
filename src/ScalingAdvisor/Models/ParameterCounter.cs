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
    /// Per layer: attention W_q d·(a·d_h), W_k and W_v d·(a_kv·d_h) each, W_o (a·d_h)·d, or the latent projections of
    /// <see cref="LatentAttention"/> (DeepSeek-V2 §2.1); a sink logit per head with <see cref="TransformerShape.AttentionSinks"/>;
    /// norms by <see cref="TransformerShape.NormPlacement"/> (2, 4 for sandwich, 1 for a shared parallel norm; RMSNorm d,
    /// LayerNorm 2·d each) and QK-norms; the feed-forward block: 3·d·f gated (SwiGLU) or 2·d·f plain in a dense layer, and in a
    /// mixture-of-experts layer E routed experts of width w and the shared experts, a router d·E (+ E with a router bias,
    /// + d for a shared-expert gate); biases where <see cref="TransformerShape.Biases"/> says. Model: the layers + token
    /// embedding V·e + unembedding V·e unless tied + projections 2·d·e when e ≠ d + learned positions (n_ctx + offset)·d +
    /// an embedding norm + the final norm (Vaswani et al. 2017; Radford et al. 2019; Touvron et al. 2023; Jiang et al. 2024;
    /// DeepSeek-AI 2024). Multi-token-prediction modules are counted apart (<see cref="ParameterCounts.MultiTokenPrediction"/>).
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

    /// <summary>
    /// Weight matrices of one layer's attention (no biases): W_q, W_k, W_v, W_o, and W_{k,R} for relative positions; with
    /// latent attention the down- and up-projections of DeepSeek-V2 §2.1 (see <see cref="LatentAttention"/>).
    /// </summary>
    internal static long AttentionWeightsPerLayer(TransformerShape shape)
    {
        checked
        {
            long d = shape.ModelWidth;
            if (shape.LatentAttention is { } mla)
            {
                long heads = shape.Heads;
                long queryWidth = heads * mla.QueryKeyHeadWidth;
                long query = mla.QueryLatentRank is int rank ? (d * rank) + (rank * queryWidth) : d * queryWidth;
                long keyValue = (d * mla.CachedElementsPerToken) + ((long)mla.KeyValueLatentRank * heads * (mla.NonRotaryHeadWidth + mla.ValueHeadWidth));
                return query + keyValue + (shape.ValueOutputWidth * d);
            }

            long weights = (d * shape.AttentionWidth * 2) + (d * shape.KeyValueWidth * 2);
            if (shape.Positions == PositionEncoding.Relative)
            {
                weights += d * shape.AttentionWidth;
            }

            return weights;
        }
    }

    /// <summary>Weight matrices of one routed expert's feed-forward block (no biases): 3·d·w gated, 2·d·w plain, w the expert width.</summary>
    internal static long FeedForwardWeightsPerExpert(TransformerShape shape) => FeedForwardWeights(shape, shape.ExpertWidth);

    /// <summary>Weight matrices of a feed-forward block of width <paramref name="width"/>: 3·d·width gated, 2·d·width plain.</summary>
    internal static long FeedForwardWeights(TransformerShape shape, long width)
        => checked((shape.GatedFeedForward ? 3L : 2L) * shape.ModelWidth * width);

    /// <summary>The weights one token multiplies in one layer's feed-forward block: the dense block, or k routed and the shared experts plus the router.</summary>
    internal static long FeedForwardMatmulWeightsPerLayer(TransformerShape shape, bool expertLayer)
    {
        checked
        {
            if (!expertLayer)
            {
                return FeedForwardWeights(shape, shape.FeedForwardWidth);
            }

            return ((long)shape.ActiveExperts * FeedForwardWeightsPerExpert(shape))
                + ((long)shape.SharedExperts * FeedForwardWeights(shape, shape.SharedExpertWidth))
                + ((long)shape.ModelWidth * shape.Experts)
                + (shape.SharedExpertGate ? shape.ModelWidth : 0);
        }
    }

    /// <summary>The embedding projections d·e in and e·d out when the embedding width e differs from d (OPT-350M); else 0.</summary>
    internal static long EmbeddingProjectionWeights(TransformerShape shape)
        => shape.EmbeddingWidth == shape.ModelWidth ? 0 : checked(2L * shape.ModelWidth * shape.EmbeddingWidth);

    private static long NormSize(TransformerShape shape, long width) => checked(shape.Norm == NormKind.LayerNorm ? 2 * width : width);

    private static int NormsPerLayer(NormPlacement placement) => placement switch
    {
        NormPlacement.Sandwich => 4,
        NormPlacement.SharedParallel => 1,
        _ => 2,
    };

    // One transformer block, split as the breakdown splits it. Used for the L layers and for each multi-token-prediction
    // module's block.
    private readonly record struct Block(long Attention, long FeedForward, long Norms, long Router, long SkippedExperts)
    {
        public long Total => checked(Attention + FeedForward + Norms + Router);
    }

    private static Block CountBlock(TransformerShape shape, bool expertLayer)
    {
        checked
        {
            long d = shape.ModelWidth;

            long attention = AttentionWeightsPerLayer(shape);
            if (shape.Biases.HasFlag(BiasTerms.QueryKeyValue))
            {
                // DeepSeek's attention_bias puts biases on the down-projections q_a_proj and kv_a_proj_with_mqa only
                // (transformers DeepseekV3Attention: q_b_proj, kv_b_proj and q_proj are bias-free).
                attention += shape.LatentAttention is { } mla
                    ? (mla.QueryLatentRank ?? 0) + mla.CachedElementsPerToken
                    : shape.AttentionWidth + (2 * shape.KeyValueWidth);
            }

            if (shape.Biases.HasFlag(BiasTerms.AttentionOutput))
            {
                attention += d;
            }

            if (shape.AttentionSinks)
            {
                attention += shape.Heads;
            }

            long norms = NormsPerLayer(shape.NormPlacement) * NormSize(shape, d);
            norms += shape.QueryKeyNorm switch
            {
                QueryKeyNorm.PerHead => 2 * NormSize(shape, shape.HeadWidth),
                QueryKeyNorm.AcrossHeads => NormSize(shape, shape.AttentionWidth) + NormSize(shape, shape.KeyValueWidth),
                _ => 0,
            };
            if (shape.LatentAttention is { } latent)
            {
                // The RMSNorms of the query and key/value latents (transformers q_a_layernorm, kv_a_layernorm).
                norms += (latent.QueryLatentRank ?? 0) + latent.KeyValueLatentRank;
            }

            bool ffnBias = shape.Biases.HasFlag(BiasTerms.FeedForward);
            long Ffn(long width) => FeedForwardWeights(shape, width) + (ffnBias ? (shape.GatedFeedForward ? 2 * width : width) + d : 0);

            if (!expertLayer)
            {
                return new Block(attention, Ffn(shape.FeedForwardWidth), norms, 0, 0);
            }

            long perExpert = Ffn(shape.ExpertWidth);
            long feedForward = (shape.Experts * perExpert) + (shape.SharedExperts * Ffn(shape.SharedExpertWidth));
            long router = (d * shape.Experts) + (shape.RouterBias ? shape.Experts : 0) + (shape.SharedExpertGate ? d : 0);
            return new Block(attention, feedForward, norms, router, (shape.Experts - shape.ActiveExperts) * perExpert);
        }
    }

    private static ParameterCounts CountChecked(TransformerShape shape)
    {
        checked
        {
            long d = shape.ModelWidth;
            long e = shape.EmbeddingWidth;
            long expertLayers = shape.ExpertLayers;
            long denseLayers = shape.Layers - expertLayers;
            var dense = CountBlock(shape, false);
            var expert = CountBlock(shape, true);

            long attention = (denseLayers * dense.Attention) + (expertLayers * expert.Attention);
            long feedForward = (denseLayers * dense.FeedForward) + (expertLayers * expert.FeedForward);
            long norms = (denseLayers * dense.Norms) + (expertLayers * expert.Norms)
                + (shape.FinalNorm ? NormSize(shape, d) : 0)
                + (shape.EmbeddingNorm ? NormSize(shape, e) : 0);
            long router = expertLayers * expert.Router;
            long embedding = shape.VocabularySize * e;
            long unembedding = shape.TiedEmbeddings ? 0 : shape.VocabularySize * e;
            long positions = shape.Positions == PositionEncoding.Learned ? ((long)shape.ContextLength + shape.LearnedPositionOffset) * d : 0;
            long projections = EmbeddingProjectionWeights(shape);

            long total = attention + feedForward + norms + embedding + unembedding + positions + router + projections;
            long nonEmbedding = total - embedding - unembedding - positions;
            long skipped = expertLayers * expert.SkippedExperts;

            var breakdown = new ParameterBreakdown(
                Of(attention), Of(feedForward), Of(norms), Of(embedding), Of(unembedding), Of(positions), Of(router))
            {
                EmbeddingProjection = Of(projections),
            };
            return new ParameterCounts(shape, breakdown, Of(total), Of(nonEmbedding), Of(total - skipped), Of(nonEmbedding - skipped))
            {
                MultiTokenPrediction = Of(shape.MultiTokenPredictionModules * MultiTokenPredictionModule(shape, shape.IsMixtureOfExperts ? expert : dense)),
            };
        }
    }

    // DeepSeek-V3 §2.2 (Figure 3): each module has a transformer block, RMSNorms of the hidden state and of the next
    // token's embedding, and a projection M of 2d → d; its embedding and output head are the model's. The released
    // checkpoint stores the module as model.layers.61 with its own copies of embed_tokens and shared_head.head and a
    // shared_head.norm, which its published 14B counts, so they are counted here too.
    private static long MultiTokenPredictionModule(TransformerShape shape, Block block)
    {
        checked
        {
            long d = shape.ModelWidth;
            long vocabulary = (long)shape.VocabularySize * shape.EmbeddingWidth;
            return block.Total + (3 * NormSize(shape, d)) + (2 * d * d) + (2 * vocabulary);
        }
    }

    private static ParameterCount Of(long count) => ParameterCount.FromCount(count);
}
