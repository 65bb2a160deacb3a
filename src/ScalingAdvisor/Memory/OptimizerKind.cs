namespace ScalingAdvisor.Memory;

/// <summary>The optimizer of a mixed-precision training run; it decides the bytes of optimizer state per parameter.</summary>
public enum OptimizerKind
{
    /// <summary>
    /// AdamW in mixed precision: fp32 master weights, momentum and variance, 12 bytes per parameter
    /// (Rajbhandari et al. 2020, ZeRO §3.1, K = 12).
    /// </summary>
    AdamW,

    /// <summary>
    /// 8-bit AdamW (Dettmers et al. 2022, 8-bit Optimizers via Block-wise Quantization): fp32 master weights (4 bytes)
    /// and two 1-byte states, 6 bytes per parameter.
    /// </summary>
    AdamW8Bit,

    /// <summary>SGD with momentum in mixed precision: fp32 master weights and momentum, 8 bytes per parameter.</summary>
    SgdMomentum,
}
