using ScalingAdvisor.Models;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Memory;

/// <summary>
/// The key/value cache of one sequence, following the model's attention type (FORMULAS.md §3): per layer and cached token,
/// multi-head, grouped-query and multi-query attention hold a key and a value of a_kv·d_h each, 2·a_kv·d_h elements
/// (Ainslie et al. 2023); Multi-head Latent Attention holds the compressed latent and the decoupled rotary key,
/// d_c + d_h^R elements (DeepSeek-V2 §2.1.2 and Table 1). A sliding-window layer holds at most its window of tokens
/// (Jiang et al. 2023, Mistral 7B §2, rolling buffer cache), a global layer the whole sequence.
/// </summary>
public static class KeyValueCache
{
    /// <summary>The rule of <see cref="BytesPerSequence"/> in words, for reports.</summary>
    public const string Rule = "per layer: 2·a_kv·d_h elements per token (MHA/GQA/MQA), d_c + d_h^R with latent attention (DeepSeek-V2 §2.1.2); sliding-window layers hold min(tokens, window) tokens, global layers all; × bits/8";

    /// <summary>
    /// The KV cache of one sequence of <paramref name="tokens"/> tokens: Σ over layers of (elements per token) ·
    /// (tokens held) · bits / 8, where a sliding-window layer holds min(tokens, window) tokens. Llama-2-70B at 16 bits
    /// holds 2·80·8·128·2 = 327,680 bytes per token; DeepSeek-V3 holds (512 + 64)·61·2 = 70,272 bytes per token.
    /// </summary>
    /// <param name="shape">The model.</param>
    /// <param name="tokens">The tokens of the sequence (prompt and generated), ≥ 0.</param>
    /// <param name="bits">Bits per cached element, 1–32.</param>
    /// <returns>The bytes of one sequence's cache.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="shape"/> is null.</exception>
    /// <exception cref="ArgumentException">The shape is inconsistent.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The tokens are negative or the bits out of range.</exception>
    public static ByteSize BytesPerSequence(TransformerShape shape, int tokens, int bits = InferenceSetup.DefaultKeyValueCacheBits)
    {
        ArgumentNullException.ThrowIfNull(shape);
        shape.ValidateAs(nameof(shape));
        Preconditions.NonNegativeInt(tokens);
        Preconditions.InRange(bits, InferenceSetup.MinBits, InferenceSetup.MaxBits);
        return ByteSize.FromBits(ElementsPerSequence(shape, tokens) * bits);
    }

    /// <summary>
    /// The elements one layer caches per token: 2·a_kv·d_h, or d_c + d_h^R with latent attention.
    /// </summary>
    /// <param name="shape">The model.</param>
    /// <returns>Elements per token and layer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="shape"/> is null.</exception>
    /// <exception cref="ArgumentException">The shape is inconsistent.</exception>
    public static long ElementsPerTokenPerLayer(TransformerShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        shape.ValidateAs(nameof(shape));
        return PerLayer(shape);
    }

    internal static double ElementsPerSequence(TransformerShape shape, int tokens)
    {
        int local = shape.SlidingWindowLayers;
        int global = shape.Layers - local;
        double held = ((double)global * tokens) + (local == 0 ? 0 : (double)local * Math.Min(tokens, shape.SlidingWindow!.Value));
        return PerLayer(shape) * held;
    }

    private static long PerLayer(TransformerShape shape)
        => shape.LatentAttention is { } mla ? mla.CachedElementsPerToken : 2 * shape.KeyValueWidth;
}
