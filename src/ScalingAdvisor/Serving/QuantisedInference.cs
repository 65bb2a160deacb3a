using ScalingAdvisor.Hardware;
using ScalingAdvisor.Memory;
using ScalingAdvisor.Models;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Serving;

/// <summary>Serving a model with its weights stored at a given width: memory, devices per replica and decode speed.</summary>
/// <param name="WeightBits">Bits per stored weight.</param>
/// <param name="WeightBytes">Weights, N·bits/8 (group scales not counted, as <see cref="InferenceMemory.Weights"/>).</param>
/// <param name="KeyValueCacheBytes">16-bit KV cache of the batch at the context length.</param>
/// <param name="DevicesPerReplica">The fewest devices whose memory holds weights and cache.</param>
/// <param name="DecodeTokensPerSecond">Decode tokens/s of one replica (roofline, ideal tensor parallelism over its devices).</param>
/// <param name="BoundBy">Whether a decode step is memory- or compute-bound.</param>
public sealed record ServingOption(
    int WeightBits,
    ByteSize WeightBytes,
    ByteSize KeyValueCacheBytes,
    int DevicesPerReplica,
    double DecodeTokensPerSecond,
    RooflineBound BoundBy)
{
    /// <summary>The fewest devices whose memory holds weights and cache, ≥ 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The count is below 1.</exception>
    public int DevicesPerReplica { get; init; } = Preconditions.PositiveInt(DevicesPerReplica, nameof(DevicesPerReplica));

    /// <summary>Decode tokens/s per device: what a fleet of replicas serves per GPU.</summary>
    public double DecodeTokensPerSecondPerDevice => DecodeTokensPerSecond / DevicesPerReplica;

    /// <summary>Weights plus KV cache.</summary>
    public ByteSize TotalBytes => WeightBytes + KeyValueCacheBytes;
}

/// <summary>
/// The quantised-inference what-if: the recommended model served at 16-bit and at narrower weights on the training
/// accelerator. Memory from <see cref="InferenceMemory"/> (KV cache of the <see cref="NominalShape"/>, FORMULAS.md §3),
/// speed from <see cref="InferenceRoofline"/> (Pope et al. 2022): a replica spread over g devices with ideal tensor
/// parallelism reads 1/g of the bytes and does 1/g of the FLOPs on each, communication ignored. What narrower weights
/// do to the loss is not modelled: no published law gives it in nats.
/// </summary>
public static class QuantisedInference
{
    /// <summary>Sequences decoded together by default: one, the latency-bound case.</summary>
    public const int DefaultBatch = 1;

    /// <summary>Tokens of context by default, 2048 (Chinchilla's training context; Hoffmann et al. 2022 §4).</summary>
    public const int DefaultContextTokens = 2048;

    /// <summary>Serving options of an N-parameter dense model at each weight width.</summary>
    /// <param name="parameters">N; must be &gt; 0.</param>
    /// <param name="accelerator">The serving device.</param>
    /// <param name="weightBits">The widths to compare, each in [1, 32] (e.g. 16, 8, 4).</param>
    /// <param name="batch">Sequences decoded together, ≥ 1.</param>
    /// <param name="contextTokens">Tokens of context per sequence, ≥ 1.</param>
    /// <param name="efficiency">MFU and bandwidth utilisation; null for the defaults.</param>
    /// <returns>One option per width, in the order given.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public static IReadOnlyList<ServingOption> Compare(
        ParameterCount parameters,
        AcceleratorProfile accelerator,
        IReadOnlyList<int> weightBits,
        int batch = DefaultBatch,
        int contextTokens = DefaultContextTokens,
        InferenceEfficiency? efficiency = null)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        ArgumentNullException.ThrowIfNull(weightBits);
        Preconditions.Positive(parameters.Count, nameof(parameters));
        Preconditions.PositiveInt(batch, nameof(batch));
        Preconditions.PositiveInt(contextTokens, nameof(contextTokens));
        var shape = Preconditions.Attributed(() => NominalShape.For(parameters).ToShape(contextTokens), nameof(parameters), parameters.Count);
        var cachePerToken = InferenceMemory.KeyValueCachePerToken(shape);
        var cache = cachePerToken * ((double)contextTokens * batch);

        foreach (int bits in weightBits)
        {
            Preconditions.InRange(bits, 1, 32, nameof(weightBits));
        }

        var options = new ServingOption[weightBits.Count];
        for (int i = 0; i < options.Length; i++)
        {
            var weights = InferenceMemory.Weights(parameters, weightBits[i]);
            int devices = (int)Math.Max(1, Math.Ceiling((weights + cache).Bytes / accelerator.Memory.Bytes));
            var perDevice = new InferenceWorkload(
                ParameterCount.FromCount(parameters.Count / devices), weights / devices, cachePerToken / devices, batch, contextTokens);
            var speed = InferenceRoofline.Estimate(perDevice, accelerator, efficiency: efficiency);
            options[i] = new ServingOption(weightBits[i], weights, cache, devices, speed.DecodeTokensPerSecond, speed.BoundBy);
        }

        return options;
    }
}
