namespace ScalingAdvisor.Models;

/// <summary>Where a transformer block places its norms; it decides how many norms each layer has.</summary>
public enum NormPlacement
{
    /// <summary>Pre-norm (Xiong et al. 2020): one norm before attention and one before the feed-forward block, 2 per layer (GPT-2, LLaMA).</summary>
    Pre,

    /// <summary>
    /// Post-norm: one norm after attention and one after the feed-forward block, 2 per layer (Vaswani et al. 2017;
    /// OPT-350M with <c>do_layer_norm_before = false</c>; OLMo 2, OLMo et al. 2024 §3.2, normalises each sublayer's output).
    /// </summary>
    Post,

    /// <summary>
    /// Sandwich: a norm before and after both attention and the feed-forward block, 4 per layer (Gemma 2, Gemma Team 2024 §2,
    /// "we use RMSNorm to normalize the input and output of each transformer sub-layer"; Gemma 3; <c>transformers</c>
    /// <c>Gemma2DecoderLayer</c>: input, post-attention, pre- and post-feed-forward layernorms).
    /// </summary>
    Sandwich,

    /// <summary>
    /// One norm per layer feeding attention and the feed-forward block in parallel (GPT-J; Falcon-7B with
    /// <c>parallel_attn</c>, <c>transformers</c> <c>FalconDecoderLayer</c> without <c>new_decoder_architecture</c>).
    /// </summary>
    SharedParallel,
}
