namespace ScalingAdvisor.Compute;

/// <summary>
/// How much of the forward pass is recomputed during the backward pass to save activation memory
/// (Korthikanti et al. 2022, Reducing Activation Recomputation in Large Transformer Models, §4–5).
/// </summary>
public enum ActivationRecomputation
{
    /// <summary>Nothing is recomputed: all activations are stored (Korthikanti Table 2, first rows).</summary>
    None,

    /// <summary>
    /// Selective recomputation: the attention scores, softmax and dropout (the 5·a·s/d term) are not stored and
    /// are recomputed; in FLOPs that is the QKᵀ and score·V matmuls once more (Korthikanti §4.2.2).
    /// </summary>
    Selective,

    /// <summary>
    /// Full recomputation: only each layer's input is stored (2·s·b·d bytes) and the whole forward pass of the layers
    /// is run again in the backward pass, turning Megatron's 72 into 96 (Narayanan et al. 2021, eq. 3).
    /// </summary>
    Full,
}
