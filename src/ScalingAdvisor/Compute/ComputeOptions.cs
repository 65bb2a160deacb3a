namespace ScalingAdvisor.Compute;

/// <summary>Choices behind a compute estimate. Unset lengths default to the model's context length.</summary>
public sealed record ComputeOptions
{
    private readonly int? _sequenceLength;
    private readonly int? _inferenceContextLength;
    private readonly ActivationRecomputation _recomputation;

    /// <summary>The defaults: sequence and inference context at the model's context length, no recomputation.</summary>
    public static ComputeOptions Default { get; } = new();

    /// <summary>s, the training sequence length in tokens; null means the model's context length.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public int? SequenceLength
    {
        get => _sequenceLength;
        init => _sequenceLength = value is int v ? Preconditions.PositiveInt(v, nameof(SequenceLength)) : null;
    }

    /// <summary>The number of cached tokens a generated token attends to; null means the model's context length.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public int? InferenceContextLength
    {
        get => _inferenceContextLength;
        init => _inferenceContextLength = value is int v ? Preconditions.PositiveInt(v, nameof(InferenceContextLength)) : null;
    }

    /// <summary>What the backward pass recomputes; <see cref="ActivationRecomputation.None"/> by default (model FLOPs).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined mode.</exception>
    public ActivationRecomputation Recomputation
    {
        get => _recomputation;
        init => _recomputation = Enum.IsDefined(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Recomputation), value, "Unknown recomputation mode.");
    }
}
