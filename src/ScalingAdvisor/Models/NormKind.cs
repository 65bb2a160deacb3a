namespace ScalingAdvisor.Models;

/// <summary>The normalisation layer a transformer uses; it decides how many parameters each norm has.</summary>
public enum NormKind
{
    /// <summary>
    /// RMSNorm (Zhang and Sennrich 2019): a gain vector only, d parameters per norm. LLaMA, Mistral, Qwen2,
    /// Gopher and Chinchilla use it.
    /// </summary>
    RmsNorm,

    /// <summary>LayerNorm (Ba et al. 2016): a gain and a bias vector, 2·d parameters per norm. GPT-2, GPT-3 and GPT-NeoX use it.</summary>
    LayerNorm,
}
