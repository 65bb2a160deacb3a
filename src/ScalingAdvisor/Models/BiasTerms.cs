namespace ScalingAdvisor.Models;

/// <summary>
/// Which linear layers of a transformer block carry bias vectors. GPT-2, GPT-3 and GPT-NeoX have them all;
/// LLaMA and Mistral have none; Qwen2 has biases on the query, key and value projections only.
/// </summary>
[Flags]
public enum BiasTerms
{
    /// <summary>No biases on any linear layer (LLaMA, Mistral, Mixtral).</summary>
    None = 0,

    /// <summary>Biases on the query, key and value projections: a·d_h + 2·a_kv·d_h per layer (Qwen2 has only these).</summary>
    QueryKeyValue = 1,

    /// <summary>A bias on the attention output projection: d per layer.</summary>
    AttentionOutput = 2,

    /// <summary>Biases on the feed-forward projections: f + d per layer for a plain FFN, 2·f + d for a gated one (per expert).</summary>
    FeedForward = 4,

    /// <summary>Biases everywhere (GPT-2, GPT-3, GPT-NeoX).</summary>
    All = QueryKeyValue | AttentionOutput | FeedForward,
}
