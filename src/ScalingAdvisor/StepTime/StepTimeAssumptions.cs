namespace ScalingAdvisor.StepTime;

/// <summary>
/// The physical parameters of the step-time model other than the hardware's own figures, each a property of kernels or
/// links measured outside any training run (no per-run factor). The defaults are stated with their sources; a caller may
/// replace any of them.
/// </summary>
public sealed record StepTimeAssumptions
{
    /// <summary>
    /// Share of the HBM peak that the memory-bound element-wise kernels of training reach (norms, activations, softmax,
    /// dropout, residual adds, casts): 0.8. Streaming copies reach 85–92% (an H100 SXM device-to-device copy measures
    /// ~3.09 of 3.35 TB/s); the short fused kernels of a layer sit below that.
    /// </summary>
    public const double DefaultMemoryEfficiency = 0.8;

    /// <summary>
    /// Share of the 16-bit dense peak a fused attention kernel reaches on an A100-class device: 0.6. FlashAttention-2
    /// reaches 50–73% of the A100's peak forward and up to 63% backward (Dao 2023, §4.1, Fig. 4–6). Hopper and Blackwell
    /// parts take <see cref="FusedAttentionEfficiency.HopperAndLater"/> (<see cref="FusedAttentionEfficiency.Of"/>).
    /// </summary>
    public const double DefaultAttentionEfficiency = 0.6;

    /// <summary>
    /// Fixed cost of one kernel beyond its arithmetic (launch, ramp-up and tail of the last wave): 4 µs, the order of a
    /// CUDA kernel launch and an empty kernel's duration on A100/H100.
    /// </summary>
    public const double DefaultKernelOverheadSeconds = 4e-6;

    /// <summary>
    /// Relative spread (standard deviation) of device speed in one cluster: 1.75%. Bekman (ml-engineering,
    /// compute/accelerator, "Not all accelerators are created equal") sees "5% and higher differences on an 8-gpu node";
    /// the expected range of 8 normal samples is 2.85 σ, so σ ≈ 5% / 2.85. A synchronous step waits for the slowest device.
    /// </summary>
    public const double DefaultDeviceSpeedSpread = 0.0175;

    /// <summary>
    /// Share of the device's best-shape matmul rate (<see cref="MatmulCeiling"/>, the maximum over a brute-force shape
    /// search) that a training GEMM of a large, tile-aligned shape sustains inside a running job: 0.9. Calibrated: the one
    /// parameter fitted to the calibration runs of TRAINING-THROUGHPUT.md (rows 1–7), which the file exists for, and then
    /// judged on runs outside it. Bekman (ml-engineering, MAMF section) warns that the best shape is rarely the one a model
    /// uses; tile and wave quantisation of the actual shapes are modelled on top of this share.
    /// </summary>
    public const double DefaultSustainedShareOfCeiling = 0.9;

    /// <summary>The defaults.</summary>
    public static StepTimeAssumptions Default { get; } = new();

    /// <summary>Share of the best-shape matmul rate a large training GEMM sustains, in (0, 1].</summary>
    public double SustainedShareOfCeiling { get; init; } = DefaultSustainedShareOfCeiling;

    /// <summary>Share of the HBM peak reached by element-wise kernels, in (0, 1].</summary>
    public double MemoryEfficiency { get; init; } = DefaultMemoryEfficiency;

    /// <summary>Share of the 16-bit dense peak reached by fused attention, in (0, 1]; null for the device's (<see cref="FusedAttentionEfficiency.Of"/>).</summary>
    public double? AttentionEfficiency { get; init; }

    /// <summary>Fixed seconds per kernel, ≥ 0.</summary>
    public double KernelOverheadSeconds { get; init; } = DefaultKernelOverheadSeconds;

    /// <summary>Relative spread of device speed, in [0, 0.2].</summary>
    public double DeviceSpeedSpread { get; init; } = DefaultDeviceSpeedSpread;

    /// <summary>Checks every parameter.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of its range.</exception>
    internal void Validate()
    {
        Preconditions.Fraction(SustainedShareOfCeiling, nameof(SustainedShareOfCeiling));
        Preconditions.Fraction(MemoryEfficiency, nameof(MemoryEfficiency));
        if (AttentionEfficiency is { } attention)
        {
            Preconditions.Fraction(attention, nameof(AttentionEfficiency));
        }

        Preconditions.InRange(KernelOverheadSeconds, 0, 1e-3, nameof(KernelOverheadSeconds));
        Preconditions.InRange(DeviceSpeedSpread, 0, 0.2, nameof(DeviceSpeedSpread));
    }
}
