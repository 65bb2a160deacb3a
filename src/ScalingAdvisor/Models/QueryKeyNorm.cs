namespace ScalingAdvisor.Models;

/// <summary>Whether queries and keys are normalised before attention (QK-norm, Dehghani et al. 2023 §3.1), and over what width.</summary>
public enum QueryKeyNorm
{
    /// <summary>No QK-norm (LLaMA, Mistral).</summary>
    None,

    /// <summary>
    /// An RMSNorm over each head, its d_h gains shared by all heads: 2·d_h parameters per layer (Qwen3, Yang et al. 2025 §2;
    /// Gemma 3; <c>transformers</c> <c>Qwen3Attention</c> <c>q_norm</c>/<c>k_norm</c> of <c>head_dim</c>).
    /// </summary>
    PerHead,

    /// <summary>
    /// An RMSNorm over all query heads and one over all key heads: (a + a_kv)·d_h parameters per layer (OLMo 2, OLMo et al. 2024
    /// §3.2; <c>transformers</c> <c>Olmo2Attention</c> <c>q_norm</c> of a·d_h and <c>k_norm</c> of a_kv·d_h).
    /// </summary>
    AcrossHeads,
}
