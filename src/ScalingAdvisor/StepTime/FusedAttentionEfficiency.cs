using ScalingAdvisor.Hardware;

namespace ScalingAdvisor.StepTime;

/// <summary>
/// The share of the 16-bit dense peak a fused (FlashAttention-2-class) attention kernel reaches on a device, measured by
/// kernel benchmarks outside any training run. It depends on the architecture: the kernel written for the A100's
/// synchronous tensor-core instructions does not use Hopper's asynchronous warpgroup MMA and TMA, so on Hopper it reaches
/// a smaller share of a three times larger peak.
/// </summary>
/// <remarks>
/// <para>
/// A100 and earlier: <see cref="StepTimeAssumptions.DefaultAttentionEfficiency"/>, 0.6 (FlashAttention-2 reaches 50–73% of
/// the A100's peak forward and up to 63% backward; Dao 2023, §4.1, Fig. 4–6).
/// </para>
/// <para>
/// Hopper (H100, H200, H20) and Blackwell (B200, GB200, B300, GB300): <see cref="HopperAndLater"/>, 0.35 ("FlashAttention-2
/// achieving only 35% utilization on the H100 GPU", Shah et al. 2024, FlashAttention-3, abstract and §4.1). Kernels written
/// for Hopper (FlashAttention-3: 75% forward in 16 bits, same source) reach more; a caller running them sets
/// <see cref="StepTimeAssumptions.AttentionEfficiency"/>. No FlashAttention-2 measurement on Blackwell is published; its
/// tensor cores (tcgen05) are likewise unused by that kernel, so the Hopper share is taken.
/// </para>
/// </remarks>
public static class FusedAttentionEfficiency
{
    /// <summary>FlashAttention-2 on H100: 35% of the 16-bit peak (Shah et al. 2024, abstract).</summary>
    public const double HopperAndLater = 0.35;

    private static readonly HashSet<string> Hopper = new(StringComparer.OrdinalIgnoreCase)
    {
        "h100-sxm", "h100-pcie", "h200", "h20", "b200", "gb200", "b300", "gb300",
    };

    /// <summary>The share of the 16-bit dense peak fused attention reaches on a device.</summary>
    /// <param name="accelerator">The device.</param>
    /// <returns><see cref="HopperAndLater"/> for Hopper and Blackwell parts, else <see cref="StepTimeAssumptions.DefaultAttentionEfficiency"/>.</returns>
    /// <exception cref="ArgumentNullException">The device is null.</exception>
    public static double Of(AcceleratorProfile accelerator)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        return Hopper.Contains(accelerator.Id) ? HopperAndLater : StepTimeAssumptions.DefaultAttentionEfficiency;
    }
}
