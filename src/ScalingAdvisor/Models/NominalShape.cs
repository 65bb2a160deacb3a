using ScalingAdvisor.Units;

namespace ScalingAdvisor.Models;

/// <summary>
/// A dense decoder's width and depth implied by a parameter count alone, for questions (activation memory, KV cache)
/// that need a shape when a law gives only N. N ≈ 12·L·d² (Kaplan et al. 2020 §2.1, embeddings neglected) with a
/// fixed aspect ratio ρ = d/L gives d = (ρ·N/12)^(1/3) and L = d/ρ. Kaplan et al. §3.1 and Fig. 5 find the loss flat
/// over a wide range of ρ, and the default ρ = 128 is GPT-3 175B's (Brown et al. 2020 Table 2.1: d = 12288, L = 96).
/// The values are continuous (not rounded to whole layers), so they vary smoothly along a sweep.
/// </summary>
/// <param name="Layers">L, continuous.</param>
/// <param name="ModelWidth">d, continuous.</param>
public readonly record struct NominalShape(double Layers, double ModelWidth)
{
    /// <summary>ρ = d/L of GPT-3 175B (Brown et al. 2020 Table 2.1: 12288 / 96).</summary>
    public const double DefaultAspectRatio = 128;

    /// <summary>The nominal shape of a dense model with <paramref name="parameters"/> parameters.</summary>
    /// <param name="parameters">N; must be &gt; 0.</param>
    /// <param name="aspectRatio">ρ = d/L; must be &gt; 0.</param>
    /// <returns>The continuous L and d.</returns>
    /// <exception cref="ArgumentOutOfRangeException">N or ρ is not positive.</exception>
    public static NominalShape For(ParameterCount parameters, double aspectRatio = DefaultAspectRatio)
    {
        Preconditions.Positive(parameters.Count, nameof(parameters));
        Preconditions.Positive(aspectRatio, nameof(aspectRatio));
        var shape = ForUnchecked(parameters.Count, aspectRatio);
        Preconditions.FiniteResult(shape.ModelWidth, aspectRatio > parameters.Count ? nameof(aspectRatio) : nameof(parameters), Math.Max(aspectRatio, parameters.Count));
        Preconditions.FiniteResult(shape.Layers, nameof(aspectRatio), aspectRatio);
        return shape;
    }

    /// <summary>The same as <see cref="For"/> without argument checks, for hot loops whose inputs are already checked.</summary>
    internal static NominalShape ForUnchecked(double parameters, double aspectRatio)
    {
        double width = Math.Cbrt(aspectRatio * parameters / 12);
        return new NominalShape(width / aspectRatio, width);
    }

    /// <summary>
    /// A concrete shape near this one for calculators that need whole numbers: d rounded to a multiple of 128 (heads of
    /// width 128, as GPT-3 and Llama use), at least one layer, a plain 4·d feed-forward block, multi-head attention.
    /// </summary>
    /// <param name="contextLength">n_ctx; must be ≥ 1.</param>
    /// <param name="vocabularySize">V; must be ≥ 1 (default 32000, Llama's).</param>
    /// <returns>The shape.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is below 1 or too large for a shape.</exception>
    public TransformerShape ToShape(int contextLength, int vocabularySize = 32000)
    {
        const int HeadWidth = 128;
        double heads = Math.Max(1, Math.Round(ModelWidth / HeadWidth));
        double layers = Math.Max(1, Math.Round(Layers));
        Preconditions.InRange(heads * HeadWidth * 4, 1, int.MaxValue, nameof(ModelWidth));
        return new TransformerShape
        {
            Layers = (int)Preconditions.InRange(layers, 1, int.MaxValue, nameof(Layers)),
            ModelWidth = (int)heads * HeadWidth,
            Heads = (int)heads,
            FeedForwardWidth = (int)heads * HeadWidth * 4,
            VocabularySize = vocabularySize,
            ContextLength = contextLength,
        };
    }
}
