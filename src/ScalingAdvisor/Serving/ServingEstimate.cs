using ScalingAdvisor.Hardware;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Serving;

/// <summary>One pass (prefill or a decode step) of a replica: its three times and what bounds it.</summary>
/// <param name="Compute">FLOPs ÷ (G × peak × MFU).</param>
/// <param name="Memory">Bytes read per device ÷ (bandwidth × utilisation).</param>
/// <param name="Communication">The tensor-parallel all-reduces (zero on one device).</param>
/// <param name="Flops">FLOPs of the pass, all devices together.</param>
/// <param name="BytesPerDevice">Bytes each device reads.</param>
public sealed record ServingPass(Duration Compute, Duration Memory, Duration Communication, FlopCount Flops, ByteSize BytesPerDevice)
{
    /// <summary>max(compute, memory) + communication: the all-reduces sit on the critical path between layers (Megatron-LM §3).</summary>
    public Duration Time => Duration.Max(Compute, Memory) + Communication;

    /// <summary>The largest term: communication when it exceeds the larger of compute and memory.</summary>
    public ServingBound BoundBy => Communication > Duration.Max(Compute, Memory)
        ? ServingBound.Communication
        : Memory >= Compute ? ServingBound.Bandwidth : ServingBound.Compute;
}

/// <summary>A serving replica's latency, fit and throughput (<see cref="ServingEstimator"/>), with its inputs.</summary>
/// <param name="Model">The model served.</param>
/// <param name="AcceleratorId">The device's catalog id.</param>
/// <param name="Setup">Devices, widths, request shape, batch, efficiency.</param>
/// <param name="ComputePrecision">The precision whose dense peak the compute times use.</param>
/// <param name="WeightBytes">All weights at the format's bits per weight (group scales included), the whole replica.</param>
/// <param name="KeyValueBytesPerSequence">One sequence's KV cache at P + O tokens, the whole replica (replicated heads included).</param>
/// <param name="ReplicaMemory">G × device memory.</param>
/// <param name="ReservedBytes">The reserve, all devices together.</param>
/// <param name="MaxBatch">⌊(G·memory − reserve − weights) ÷ (KV bytes per token · (P + O))⌋; 0 when the weights alone do not fit.</param>
/// <param name="Prefill">The prefill of the whole batch (B·P tokens).</param>
/// <param name="Decode">The mean decode step (KV cache at P + O/2).</param>
/// <param name="ExpertsTouchedPerDecodeStep">Expected distinct experts per MoE layer a decode step reads, E·(1 − (1 − k/E)^B); 1 for a dense model.</param>
public sealed record ServingEstimate(
    ServedModel Model,
    string AcceleratorId,
    ServingSetup Setup,
    Precision ComputePrecision,
    ByteSize WeightBytes,
    ByteSize KeyValueBytesPerSequence,
    ByteSize ReplicaMemory,
    ByteSize ReservedBytes,
    long MaxBatch,
    ServingPass Prefill,
    ServingPass Decode,
    double ExpertsTouchedPerDecodeStep)
{
    /// <summary>Whether weights + the batch's KV cache + the reserve fit in G × device memory (B ≤ <see cref="MaxBatch"/>).</summary>
    public bool FitsInMemory => Setup.Batch <= MaxBatch;

    /// <summary>Weights + B × KV cache at P + O + reserve, the whole replica.</summary>
    public ByteSize RequiredMemory => WeightBytes + (KeyValueBytesPerSequence * Setup.Batch) + ReservedBytes;

    /// <summary>Why the batch does not fit, in a sentence; null when it fits.</summary>
    public string? NotFitReason => FitsInMemory
        ? null
        : MaxBatch == 0
            ? $"The weights ({QuantityFormatter.FormatBytesDecimal(WeightBytes.Bytes)}) and reserve leave no room for a KV cache in {Setup.Gpus} × {AcceleratorId} ({QuantityFormatter.FormatBytesDecimal(ReplicaMemory.Bytes)}): use more GPUs or narrower weights."
            : $"Batch {Setup.Batch} needs {QuantityFormatter.FormatBytesDecimal(RequiredMemory.Bytes)} against {QuantityFormatter.FormatBytesDecimal(ReplicaMemory.Bytes)} of {Setup.Gpus} × {AcceleratorId}; the largest batch that fits is {MaxBatch}.";

    /// <summary>TTFT: the prefill of the whole batch, no decode step added (TensorRT-LLM's "1st token latency").</summary>
    public Duration TimeToFirstToken => Prefill.Time;

    /// <summary>TPOT: the mean decode step over the O output tokens.</summary>
    public Duration TimePerOutputToken => Decode.Time;

    /// <summary>A request's time: TTFT + (O − 1)·TPOT (the first token comes out of prefill).</summary>
    public Duration RequestTime => TimeToFirstToken + (TimePerOutputToken * (Setup.OutputTokens - 1));

    /// <summary>B·O ÷ (TTFT + (O − 1)·TPOT): output tokens per second of the replica, the definition vendor throughput tables obey.</summary>
    public double OutputTokensPerSecond => Setup.Batch * (double)Setup.OutputTokens / RequestTime.TotalSeconds;

    /// <summary><see cref="OutputTokensPerSecond"/> ÷ G.</summary>
    public double OutputTokensPerSecondPerGpu => OutputTokensPerSecond / Setup.Gpus;

    /// <summary>Device-hours per million output tokens: G × 10⁶ ÷ output tokens/s ÷ 3600 (the whole request's time, prefill included).</summary>
    public double GpuHoursPerMillionOutputTokens => Setup.Gpus * 1e6 / OutputTokensPerSecond / 3600;

    /// <summary>Device-hours per million prompt tokens: G × TTFT ÷ (B·P) × 10⁶ ÷ 3600 (the prefill's time only).</summary>
    public double GpuHoursPerMillionInputTokens => Setup.Gpus * TimeToFirstToken.TotalSeconds / ((double)Setup.Batch * Setup.PromptTokens) * 1e6 / 3600;

    /// <summary>What bounds the decode step: bandwidth, compute or communication.</summary>
    public ServingBound BoundBy => Decode.BoundBy;
}
