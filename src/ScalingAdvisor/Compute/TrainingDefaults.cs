namespace ScalingAdvisor.Compute;

/// <summary>
/// The one default of each training choice that every calculator, scenario and CLI command uses when the caller does
/// not choose: held here once so that <c>memory train</c>, <c>flops</c>, <c>time</c>, <c>advise</c> and <c>levers</c>
/// cannot disagree, and the CLI's help prints these values rather than its own copies.
/// </summary>
public static class TrainingDefaults
{
    /// <summary>
    /// s, the training sequence length in tokens when the model's source states none (a shape given by hand, a Hugging
    /// Face config, the advisor's nominal shape): 4096, the pre-training length of Llama 2 (Touvron et al. 2023b,
    /// Table 1, "Context Length 4k"), the median of the 2023–24 open models in the preset catalog (2048 to 8192).
    /// </summary>
    /// <remarks>
    /// Never the model's context window (<c>max_position_embeddings</c>): long-context models reach 32k–128k only in a
    /// short final stage (Dubey et al. 2024 §3.4.2), and sizing memory or FLOPs at that length overstates them 4–30×.
    /// </remarks>
    public const int SequenceLength = 4096;

    /// <summary>
    /// What the backward pass recomputes: selective recomputation of the attention scores (Korthikanti et al. 2022 §4.2.2,
    /// the Megatron-LM default since), which removes the 5·a·s/d activation term for ~2–4% more FLOPs.
    /// </summary>
    public const ActivationRecomputation Recomputation = ActivationRecomputation.Selective;

    /// <summary>
    /// Memory-efficient (flash) attention on (Dao et al. 2022): every 2024 training stack (Megatron-LM, DeepSpeed,
    /// PyTorch's scaled_dot_product_attention) uses it, so the score matrix is never stored.
    /// </summary>
    public const bool FlashAttention = true;

    /// <summary>
    /// The ZeRO stage over the data-parallel ranks: 1, optimizer states sharded (ZeRO P_os, Rajbhandari et al. 2020
    /// §5.1 and Fig. 1: 4× less model-state memory at plain data parallelism's communication volume, §7.2.1), which is
    /// Megatron-LM's distributed optimizer (<c>--use-distributed-optimizer</c>) and the everyday large-run setup; the
    /// full replica of stage 0 has no reason at these sizes. Used by <c>memory train</c>, <c>memory finetune</c> and
    /// the <c>levers</c> baseline. With one data-parallel rank it changes nothing.
    /// </summary>
    public const int ZeroStage = 1;

    /// <summary>
    /// Sequence parallelism on: whenever tensor parallelism splits a layer over t GPUs, the LayerNorm and dropout
    /// activations are split over the same t GPUs too (Korthikanti et al. 2022 §4.2.2, Table 2: 34·s·b·h/t instead of
    /// s·b·h·(10 + 24/t) bytes per layer), at no extra communication (its all-gather and reduce-scatter replace
    /// tensor parallelism's all-reduce). Megatron-LM uses the two together; at t = 1 it changes nothing. Used by
    /// <c>memory train</c>, <c>memory finetune</c>, the <c>levers</c> baseline and the advisor's memory check.
    /// </summary>
    public const bool SequenceParallel = true;

    /// <summary>b, sequences per micro-batch: 1, the smallest and the memory lower bound.</summary>
    public const int MicroBatchSize = 1;

    /// <summary>Tensor-parallel degree t when none is given: 1, no tensor parallelism (the layout is the user's choice).</summary>
    public const int TensorParallel = 1;

    /// <summary>Pipeline-parallel stages p when none are given: 1, no pipeline.</summary>
    public const int PipelineParallel = 1;

    /// <summary>Expert-parallel degree e when none is given: 1, every data-parallel rank holds all routed experts.</summary>
    public const int ExpertParallel = 1;

    /// <summary>
    /// Expert all-to-all overlapped with the adjacent micro-batch's compute: off, Megatron-Core's default
    /// (<c>--overlap-moe-expert-parallel-comm</c>, "Batch-level EP overlap", default False: megatron/core/transformer/moe/README.md).
    /// The Megatron-Bridge performance recipes differ by system: on for DeepSeek-V3 and Qwen3-235B-A22B on H100
    /// (<c>DEEPSEEK_V3_H100_BASE_CONFIG</c>, <c>QWEN3_235B_A22B_H100_FP8_CS_BASE_CONFIG</c>: <c>moe_a2a_overlap=True</c>,
    /// v0.2.0), off for DeepSeek-V3 on B200, GB200 and GB300 (<c>moe_a2a_overlap=False</c>, v0.2.0 to v0.3.1).
    /// </summary>
    public const bool ExpertAllToAllOverlap = false;

    /// <summary>Training precision when none is given: bf16 mixed precision, as current large runs use (Llama 3,
    /// Dubey et al. 2024).</summary>
    public const ScalingAdvisor.Hardware.Precision Precision = ScalingAdvisor.Hardware.Precision.Bf16;

    /// <summary>
    /// Devices in a cluster when none is given: 8, one GPU server (DGX/HGX), the unit tensor parallelism stays within
    /// (Narayanan et al. 2021 §3.3, takeaway 1) and the everyday training setup.
    /// </summary>
    public const int Devices = 8;

    /// <summary>The accelerator of a scenario when none is given (<c>advise</c>, <c>levers</c>): the H100 SXM, the 2024 training workhorse.</summary>
    public const string AcceleratorId = "h100-sxm";
}
