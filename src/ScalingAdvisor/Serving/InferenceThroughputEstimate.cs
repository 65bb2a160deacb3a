using ScalingAdvisor.Hardware;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Serving;

/// <summary>A roofline estimate of one replica's inference speed, with its assumptions.</summary>
/// <param name="Workload">The workload.</param>
/// <param name="AcceleratorId">The accelerator's catalog id.</param>
/// <param name="Precision">The precision the compute peak is taken at.</param>
/// <param name="Efficiency">The MFU and bandwidth utilisation assumed.</param>
/// <param name="BytesPerDecodeStep">Weights plus KV cache read per decode step.</param>
/// <param name="DecodeMemoryTime">Time to read those bytes at bandwidth × utilisation.</param>
/// <param name="DecodeComputeTime">Time for 2·N·batch FLOPs at peak × MFU.</param>
/// <param name="DecodeStepTime">The larger of the two: one step of the batch.</param>
/// <param name="BoundBy">Which of the two is larger.</param>
/// <param name="DecodeTokensPerSecond">Batch ÷ step time: generated tokens per second, all sequences together.</param>
/// <param name="PrefillTokensPerSecond">Prompt tokens per second when compute-bound: peak × MFU ÷ <see cref="PrefillFlopsPerToken"/>.</param>
/// <param name="FitsInMemory">Whether weights plus KV cache fit in the device's memory (a single device holds the replica).</param>
public sealed record InferenceThroughputEstimate(
    InferenceWorkload Workload,
    string AcceleratorId,
    Precision Precision,
    InferenceEfficiency Efficiency,
    ByteSize BytesPerDecodeStep,
    Duration DecodeMemoryTime,
    Duration DecodeComputeTime,
    Duration DecodeStepTime,
    RooflineBound BoundBy,
    double DecodeTokensPerSecond,
    double PrefillTokensPerSecond,
    bool FitsInMemory)
{
    /// <summary>Prefill FLOPs per prompt token, 2·N + 4·L·P·a·d_h (<see cref="Compute.TransformerFlops.PrefillPerToken"/>).</summary>
    public FlopCount PrefillFlopsPerToken { get; init; }
}
