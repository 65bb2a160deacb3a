using ScalingAdvisor.Units;

namespace ScalingAdvisor.Models;

/// <summary>
/// A model's parameters split by where they sit (FORMULAS.md §1). Each part sums over all layers; the parts add
/// up to <see cref="Total"/>.
/// </summary>
/// <param name="Attention">Query, key, value and output projections with their biases, over all layers (and Transformer-XL
/// relative-position projections, <see cref="PositionEncoding.Relative"/>).</param>
/// <param name="FeedForward">Feed-forward weights and biases over all layers and all experts.</param>
/// <param name="Norms">Two norms per layer plus the final norm.</param>
/// <param name="Embedding">The token embedding, V·d.</param>
/// <param name="Unembedding">The output projection, V·d when untied; zero when tied to the embedding.</param>
/// <param name="Positions">A learned absolute position table, n_ctx·d; zero for rotary and relative encodings.</param>
/// <param name="Router">Mixture-of-experts routers, d·E per layer; zero for a dense model.</param>
public sealed record ParameterBreakdown(
    ParameterCount Attention,
    ParameterCount FeedForward,
    ParameterCount Norms,
    ParameterCount Embedding,
    ParameterCount Unembedding,
    ParameterCount Positions,
    ParameterCount Router)
{
    /// <summary>The sum of all parts.</summary>
    public ParameterCount Total => Attention + FeedForward + Norms + Embedding + Unembedding + Positions + Router;
}
