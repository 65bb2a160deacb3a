namespace ScalingAdvisor.Memory;

/// <summary>Which linear layers of every transformer block carry LoRA adapters.</summary>
public enum AdapterTargets
{
    /// <summary>The query, key, value and output projections W_q, W_k, W_v, W_o (Hu et al. 2021, §4.2 and Table 5).</summary>
    Attention,

    /// <summary>The feed-forward projections: gate, up and down for a gated FFN, up and down for a plain one (per expert).</summary>
    Mlp,

    /// <summary>Every linear layer of the block: attention and feed-forward (Dettmers et al. 2023, QLoRA §4, "all linear layers").</summary>
    All,
}
