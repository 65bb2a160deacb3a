namespace ScalingAdvisor.Models;

/// <summary>How a transformer encodes token positions; it decides whether positions carry parameters.</summary>
public enum PositionEncoding
{
    /// <summary>Rotary embeddings (Su et al. 2021, RoFormer): no parameters. LLaMA, Mistral, Qwen2, GPT-NeoX.</summary>
    Rotary,

    /// <summary>A learned absolute position table of n_ctx·d parameters (GPT-2, GPT-3; Radford et al. 2019).</summary>
    Learned,

    /// <summary>
    /// Transformer-XL relative encodings (Dai et al. 2019 §3.3), as Gopher and Chinchilla use them (Rae et al. 2021 §2):
    /// each layer has a key projection W_{k,R} of the relative sinusoids, d·(a·d_h) parameters, counted with attention.
    /// </summary>
    Relative,

    /// <summary>
    /// ALiBi (Press et al. 2022, Train Short, Test Long): a fixed per-head linear bias on attention scores, no parameters.
    /// BLOOM and Falcon with <c>alibi</c> use it.
    /// </summary>
    Alibi,
}
