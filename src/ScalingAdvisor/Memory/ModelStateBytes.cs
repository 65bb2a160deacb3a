namespace ScalingAdvisor.Memory;

/// <summary>
/// Bytes per parameter of the model states of mixed-precision training (Rajbhandari et al. 2020, ZeRO §3.1):
/// 16-bit weights (2), 16-bit gradients (2) and the optimizer's states (K).
/// </summary>
/// <param name="WeightBytes">Bytes of the 16-bit working weights per parameter.</param>
/// <param name="GradientBytes">Bytes of the 16-bit gradients per parameter.</param>
/// <param name="OptimizerBytes">K, bytes of optimizer state (fp32 master copy included) per parameter.</param>
public sealed record ModelStateBytes(double WeightBytes, double GradientBytes, double OptimizerBytes)
{
    /// <summary>The precision of pre-training's model states, for reports (Rajbhandari et al. 2020, ZeRO §3.1).</summary>
    public const string PretrainingPrecision = "mixed precision: 16-bit weights and gradients (ZeRO §3.1)";

    /// <summary>The precision of fine-tuning's trainable states, for reports (Rajbhandari et al. 2020, ZeRO §3.1).</summary>
    public const string FinetuningPrecision = "mixed precision: 16-bit trainable weights and gradients, optimizer states with an fp32 master copy (ZeRO §3.1)";

    /// <summary>All model-state bytes per parameter: 16 for mixed-precision AdamW.</summary>
    public double TotalBytes => WeightBytes + GradientBytes + OptimizerBytes;

    /// <summary>
    /// The bytes per parameter for an optimizer: AdamW 2 + 2 + 12 = 16 (ZeRO §3.1), 8-bit AdamW 2 + 2 + (4 + 2) = 10
    /// (Dettmers et al. 2022), SGD with momentum 2 + 2 + (4 + 4) = 12.
    /// </summary>
    /// <param name="optimizer">The optimizer.</param>
    /// <returns>Its bytes per parameter.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The optimizer is not a defined value.</exception>
    public static ModelStateBytes For(OptimizerKind optimizer) => optimizer switch
    {
        OptimizerKind.AdamW => new(2, 2, 12),
        OptimizerKind.AdamW8Bit => new(2, 2, 6),
        OptimizerKind.SgdMomentum => new(2, 2, 8),
        _ => throw new ArgumentOutOfRangeException(nameof(optimizer), optimizer, "Unknown optimizer."),
    };
}
