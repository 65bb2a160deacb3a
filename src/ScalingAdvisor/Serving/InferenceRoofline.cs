using ScalingAdvisor.Compute;
using ScalingAdvisor.Hardware;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Serving;

/// <summary>
/// Roofline estimate of inference speed on one device (FORMULAS.md §4; Pope et al. 2022, "Efficiently Scaling
/// Transformer Inference"; kipply 2022, "Transformer Inference Arithmetic").
/// </summary>
/// <remarks>
/// A decode step reads every weight once and the KV cache of every sequence, and does 2·N FLOPs per sequence
/// (Kaplan et al. 2020 §2.1). Its time is the larger of bytes ÷ (bandwidth × MBU) and 2·N·batch ÷ (peak × MFU);
/// the larger one is the bound. Prefill processes the prompt of <see cref="InferenceWorkload.ContextTokens"/> tokens in
/// parallel and is compute-bound: tokens/s = peak × MFU ÷ (2·N + 4·L·P·a·d_h), the attention over the whole prompt
/// counted by <see cref="TransformerFlops.PrefillPerToken"/> (14.8% of 2·N for Mistral 7B at P = 4096).
/// </remarks>
public static class InferenceRoofline
{
    /// <summary>Estimates decode and prefill throughput of one replica on one device.</summary>
    /// <param name="workload">The model bytes, batch and context.</param>
    /// <param name="accelerator">The device.</param>
    /// <param name="precision">The precision the compute peak is taken at (default bf16).</param>
    /// <param name="efficiency">MFU and bandwidth utilisation (defaults 0.4 and 0.6).</param>
    /// <returns>The estimate with its assumptions.</returns>
    /// <exception cref="ArgumentNullException">The workload or accelerator is null.</exception>
    /// <exception cref="ArgumentException">The accelerator has no peak at the precision.</exception>
    public static InferenceThroughputEstimate Estimate(
        InferenceWorkload workload,
        AcceleratorProfile accelerator,
        Precision precision = Precision.Bf16,
        InferenceEfficiency? efficiency = null)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(accelerator);
        efficiency ??= InferenceEfficiency.Default;
        var peak = accelerator.DensePeak(precision);
        var effectiveRate = peak * efficiency.Mfu;

        var bytes = workload.WeightBytes + workload.KvCacheBytes;
        var memoryTime = bytes / (accelerator.MemoryBandwidth * efficiency.BandwidthUtilisation);
        var flopsPerToken = FlopCount.FromFlops(2 * workload.ActiveParameters.Count);
        var computeTime = flopsPerToken * workload.Batch / effectiveRate;
        var bound = memoryTime >= computeTime ? RooflineBound.Memory : RooflineBound.Compute;
        var step = Duration.Max(memoryTime, computeTime);

        var decode = Preconditions.FiniteResult(workload.Batch / step.TotalSeconds, nameof(workload), workload.Batch);
        var prefillPerToken = TransformerFlops.PrefillPerToken(workload.ActiveParameters, workload.Attention, workload.ContextTokens);
        var prefill = Preconditions.FiniteResult(effectiveRate.FlopsPerSecond / prefillPerToken.Flops, nameof(workload), workload.ActiveParameters.Count);
        return new InferenceThroughputEstimate(
            workload,
            accelerator.Id,
            precision,
            efficiency,
            bytes,
            memoryTime,
            computeTime,
            step,
            bound,
            decode,
            prefill,
            bytes <= accelerator.Memory)
        {
            PrefillFlopsPerToken = prefillPerToken,
        };
    }
}
