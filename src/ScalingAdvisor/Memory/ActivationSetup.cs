using ScalingAdvisor.Compute;

namespace ScalingAdvisor.Memory;

/// <summary>What decides the activation memory of training (Korthikanti et al. 2022, Table 2).</summary>
public sealed record ActivationSetup
{
    /// <summary>Creates a setup.</summary>
    /// <param name="microBatchSize">b, sequences per micro-batch; ≥ 1.</param>
    /// <param name="sequenceLength">s in tokens; null means the model's context length.</param>
    /// <param name="recomputation">What is recomputed instead of stored.</param>
    /// <param name="flashAttention">True for memory-efficient attention (Dao et al. 2022), which never stores the score matrix.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is below 1 or the mode is undefined.</exception>
    public ActivationSetup(int microBatchSize = 1, int? sequenceLength = null, ActivationRecomputation recomputation = ActivationRecomputation.None, bool flashAttention = false)
    {
        MicroBatchSize = Preconditions.PositiveInt(microBatchSize);
        SequenceLength = sequenceLength is int s ? Preconditions.PositiveInt(s, nameof(sequenceLength)) : null;
        Recomputation = Enum.IsDefined(recomputation)
            ? recomputation
            : throw new ArgumentOutOfRangeException(nameof(recomputation), recomputation, "Unknown recomputation mode.");
        FlashAttention = flashAttention;
    }

    /// <summary>The defaults: micro-batch 1 at the model's context length, nothing recomputed, standard attention.</summary>
    public static ActivationSetup Default { get; } = new();

    /// <summary>b, sequences per micro-batch.</summary>
    public int MicroBatchSize { get; }

    /// <summary>s in tokens; null means the model's context length.</summary>
    public int? SequenceLength { get; }

    /// <summary>What is recomputed instead of stored.</summary>
    public ActivationRecomputation Recomputation { get; }

    /// <summary>True when memory-efficient (flash) attention drops the 5·a·s/d score term.</summary>
    public bool FlashAttention { get; }
}
