using ScalingAdvisor.Models;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Memory;

/// <summary>
/// Memory to serve a model (FORMULAS.md §3): weights at 16, 8 or 4 bits and the key/value cache, which grouped-query
/// attention shrinks by a / a_kv (Ainslie et al. 2023).
/// </summary>
public static class InferenceMemory
{
    /// <summary>The formulas of <see cref="Estimate(TransformerShape, InferenceSetup, ByteSize?)"/> in words, for reports.</summary>
    public const string Formulas = "weights N·bits/8 (all experts resident; quantisation group scales not counted); KV cache " + KeyValueCache.Rule;

    /// <summary>
    /// Estimates weights N·bits/8 (all parameters, every expert resident; 4-bit weights are half a byte each, not zero;
    /// quantisation group scales are not counted) and the KV cache of each sequence of the context's length by the
    /// attention type (<see cref="KeyValueCache.BytesPerSequence"/>), times the batch (Llama-2-70B at fp16:
    /// 2·80·8·128·2 = 327,680 bytes, 320 KiB, per token).
    /// </summary>
    /// <param name="shape">The model.</param>
    /// <param name="setup">Bits, batch and context.</param>
    /// <param name="gpuMemory">Memory to check against, or null.</param>
    /// <returns>The estimate.</returns>
    /// <exception cref="ArgumentException">The shape is inconsistent.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The memory is zero or a result overflows.</exception>
    public static InferenceMemoryEstimate Estimate(TransformerShape shape, InferenceSetup setup, ByteSize? gpuMemory = null)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(setup);
        var parameters = ParameterCounter.Count(shape).Total;
        int context = setup.ContextLength ?? shape.ContextLength;
        var perToken = KeyValueCachePerToken(shape, setup.KeyValueCacheBits);
        var cache = KeyValueCache.BytesPerSequence(shape, context, setup.KeyValueCacheBits) * (double)setup.BatchSize;
        var estimate = new InferenceMemoryEstimate(parameters, setup, context, Weights(parameters, setup.WeightBits), perToken, cache, true, null, []);
        return WithFit(estimate, [], gpuMemory);
    }

    /// <summary>Estimates the weights from a parameter count alone; the KV cache needs a shape and is omitted (a finding says so).</summary>
    /// <param name="parameters">N; must be &gt; 0.</param>
    /// <param name="setup">The weight bits (the cache settings are not used).</param>
    /// <param name="gpuMemory">Memory to check against, or null.</param>
    /// <returns>The estimate, with a zero KV cache.</returns>
    /// <exception cref="ArgumentOutOfRangeException">N or the memory is zero.</exception>
    public static InferenceMemoryEstimate Estimate(ParameterCount parameters, InferenceSetup setup, ByteSize? gpuMemory = null)
    {
        ArgumentNullException.ThrowIfNull(setup);
        Preconditions.Positive(parameters.Count, nameof(parameters));
        var findings = new List<MemoryFinding>
        {
            new(MemoryFindingKind.KeyValueCacheOmitted, "Only a parameter count was given: the KV cache is omitted (it needs layers, key/value heads and head width)."),
        };
        var estimate = new InferenceMemoryEstimate(parameters, setup, null, Weights(parameters, setup.WeightBits), ByteSize.Zero, ByteSize.Zero, false, null, findings);
        return WithFit(estimate, findings, gpuMemory);
    }

    /// <summary>
    /// KV cache per token of one sequence while it is shorter than every sliding window: 2 (keys and values)·L·a_kv·d_h·bits/8
    /// bytes, or L·(d_c + d_h^R)·bits/8 with latent attention (<see cref="KeyValueCache"/>). Past a window the local layers
    /// stop growing; <see cref="KeyValueCache.BytesPerSequence"/> gives the cache of a sequence of any length.
    /// </summary>
    /// <param name="shape">The model.</param>
    /// <param name="bits">Bits per cached element; 1–32.</param>
    /// <returns>Bytes per token.</returns>
    /// <exception cref="ArgumentException">The shape is inconsistent.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The bits are out of range.</exception>
    public static ByteSize KeyValueCachePerToken(TransformerShape shape, int bits = 16)
    {
        ArgumentNullException.ThrowIfNull(shape);
        shape.ValidateAs(nameof(shape));
        Preconditions.InRange(bits, 1, 32);
        return KeyValueCache.BytesPerSequence(shape, 1, bits);
    }

    /// <summary>Weights N·bits/8 bytes.</summary>
    /// <param name="parameters">N.</param>
    /// <param name="bits">Bits per weight; 1–32.</param>
    /// <returns>The bytes.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The bits are out of range, or the bytes cannot be represented.</exception>
    public static ByteSize Weights(ParameterCount parameters, int bits)
    {
        Preconditions.InRange(bits, 1, 32);
        return ByteSize.FromBits(Preconditions.FiniteResult(parameters.Count * bits, nameof(parameters), parameters.Count));
    }

    private static InferenceMemoryEstimate WithFit(InferenceMemoryEstimate estimate, List<MemoryFinding> findings, ByteSize? gpuMemory)
    {
        if (gpuMemory is ByteSize available)
        {
            var fit = estimate.CheckFit(available);
            if (!fit.Fits)
            {
                findings.Add(new MemoryFinding(
                    MemoryFindingKind.DoesNotFit,
                    $"Needs {QuantityFormatter.FormatBytesBinary(fit.Required.Bytes)} but has {QuantityFormatter.FormatBytesBinary(available.Bytes)}: short by {QuantityFormatter.FormatBytesBinary(fit.Shortfall.Bytes)}."));
            }

            return estimate with { Fit = fit, Findings = findings.ToArray() };
        }

        return estimate with { Findings = findings.ToArray() };
    }
}
