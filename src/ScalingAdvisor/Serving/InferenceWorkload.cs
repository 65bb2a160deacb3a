using ScalingAdvisor.Compute;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Serving;

/// <summary>
/// What an inference replica serves: the model's size and bytes, and the batch and context it decodes at.
/// Plain quantities, so any source (a model shape, a memory estimate, a measurement) can fill it.
/// </summary>
public sealed record InferenceWorkload
{
    /// <summary>Creates a workload.</summary>
    /// <param name="activeParameters">Parameters used per token (all of them for a dense model; the active ones for mixture of experts), &gt; 0.</param>
    /// <param name="weightBytes">Bytes of weights read per decode step (N × bits ÷ 8 for the stored precision), &gt; 0.</param>
    /// <param name="kvCacheBytesPerToken">KV-cache bytes per token of context (2·L·a_kv·d_h·bytes, FORMULAS.md §3); may be zero.</param>
    /// <param name="batch">Sequences decoded together, ≥ 1.</param>
    /// <param name="contextTokens">Tokens of context each sequence attends to, ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public InferenceWorkload(ParameterCount activeParameters, ByteSize weightBytes, ByteSize kvCacheBytesPerToken, int batch, int contextTokens)
    {
        Preconditions.Positive(activeParameters.Count, nameof(activeParameters));
        Preconditions.Positive(weightBytes.Bytes, nameof(weightBytes));
        ActiveParameters = activeParameters;
        WeightBytes = weightBytes;
        KvCacheBytesPerToken = kvCacheBytesPerToken;
        Batch = Preconditions.PositiveInt(batch);
        ContextTokens = Preconditions.NonNegativeInt(contextTokens);
        Attention = Preconditions.Attributed(() => AttentionDimensions.Nominal(activeParameters), nameof(activeParameters), activeParameters.Count);

        // KvCacheBytes and the bytes a decode step reads are computed when read: check once here that they are representable.
        double kvCache = Preconditions.FiniteResult(kvCacheBytesPerToken.Bytes * ((double)contextTokens * batch), nameof(kvCacheBytesPerToken), kvCacheBytesPerToken.Bytes);
        Preconditions.FiniteResult(weightBytes.Bytes + kvCache, nameof(weightBytes), weightBytes.Bytes);
    }

    /// <summary>
    /// A workload whose weights are stored at <paramref name="weightBits"/> bits per parameter: weight bytes = N · bits ÷ 8
    /// (FORMULAS.md §3; group scales of quantised formats are not counted).
    /// </summary>
    /// <param name="parameters">Parameters N (all of them are read per step), &gt; 0.</param>
    /// <param name="weightBits">Bits per stored weight, in [1, 32] (16, 8 and 4 are usual).</param>
    /// <param name="kvCacheBytesPerToken">KV-cache bytes per token of context.</param>
    /// <param name="batch">Sequences decoded together, ≥ 1.</param>
    /// <param name="contextTokens">Tokens of context per sequence, ≥ 0.</param>
    /// <returns>The workload.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public static InferenceWorkload FromParameters(ParameterCount parameters, double weightBits, ByteSize kvCacheBytesPerToken, int batch, int contextTokens)
    {
        Preconditions.InRange(weightBits, 1, 32);
        return new InferenceWorkload(parameters, ByteSize.FromBits(Preconditions.FiniteResult(parameters.Count * weightBits, nameof(parameters), parameters.Count)), kvCacheBytesPerToken, batch, contextTokens);
    }

    /// <summary>Parameters used per token.</summary>
    public ParameterCount ActiveParameters { get; }

    /// <summary>Bytes of weights read per decode step.</summary>
    public ByteSize WeightBytes { get; }

    /// <summary>KV-cache bytes per token of context.</summary>
    public ByteSize KvCacheBytesPerToken { get; }

    /// <summary>Sequences decoded together.</summary>
    public int Batch { get; }

    /// <summary>Tokens of context per sequence; also the prompt that prefill processes.</summary>
    public int ContextTokens { get; }

    /// <summary>
    /// L and a·d_h for prefill's attention FLOPs (<see cref="TransformerFlops.Prefill"/>): by default those of the nominal
    /// shape of the active parameters (<see cref="AttentionDimensions.Nominal"/>); a caller that has the model's shape sets
    /// <see cref="AttentionDimensions.Of"/>.
    /// </summary>
    public AttentionDimensions Attention
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>KV-cache bytes read per decode step: per-token bytes × context × batch.</summary>
    public ByteSize KvCacheBytes => KvCacheBytesPerToken * ((double)ContextTokens * Batch);
}
