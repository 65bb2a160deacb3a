namespace ScalingAdvisor.Models;

/// <summary>
/// Multi-head Latent Attention (MLA; DeepSeek-AI 2024, DeepSeek-V2 §2.1, eqs. 9–19): keys and values are
/// compressed into one latent c_KV of width d_c per token, which is what the KV cache holds, plus a decoupled
/// rotary key of width d_h^R shared by all heads; queries may be compressed through a latent of width d_c'.
/// Names follow the reference implementation (<c>transformers</c> <c>DeepseekV3Attention</c>,
/// <c>configuration_deepseek_v3.py</c>): <c>q_lora_rank</c>, <c>kv_lora_rank</c>, <c>qk_nope_head_dim</c>,
/// <c>qk_rope_head_dim</c>, <c>v_head_dim</c>.
/// </summary>
/// <remarks>
/// Per layer (a heads, d model width): queries d·(a·(d_h^C + d_h^R)) without a query latent, else d·d_c' + d_c'
/// (its RMSNorm) + d_c'·(a·(d_h^C + d_h^R)); keys and values d·(d_c + d_h^R) + d_c (the latent's RMSNorm) +
/// d_c·(a·(d_h^C + d_h^V)); output (a·d_h^V)·d. The KV cache holds d_c + d_h^R elements per token and layer
/// (DeepSeek-V2 §2.1.2 and Table 1: (d_c + d_h^R)·l elements per token).
/// </remarks>
public sealed record LatentAttention
{
    private readonly int? _queryLatentRank;
    private readonly int _keyValueLatentRank;
    private readonly int _nonRotaryHeadWidth;
    private readonly int _rotaryHeadWidth;
    private readonly int _valueHeadWidth;

    /// <summary>
    /// d_c' (<c>q_lora_rank</c>): the width of the query latent; null when queries are projected directly from the
    /// residual stream, as in DeepSeek-V2-Lite (DeepSeek-V2 App. B).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public int? QueryLatentRank
    {
        get => _queryLatentRank;
        init => _queryLatentRank = value is int rank ? Preconditions.PositiveInt(rank, nameof(QueryLatentRank)) : null;
    }

    /// <summary>d_c (<c>kv_lora_rank</c>): the width of the compressed key/value latent the cache holds (512 in DeepSeek-V2 and V3).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public required int KeyValueLatentRank
    {
        get => _keyValueLatentRank;
        init => _keyValueLatentRank = Preconditions.PositiveInt(value, nameof(KeyValueLatentRank));
    }

    /// <summary>d_h^C (<c>qk_nope_head_dim</c>): the per-head width of the query and key part without rotary positions (128 in V2 and V3).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public required int NonRotaryHeadWidth
    {
        get => _nonRotaryHeadWidth;
        init => _nonRotaryHeadWidth = Preconditions.PositiveInt(value, nameof(NonRotaryHeadWidth));
    }

    /// <summary>d_h^R (<c>qk_rope_head_dim</c>): the per-head width of the decoupled rotary query and of the shared rotary key (64 in V2 and V3).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public required int RotaryHeadWidth
    {
        get => _rotaryHeadWidth;
        init => _rotaryHeadWidth = Preconditions.PositiveInt(value, nameof(RotaryHeadWidth));
    }

    /// <summary>d_h^V (<c>v_head_dim</c>): the per-head width of the values (128 in V2 and V3).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public required int ValueHeadWidth
    {
        get => _valueHeadWidth;
        init => _valueHeadWidth = Preconditions.PositiveInt(value, nameof(ValueHeadWidth));
    }

    /// <summary>d_h^C + d_h^R: the per-head width of queries and keys, over which attention scores are taken.</summary>
    public int QueryKeyHeadWidth => _nonRotaryHeadWidth + _rotaryHeadWidth;

    /// <summary>d_c + d_h^R: the elements the KV cache holds per token and layer (DeepSeek-V2 Table 1).</summary>
    public int CachedElementsPerToken => _keyValueLatentRank + _rotaryHeadWidth;
}
