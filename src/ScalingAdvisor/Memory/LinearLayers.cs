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
    /// and W_{k,R} d → a·d_h for relative positions; feed-forward per expert: gate and up d → f, down f → d (gated), or up
    /// and down (plain). The token embedding, the unembedding, norms, biases and routers are not in the list.
    /// </summary>
    public static IReadOnlyList<LinearLayer> Of(TransformerShape shape)
    {
        shape.ValidateAs(nameof(shape));
        long layers = shape.Layers;
        long d = shape.ModelWidth;
        long f = shape.FeedForwardWidth;
        long experts = checked(layers * shape.Experts);
        long activeExperts = checked(layers * shape.ActiveExperts);
        var list = new List<LinearLayer>
        {
            new(d, shape.AttentionWidth, layers, layers, true, true),
            new(d, shape.KeyValueWidth, layers, layers, true, true),
            new(d, shape.KeyValueWidth, layers, layers, true, true),
            new(shape.AttentionWidth, d, layers, layers, true, true),
        };
        if (shape.Positions == PositionEncoding.Relative)
        {
            list.Add(new(d, shape.AttentionWidth, layers, layers, true, false));
        }

        if (shape.GatedFeedForward)
        {
            list.Add(new(d, f, experts, activeExperts, false, true));
        }

        list.Add(new(d, f, experts, activeExperts, false, true));
        list.Add(new(f, d, experts, activeExperts, false, true));
        return list;
    }

    /// <summary>True when <paramref name="targets"/> adapts this matrix.</summary>
    public static bool IsTargeted(LinearLayer layer, AdapterTargets targets) => layer.Adaptable && targets switch
    {
        AdapterTargets.Attention => layer.IsAttention,
        AdapterTargets.Mlp => !layer.IsAttention,
        _ => true,
    };
}
