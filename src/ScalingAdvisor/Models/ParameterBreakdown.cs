using ScalingAdvisor.Units;

namespace ScalingAdvisor.Models;

/// <summary>
/// A model's parameters split by where they sit (FORMULAS.md §1). Each part sums over all layers; the parts add
/// up to <see cref="Total"/>.
/// </summary>
/// <param name="Attention">Query, key, value and output projections with their biases, over all layers (and Transformer-XL
/// relative-position projections, <see cref="PositionEncoding.Relative"/>; latent-attention projections; attention sinks).</param>
/// <param name="FeedForward">Feed-forward weights and biases over all layers: dense blocks, all routed and all shared experts.</param>
/// <param name="Norms">The norms of every layer (by placement, QK-norms, latent-attention norms), an embedding norm and the final norm.</param>
/// <param name="Embedding">The token embedding, V·e (e = d unless the embedding is narrower, OPT-350M).</param>
/// <param name="Unembedding">The output projection, V·e when untied; zero when tied to the embedding.</param>
/// <param name="Positions">A learned absolute position table, n_ctx·d; zero for rotary and relative encodings.</param>
/// <param name="Router">Mixture-of-experts routers, d·E per expert layer (with a router bias E more, with a shared-expert gate d more); zero for a dense model.</param>
public sealed record ParameterBreakdown(
    ParameterCount Attention,
    ParameterCount FeedForward,
    ParameterCount Norms,
    ParameterCount Embedding,
    ParameterCount Unembedding,
    ParameterCount Positions,
    ParameterCount Router)
{
    /// <summary>The attention projections over all layers.</summary>
    public ParameterCount Attention { get; init => field = Part(value, nameof(Attention)); } = Part(Attention, nameof(Attention));

    /// <summary>The feed-forward weights over all layers and experts.</summary>
    public ParameterCount FeedForward { get; init => field = Part(value, nameof(FeedForward)); } = Part(FeedForward, nameof(FeedForward));

    /// <summary>The norms.</summary>
    public ParameterCount Norms { get; init => field = Part(value, nameof(Norms)); } = Part(Norms, nameof(Norms));

    /// <summary>The token embedding.</summary>
    public ParameterCount Embedding { get; init => field = Part(value, nameof(Embedding)); } = Part(Embedding, nameof(Embedding));

    /// <summary>The output projection; zero when tied.</summary>
    public ParameterCount Unembedding { get; init => field = Part(value, nameof(Unembedding)); } = Part(Unembedding, nameof(Unembedding));

    /// <summary>The learned position table; zero for rotary and relative encodings.</summary>
    public ParameterCount Positions { get; init => field = Part(value, nameof(Positions)); } = Part(Positions, nameof(Positions));

    /// <summary>The mixture-of-experts routers; zero for a dense model.</summary>
    public ParameterCount Router { get; init => field = Part(value, nameof(Router)); } = Part(Router, nameof(Router));

    /// <summary>
    /// The projections between a narrower token embedding and the residual stream, 2·d·e (OPT-350M's <c>project_in</c> and
    /// <c>project_out</c>); zero when the embedding is d wide.
    /// </summary>
    public ParameterCount EmbeddingProjection { get; init => field = Part(value, nameof(EmbeddingProjection)); }

    /// <summary>The sum of all parts.</summary>
    public ParameterCount Total => Attention + FeedForward + Norms + Embedding + Unembedding + Positions + Router + EmbeddingProjection;

    // Implementation note: each of the eight parts is at most a sixteenth of the double range, so that their sum, and
    // reading Total, can never overflow (a check of the sum itself would be bypassed by `with` on one part).
    private static ParameterCount Part(ParameterCount value, string name)
        => value.Count <= double.MaxValue / 16
            ? value
            : throw new ArgumentOutOfRangeException(name, value.Count,
                $"{name} = {Preconditions.Show(value.Count)} parameters is beyond the largest part a breakdown can sum (a sixteenth of the range of a double).");
}
