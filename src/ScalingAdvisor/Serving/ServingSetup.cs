using ScalingAdvisor.Hardware;
using ScalingAdvisor.Memory;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Serving;

/// <summary>How a replica serves: its devices, storage widths, request shape, batch, compute precision and utilisations.</summary>
public sealed record ServingSetup
{
    /// <summary>The default devices per replica (tensor-parallel degree), 1.</summary>
    public const int DefaultGpus = 1;

    /// <summary>The most devices one replica's tensor parallelism spans, 72 (an NVL72 rack, the largest NVLink domain sold).</summary>
    public const int MaxGpus = 72;

    /// <summary>The default compute precision, bf16 (fp16 on a part without a bf16 peak: <see cref="ComputePrecisionOn"/>).</summary>
    public const Precision DefaultComputePrecision = Precision.Bf16;

    /// <summary>Bytes per element of the activations tensor-parallel all-reduces carry, 2 (16-bit).</summary>
    public const int ActivationBytes = 2;

    /// <summary>Creates a setup.</summary>
    /// <param name="promptTokens">P, prompt tokens per request, ≥ 1.</param>
    /// <param name="outputTokens">O, generated tokens per request, ≥ 1.</param>
    /// <param name="batch">B, requests served together, ≥ 1.</param>
    /// <param name="gpus">G, devices of the replica (tensor parallelism), 1–72.</param>
    /// <param name="weightBits">Bits per stored weight, 1–32 (16, 8, 4).</param>
    /// <param name="keyValueBits">Bits per cached key/value element, 1–32 (16, 8).</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public ServingSetup(
        int promptTokens,
        int outputTokens,
        int batch = InferenceSetup.DefaultBatchSize,
        int gpus = DefaultGpus,
        int weightBits = InferenceSetup.DefaultWeightBits,
        int keyValueBits = InferenceSetup.DefaultKeyValueCacheBits)
    {
        PromptTokens = Preconditions.PositiveInt(promptTokens);
        OutputTokens = Preconditions.PositiveInt(outputTokens);
        Batch = Preconditions.PositiveInt(batch);
        Gpus = (int)Preconditions.InRange(gpus, 1, MaxGpus);
        Weights = WeightFormat.For(weightBits);
        KeyValueBits = (int)Preconditions.InRange(keyValueBits, InferenceSetup.MinBits, InferenceSetup.MaxBits);
    }

    /// <summary>P.</summary>
    public int PromptTokens { get; }

    /// <summary>O.</summary>
    public int OutputTokens { get; }

    /// <summary>B.</summary>
    public int Batch { get; }

    /// <summary>G.</summary>
    public int Gpus { get; }

    /// <summary>The stored weights' format (bits and group scales).</summary>
    public WeightFormat Weights { get; }

    /// <summary>Bits per cached key/value element.</summary>
    public int KeyValueBits { get; }

    /// <summary>
    /// The precision the matmuls run at, whose dense peak prefill and decode compute use; null for
    /// <see cref="DefaultComputePrecision"/>. Weight-only quantisation (8- or 4-bit weights) still computes at the 16-bit
    /// peak; fp8 compute is this separate choice.
    /// </summary>
    public Precision? ComputePrecision { get; init; }

    /// <summary>MFU for compute-bound work and bandwidth utilisation for memory-bound work.</summary>
    public InferenceEfficiency Efficiency
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(value));
    } = InferenceEfficiency.Default;

    /// <summary>Memory kept out of weights and KV cache on each device; none by default.</summary>
    public MemoryReserve Reserve { get; init; }

    /// <summary>The all-reduce cost model of tensor parallelism.</summary>
    public TensorParallelCommunication Communication
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(value));
    } = TensorParallelCommunication.Default;

    /// <summary>This setup at another batch, device count and weight width, every other choice kept (the SLO plan's search).</summary>
    /// <param name="batch">B, ≥ 1.</param>
    /// <param name="gpus">G, 1–72.</param>
    /// <param name="weightBits">Bits per stored weight, 1–32.</param>
    /// <returns>The setup.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public ServingSetup With(int batch, int gpus, int weightBits) => new(PromptTokens, OutputTokens, batch, gpus, weightBits, KeyValueBits)
    {
        ComputePrecision = ComputePrecision,
        Efficiency = Efficiency,
        Reserve = Reserve,
        Communication = Communication,
    };

    /// <summary>The mean context of a decode step: P + O/2 (the KV cache grows from P to P + O over the O steps).</summary>
    public double MeanDecodeContext => PromptTokens + (OutputTokens / 2.0);

    /// <summary>The precision used on <paramref name="accelerator"/>: the chosen one, or bf16, or fp16 where there is no bf16 peak (V100).</summary>
    /// <param name="accelerator">The device.</param>
    /// <returns>The precision.</returns>
    public Precision ComputePrecisionOn(AcceleratorProfile accelerator)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        return ComputePrecision ?? (accelerator.Supports(DefaultComputePrecision) || !accelerator.Supports(Precision.Fp16) ? DefaultComputePrecision : Precision.Fp16);
    }
}
