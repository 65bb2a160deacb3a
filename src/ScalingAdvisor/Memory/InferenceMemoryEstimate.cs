using ScalingAdvisor.Units;

namespace ScalingAdvisor.Memory;

/// <summary>Memory to serve a model: weights plus KV cache, with the setup that produced it.</summary>
/// <param name="Parameters">All parameters (every expert of a mixture stays resident).</param>
/// <param name="Setup">Bits, batch and context.</param>
/// <param name="ContextLength">The context used (the setup's, or the model's); null when only N was given.</param>
/// <param name="Weights">N·bits/8.</param>
/// <param name="KeyValueCachePerToken">2·L·a_kv·d_h·bits/8 (L·(d_c + d_h^R)·bits/8 with latent attention) for one token of one sequence shorter than every window; zero when omitted.</param>
/// <param name="KeyValueCache">The cache for the whole batch and context by attention type (KeyValueCache.BytesPerSequence × batch; sliding-window layers hold at most their window); zero when omitted.</param>
/// <param name="KeyValueCacheIncluded">False when only a parameter count was given.</param>
/// <param name="Fit">Whether it fits in the given memory; null when none was given.</param>
/// <param name="Findings">Typed notes: omissions, not fitting.</param>
public sealed record InferenceMemoryEstimate(
    ParameterCount Parameters,
    InferenceSetup Setup,
    int? ContextLength,
    ByteSize Weights,
    ByteSize KeyValueCachePerToken,
    ByteSize KeyValueCache,
    bool KeyValueCacheIncluded,
    MemoryFit? Fit,
    IReadOnlyList<MemoryFinding> Findings)
{
    /// <summary>Weights + KV cache (activations of a decode step are small and not counted).</summary>
    public ByteSize Total => Weights + KeyValueCache;

    /// <summary>Checks this estimate against a GPU's memory.</summary>
    /// <param name="gpuMemory">The memory; must be &gt; 0.</param>
    /// <returns>The fit with its headroom or shortfall.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The memory is zero.</exception>
    public MemoryFit CheckFit(ByteSize gpuMemory)
    {
        Preconditions.Positive(gpuMemory.Bytes, nameof(gpuMemory));
        return new MemoryFit(Total, gpuMemory);
    }
}
