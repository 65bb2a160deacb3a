using ScalingAdvisor.Compute;

namespace ScalingAdvisor.Memory;

/// <summary>What decides the activation memory of training (Korthikanti et al. 2022, Table 2).</summary>
public sealed record ActivationSetup
{
    /// <summary>Creates a setup.</summary>
    /// <param name="microBatchSize">b, sequences per micro-batch; ≥ 1 (default <see cref="TrainingDefaults.MicroBatchSize"/>).</param>
    /// <param name="sequenceLength">
    /// s, the training sequence length in tokens (default <see cref="TrainingDefaults.SequenceLength"/>); never the model's
    /// context window, which long-context models reach only in a short final stage.
    /// </param>
    /// <param name="recomputation">What is recomputed instead of stored (default <see cref="TrainingDefaults.Recomputation"/>).</param>
    /// <param name="flashAttention">
    /// True for memory-efficient attention (Dao et al. 2022), which never stores the score matrix (default
    /// <see cref="TrainingDefaults.FlashAttention"/>).
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">A count is below 1 or the mode is undefined.</exception>
    public ActivationSetup(
        int microBatchSize = TrainingDefaults.MicroBatchSize,
        int sequenceLength = TrainingDefaults.SequenceLength,
        ActivationRecomputation recomputation = TrainingDefaults.Recomputation,
        bool flashAttention = TrainingDefaults.FlashAttention)
    {
        MicroBatchSize = Preconditions.PositiveInt(microBatchSize);
        SequenceLength = Preconditions.PositiveInt(sequenceLength, nameof(sequenceLength));
        Recomputation = Enum.IsDefined(recomputation)
            ? recomputation
            : throw new ArgumentOutOfRangeException(nameof(recomputation), recomputation, "Unknown recomputation mode.");
        FlashAttention = flashAttention;
    }

    /// <summary>The defaults of <see cref="TrainingDefaults"/>: micro-batch 1 of 4096 tokens, selective recomputation, flash attention.</summary>
    public static ActivationSetup Default { get; } = new();

    /// <summary>b, sequences per micro-batch.</summary>
    public int MicroBatchSize { get; }

    /// <summary>s, the training sequence length in tokens.</summary>
    public int SequenceLength { get; }

    /// <summary>What is recomputed instead of stored.</summary>
    public ActivationRecomputation Recomputation { get; }

    /// <summary>True when memory-efficient (flash) attention drops the 5·a·s/d score term.</summary>
    public bool FlashAttention { get; }
}
