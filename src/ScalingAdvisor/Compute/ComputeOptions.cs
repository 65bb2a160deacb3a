namespace ScalingAdvisor.Compute;

/// <summary>
/// Choices behind a compute estimate. The training sequence length and recomputation default to
/// <see cref="TrainingDefaults"/>; the inference context defaults to the model's context length.
/// </summary>
public sealed record ComputeOptions
{
    private readonly int _sequenceLength = TrainingDefaults.SequenceLength;
    private readonly int? _inferenceContextLength;
    private readonly ActivationRecomputation _recomputation = TrainingDefaults.Recomputation;

    /// <summary>
    /// The defaults: training sequence <see cref="TrainingDefaults.SequenceLength"/>, recomputation
    /// <see cref="TrainingDefaults.Recomputation"/>, inference context at the model's context length.
    /// </summary>
    public static ComputeOptions Default { get; } = new();

    /// <summary>s, the training sequence length in tokens (default <see cref="TrainingDefaults.SequenceLength"/>, never the context window).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public int SequenceLength
    {
        get => _sequenceLength;
        init => _sequenceLength = Preconditions.PositiveInt(value, nameof(SequenceLength));
    }

    /// <summary>The number of cached tokens a generated token attends to; null means the model's context length.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public int? InferenceContextLength
    {
        get => _inferenceContextLength;
        init => _inferenceContextLength = value is int v ? Preconditions.PositiveInt(v, nameof(InferenceContextLength)) : null;
    }

    /// <summary>What the backward pass recomputes, counted as hardware FLOPs (default <see cref="TrainingDefaults.Recomputation"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined mode.</exception>
    public ActivationRecomputation Recomputation
    {
        get => _recomputation;
        init => _recomputation = Enum.IsDefined(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Recomputation), value, "Unknown recomputation mode.");
    }
}
