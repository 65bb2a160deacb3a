using ScalingAdvisor.Models;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Compute;

/// <summary>
/// What the attention FLOPs of <see cref="TransformerFlops"/> depend on besides the context: L layers and the attention
/// width a·d_h, taken from a model's shape or, when only a parameter count is known, from its nominal shape.
/// </summary>
public sealed record AttentionDimensions
{
    /// <summary>Creates the dimensions.</summary>
    /// <param name="layers">L, &gt; 0 (continuous for a nominal shape).</param>
    /// <param name="attentionWidth">a·d_h, the query heads times the head width, &gt; 0.</param>
    /// <param name="source">Where the numbers come from, for reports.</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is not positive and finite.</exception>
    public AttentionDimensions(double layers, double attentionWidth, string source)
    {
        Layers = Preconditions.Positive(layers);
        AttentionWidth = Preconditions.Positive(attentionWidth);
        Source = source ?? throw new ArgumentNullException(nameof(source));
    }

    /// <summary>L, the layers.</summary>
    public double Layers { get; }

    /// <summary>a·d_h, the attention width.</summary>
    public double AttentionWidth { get; }

    /// <summary>Where the numbers come from: the model's shape or a nominal shape.</summary>
    public string Source { get; }

    /// <summary>The dimensions of a model's shape.</summary>
    /// <param name="shape">The model.</param>
    /// <returns>L and a·d_h of the shape.</returns>
    /// <exception cref="ArgumentException">The shape is inconsistent.</exception>
    public static AttentionDimensions Of(TransformerShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        shape.Validate();
        return new(shape.Layers, shape.AttentionWidth, "the model's shape");
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
