namespace ScalingAdvisor.Memory;

/// <summary>The choices behind a fine-tuning memory and compute estimate.</summary>
public sealed record FinetuneSetup
{
    /// <summary>The LoRA rank r when none is given: 8, the default of Hugging Face PEFT's <c>LoraConfig</c>.</summary>
    public const int DefaultRank = 8;

    /// <summary>Creates a setup.</summary>
    /// <param name="method">Full fine-tuning, LoRA or QLoRA.</param>
    /// <param name="rank">r, the rank of each adapter; ≥ 1 (not used by full fine-tuning).</param>
    /// <param name="targets">Which linear layers carry adapters (not used by full fine-tuning).</param>
    /// <param name="baseWeightBits">
    /// Bits per frozen base weight: 16 for full fine-tuning and LoRA, 4 (NF4, the default) or 8 (LLM.int8()) for QLoRA;
    /// null picks the method's default.
    /// </param>
    /// <param name="optimizer">The optimizer of the trainable weights.</param>
    /// <param name="layout">How the run is spread over GPUs; null means one GPU.</param>
    /// <param name="activations">Micro-batch, sequence length, recomputation and attention kernel; null means the defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException">The rank is below 1, or an enum value is undefined.</exception>
    /// <exception cref="ArgumentException">The base-weight bits do not suit the method.</exception>
    public FinetuneSetup(
        FinetuneMethod method = FinetuneMethod.Lora,
        int rank = DefaultRank,
        AdapterTargets targets = AdapterTargets.Attention,
        int? baseWeightBits = null,
        OptimizerKind optimizer = OptimizerKind.AdamW,
        ParallelLayout? layout = null,
        ActivationSetup? activations = null)
    {
        Method = Enum.IsDefined(method) ? method : throw new ArgumentOutOfRangeException(nameof(method), method, $"Unknown fine-tuning method {method}.");
        Rank = Preconditions.PositiveInt(rank);
        Targets = Enum.IsDefined(targets) ? targets : throw new ArgumentOutOfRangeException(nameof(targets), targets, $"Unknown adapter targets {targets}.");
        Optimizer = Enum.IsDefined(optimizer) ? optimizer : throw new ArgumentOutOfRangeException(nameof(optimizer), optimizer, $"Unknown optimizer {optimizer}.");
        BaseWeightBits = ResolveBaseWeightBits(method, baseWeightBits);
        Layout = layout ?? ParallelLayout.SingleGpu;
        Activations = activations ?? ActivationSetup.Default;
    }

    /// <summary>LoRA of rank 8 on the attention projections, 16-bit base, AdamW on one GPU.</summary>
    public static FinetuneSetup Default { get; } = new();

    /// <summary>Full fine-tuning, LoRA or QLoRA.</summary>
    public FinetuneMethod Method { get; }

    /// <summary>r, the rank of each adapter (not used by full fine-tuning).</summary>
    public int Rank { get; }

    /// <summary>Which linear layers carry adapters (not used by full fine-tuning).</summary>
    public AdapterTargets Targets { get; }

    /// <summary>Bits per frozen base weight of the linear layers: 16, 8 or 4.</summary>
    public int BaseWeightBits { get; }

    /// <summary>The optimizer of the trainable weights.</summary>
    public OptimizerKind Optimizer { get; }

    /// <summary>How the run is spread over GPUs.</summary>
    public ParallelLayout Layout { get; }

    /// <summary>Micro-batch, sequence length, recomputation and attention kernel.</summary>
    public ActivationSetup Activations { get; }

    /// <summary>True for LoRA and QLoRA: only adapters train.</summary>
    public bool UsesAdapters => Method != FinetuneMethod.Full;

    // Implementation note: a quantised base is what distinguishes QLoRA from LoRA, so a 16-bit QLoRA or a 4-bit "LoRA"
    // is rejected rather than silently renamed; full fine-tuning updates the weights themselves and needs them in 16 bits.
    private static int ResolveBaseWeightBits(FinetuneMethod method, int? baseWeightBits) => (method, baseWeightBits) switch
    {
        (FinetuneMethod.Qlora, null) => 4,
        (_, null) => 16,
        (FinetuneMethod.Qlora, 4 or 8) => baseWeightBits.Value,
        (FinetuneMethod.Full or FinetuneMethod.Lora, 16) => 16,
        (FinetuneMethod.Qlora, _) => throw new ArgumentException(
            $"baseWeightBits should be 4 or 8 for QLoRA (a quantised base) but was {baseWeightBits}; use LoRA for a 16-bit base.", nameof(baseWeightBits)),
        (FinetuneMethod.Lora, 4 or 8) => throw new ArgumentException(
            $"baseWeightBits should be 16 for LoRA but was {baseWeightBits}; a quantised base is QLoRA.", nameof(baseWeightBits)),
        _ => throw new ArgumentException(
            $"baseWeightBits should be 16 for {(method == FinetuneMethod.Full ? "full fine-tuning" : "LoRA")} but was {baseWeightBits}.", nameof(baseWeightBits)),
    };
}
