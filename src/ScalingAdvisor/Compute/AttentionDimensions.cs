using ScalingAdvisor.Models;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Compute;

/// <summary>
/// What the attention FLOPs of <see cref="TransformerFlops"/> depend on besides the context: L layers, the width over
/// which scores are taken (a·d_h) and the width of the values (a·d_h), and the layers that attend within a sliding window,
/// taken from a model's shape or, when only a parameter count is known, from its nominal shape.
/// </summary>
public sealed record AttentionDimensions
{
    /// <summary>Creates the dimensions of full multi-head attention: scores and values both a·d_h wide, no window.</summary>
    /// <param name="layers">L, &gt; 0 (continuous for a nominal shape).</param>
    /// <param name="attentionWidth">a·d_h, the query heads times the head width, &gt; 0.</param>
    /// <param name="source">Where the numbers come from, for reports.</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is not positive and finite.</exception>
    public AttentionDimensions(double layers, double attentionWidth, string source)
        : this(layers, Preconditions.Positive(attentionWidth), attentionWidth, 0, null, source)
    {
    }

    /// <summary>Creates the dimensions of any attention type.</summary>
    /// <param name="layers">L, &gt; 0 (continuous for a nominal shape).</param>
    /// <param name="scoreWidth">The width of the query·key products summed over heads (a·d_h; a·(d_h^C + d_h^R) for latent attention), &gt; 0.</param>
    /// <param name="valueWidth">The width of the score·value products summed over heads (a·d_h; a·d_h^V for latent attention), &gt; 0.</param>
    /// <param name="slidingWindowLayers">The layers that attend within <paramref name="slidingWindow"/> only, from 0 to L.</param>
    /// <param name="slidingWindow">Their window in tokens (≥ 1), or null when there are none.</param>
    /// <param name="source">Where the numbers come from, for reports.</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is not positive and finite, the local layers exceed L, or they have no window.</exception>
    public AttentionDimensions(double layers, double scoreWidth, double valueWidth, double slidingWindowLayers, int? slidingWindow, string source)
    {
        Layers = Preconditions.Positive(layers);
        AttentionWidth = Preconditions.Positive(scoreWidth);
        ValueWidth = Preconditions.Positive(valueWidth);
        SlidingWindowLayers = Preconditions.InRange(slidingWindowLayers, 0, layers);
        if (slidingWindow is int window)
        {
            SlidingWindow = Preconditions.PositiveInt(window, nameof(slidingWindow));
        }
        else if (slidingWindowLayers > 0)
        {
            throw new ArgumentOutOfRangeException(nameof(slidingWindow), slidingWindow, "Sliding-window layers need their window.");
        }

        Source = source ?? throw new ArgumentNullException(nameof(source));
    }

    /// <summary>L, the layers.</summary>
    public double Layers { get; }

    /// <summary>
    /// a·d_h, the attention width over which scores (QKᵀ) are taken: a·(d_h^C + d_h^R) for unabsorbed latent attention,
    /// a·(d_c + d_h^R) for absorbed.
    /// </summary>
    public double AttentionWidth { get; }

    /// <summary>The width of the score·V products summed over heads: a·d_h; a·d_h^V for unabsorbed latent attention, a·d_c for absorbed.</summary>
    public double ValueWidth { get; }

    /// <summary>The layers that attend within <see cref="SlidingWindow"/> only; 0 when every layer is global.</summary>
    public double SlidingWindowLayers { get; }

    /// <summary>The window of the sliding-window layers in tokens, or null when there are none.</summary>
    public int? SlidingWindow { get; }

    /// <summary>Where the numbers come from: the model's shape or a nominal shape.</summary>
    public string Source { get; }

    /// <summary>
    /// The dimensions of a model's shape: its layers, score and value widths by attention type, and its sliding-window layers.
    /// </summary>
    /// <param name="shape">The model.</param>
    /// <param name="form">How latent attention is computed (ignored for other attention types): unabsorbed for training and
    /// prefill, absorbed for decoding from the latent cache (DeepSeek-V2 §2.1.2).</param>
    /// <returns>The dimensions of the shape.</returns>
    /// <exception cref="ArgumentException">The shape is inconsistent.</exception>
    public static AttentionDimensions Of(TransformerShape shape, LatentAttentionForm form = LatentAttentionForm.Unabsorbed)
    {
        ArgumentNullException.ThrowIfNull(shape);
        shape.ValidateAs(nameof(shape));
        if (!Enum.IsDefined(form))
        {
            throw new ArgumentOutOfRangeException(nameof(form), form, "Unknown latent-attention form.");
        }

        double heads = shape.Heads;
        (double score, double value, string source) = shape.LatentAttention switch
        {
            { } mla when form == LatentAttentionForm.Absorbed => (
                heads * (mla.KeyValueLatentRank + mla.RotaryHeadWidth), heads * mla.KeyValueLatentRank,
                "the model's shape (latent attention, absorbed: scores over d_c + d_h^R, values over d_c per head; DeepSeek-V2 §2.1.2)"),
            { } mla => (
                heads * mla.QueryKeyHeadWidth, heads * mla.ValueHeadWidth,
                "the model's shape (latent attention, unabsorbed: scores over d_h^C + d_h^R, values over d_h^V per head)"),
            _ => ((double)shape.AttentionWidth, (double)shape.AttentionWidth, "the model's shape"),
        };
        return new(shape.Layers, score, value, shape.SlidingWindowLayers, shape.SlidingWindow, source);
    }

    /// <summary>
    /// The dimensions of the <see cref="NominalShape"/> of N parameters (d/L = 128, a·d_h = d), for when only a count is
    /// known: Mistral 7B's 7.24B parameters give L ≈ 33 and a·d_h ≈ 4260 against its 32 and 4096.
    /// </summary>
    /// <param name="parameters">N; must be &gt; 0.</param>
    /// <returns>The nominal L and d.</returns>
    /// <exception cref="ArgumentOutOfRangeException">N is not positive.</exception>
    public static AttentionDimensions Nominal(ParameterCount parameters)
    {
        var shape = NominalShape.For(parameters);
        return new(shape.Layers, shape.ModelWidth, "nominal shape of N (d/L = 128, a·d_h = d; Kaplan et al. 2020 §2.1)");
    }
}
