using ScalingAdvisor.Models;

namespace ScalingAdvisor.Memory;

/// <summary>One kind of weight matrix W ∈ R^{d_out×d_in} of a transformer block, and how many the model holds.</summary>
/// <param name="InputWidth">d_in.</param>
/// <param name="OutputWidth">d_out.</param>
/// <param name="Count">How many such matrices the whole model holds (layers × experts).</param>
/// <param name="ActiveCount">How many of them one token passes through (layers × active experts).</param>
/// <param name="IsAttention">True for W_q, W_k, W_v, W_o (and a relative-position projection); false for the FFN.</param>
/// <param name="Adaptable">True when LoRA adapts it (every projection except a relative-position W_{k,R}).</param>
internal readonly record struct LinearLayer(long InputWidth, long OutputWidth, long Count, long ActiveCount, bool IsAttention, bool Adaptable)
{
    /// <summary>d_in·d_out weights of one matrix.</summary>
    public long WeightsPerMatrix => checked(InputWidth * OutputWidth);
}

/// <summary>The weight matrices of a shape's transformer blocks, as <see cref="ParameterCounter"/> counts them.</summary>
internal static class LinearLayers
{
    /// <summary>
    /// Attention: W_q d → a·d_h, W_k and W_v d → a_kv·d_h (grouped-query attention, Ainslie et al. 2023), W_o a·d_h → d,
    /// and W_{k,R} d → a·d_h for relative positions; with latent attention the down- and up-projections of DeepSeek-V2
    /// §2.1 instead. Feed-forward: gate and up d → f, down f → d (gated), or up and down (plain), for the dense layers at
    /// their width, and in the expert layers for each routed expert at the expert width and each shared expert at its
    /// width. The token embedding, the unembedding, embedding projections, norms, biases and routers are not in the list.
    /// </summary>
    public static IReadOnlyList<LinearLayer> Of(TransformerShape shape)
    {
        shape.ValidateAs(nameof(shape));
        long layers = shape.Layers;
        long d = shape.ModelWidth;
        var list = new List<LinearLayer>();
        if (shape.LatentAttention is { } mla)
        {
            long heads = shape.Heads;
            if (mla.QueryLatentRank is int rank)
            {
                list.Add(new(d, rank, layers, layers, true, true));
                list.Add(new(rank, shape.AttentionWidth, layers, layers, true, true));
            }
            else
            {
                list.Add(new(d, shape.AttentionWidth, layers, layers, true, true));
            }

            list.Add(new(d, mla.CachedElementsPerToken, layers, layers, true, true));
            list.Add(new(mla.KeyValueLatentRank, checked(heads * (mla.NonRotaryHeadWidth + mla.ValueHeadWidth)), layers, layers, true, true));
            list.Add(new(shape.ValueOutputWidth, d, layers, layers, true, true));
        }
        else
        {
            list.Add(new(d, shape.AttentionWidth, layers, layers, true, true));
            list.Add(new(d, shape.KeyValueWidth, layers, layers, true, true));
            list.Add(new(d, shape.KeyValueWidth, layers, layers, true, true));
            list.Add(new(shape.AttentionWidth, d, layers, layers, true, true));
        }

        if (shape.Positions == PositionEncoding.Relative)
        {
            list.Add(new(d, shape.AttentionWidth, layers, layers, true, false));
        }

        long expertLayers = shape.ExpertLayers;
        long denseLayers = layers - expertLayers;
        FeedForward(shape.FeedForwardWidth, denseLayers, denseLayers);
        FeedForward(shape.ExpertWidth, checked(expertLayers * shape.Experts), checked(expertLayers * shape.ActiveExperts));
        FeedForward(shape.SharedExpertWidth, checked(expertLayers * shape.SharedExperts), checked(expertLayers * shape.SharedExperts));
        return list;

        void FeedForward(long width, long count, long active)
        {
            if (count == 0)
            {
                return;
            }

            if (shape.GatedFeedForward)
            {
                list.Add(new(d, width, count, active, false, true));
            }

            list.Add(new(d, width, count, active, false, true));
            list.Add(new(width, d, count, active, false, true));
        }
    }

    /// <summary>True when <paramref name="targets"/> adapts this matrix.</summary>
    public static bool IsTargeted(LinearLayer layer, AdapterTargets targets) => layer.Adaptable && targets switch
    {
        AdapterTargets.Attention => layer.IsAttention,
        AdapterTargets.Mlp => !layer.IsAttention,
        _ => true,
    };
}
