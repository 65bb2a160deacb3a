namespace ScalingAdvisor.Compute;

/// <summary>
/// How Multi-head Latent Attention is computed (DeepSeek-V2 §2.1.2), which changes its attention FLOPs; other attention
/// types ignore it.
/// </summary>
public enum LatentAttentionForm
{
    /// <summary>
    /// Keys and values are decompressed from the latent (per head, d_h^C + d_h^R for scores and d_h^V for values): the
    /// cheaper form when every token's keys and values are computed once, as in training and prefill.
    /// </summary>
    Unabsorbed,

    /// <summary>
    /// W^UK is absorbed into the query and W^UV into the output ("we can absorb W^UK into W^Q, and W^UV into W^O",
    /// DeepSeek-V2 §2.1.2): scores are taken over the cached latent and rotary key, d_c + d_h^R per head, and values over the
    /// latent, d_c per head. The form decoding from a latent cache uses.
    /// </summary>
    Absorbed,
}
