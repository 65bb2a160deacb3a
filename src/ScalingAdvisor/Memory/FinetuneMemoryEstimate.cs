using ScalingAdvisor.Units;

namespace ScalingAdvisor.Memory;

/// <summary>Fine-tuning memory per GPU, split into frozen weights, trainable model states and activations.</summary>
/// <param name="Parameters">All parameters of the base model.</param>
/// <param name="TrainableParameters">The adapters' parameters for LoRA and QLoRA; all parameters for full fine-tuning.</param>
/// <param name="Setup">Method, rank, targets, base bits, optimizer, layout and activation setup.</param>
/// <param name="BytesPerTrainableParameter">Model-state bytes per trainable parameter before sharding.</param>
/// <param name="FrozenWeights">The frozen base weights held by one GPU; zero for full fine-tuning.</param>
/// <param name="TrainableWeights">The 16-bit trainable weights held by one GPU: the adapters, or every weight for full fine-tuning.</param>
/// <param name="Gradients">16-bit gradients of the trainable weights held by one GPU.</param>
/// <param name="OptimizerStates">Optimizer states (with the fp32 master copy) of the trainable weights held by one GPU.</param>
/// <param name="Activations">Activations held by one GPU, as in full training (Korthikanti et al. 2022, Table 2).</param>
/// <param name="FlopsPerToken">Forward plus backward FLOPs per training token (<see cref="FinetuneCompute"/>).</param>
/// <param name="Fit">Whether it fits in the given GPU memory; null when none was given.</param>
/// <param name="Findings">Typed notes: approximations, how experts are counted, not fitting.</param>
public sealed record FinetuneMemoryEstimate(
    ParameterCount Parameters,
    ParameterCount TrainableParameters,
    FinetuneSetup Setup,
    ModelStateBytes BytesPerTrainableParameter,
    ByteSize FrozenWeights,
    ByteSize TrainableWeights,
    ByteSize Gradients,
    ByteSize OptimizerStates,
    ByteSize Activations,
    FlopCount FlopsPerToken,
    MemoryFit? Fit,
    IReadOnlyList<MemoryFinding> Findings)
{
    /// <summary>The frozen base weights per GPU, at most an eighth of the double range (see <see cref="Part"/>).</summary>
    public ByteSize FrozenWeights { get; init => field = Part(value, nameof(FrozenWeights)); } = Part(FrozenWeights, nameof(FrozenWeights));

    /// <summary>The trainable weights per GPU, at most an eighth of the double range (see <see cref="Part"/>).</summary>
    public ByteSize TrainableWeights { get; init => field = Part(value, nameof(TrainableWeights)); } = Part(TrainableWeights, nameof(TrainableWeights));

    /// <summary>The gradients per GPU, at most an eighth of the double range (see <see cref="Part"/>).</summary>
    public ByteSize Gradients { get; init => field = Part(value, nameof(Gradients)); } = Part(Gradients, nameof(Gradients));

    /// <summary>The optimizer states per GPU, at most an eighth of the double range (see <see cref="Part"/>).</summary>
    public ByteSize OptimizerStates { get; init => field = Part(value, nameof(OptimizerStates)); } = Part(OptimizerStates, nameof(OptimizerStates));

    /// <summary>The activations per GPU, at most an eighth of the double range (see <see cref="Part"/>).</summary>
    public ByteSize Activations { get; init => field = Part(value, nameof(Activations)); } = Part(Activations, nameof(Activations));

    /// <summary>The pipeline stage whose GPUs these figures are (<see cref="TrainingMemoryEstimate.LargestStage"/>).</summary>
    public PipelineStage? LargestStage { get; init; }

    /// <summary>
    /// Trainable / all parameters: 1 for full fine-tuning; null when not defined (an estimate built by hand with no
    /// parameters, or with counts whose ratio a double cannot represent; <see cref="FinetuneMemory"/> never returns one).
    /// </summary>
    public double? TrainableFraction => Parameters.Count > 0 && TrainableParameters.Count / Parameters.Count is var fraction && double.IsFinite(fraction)
        ? fraction
        : null;

    /// <summary>The adapters' 16-bit weights held by one GPU; zero for full fine-tuning, which has no adapters.</summary>
    public ByteSize AdapterWeights => Setup.UsesAdapters ? TrainableWeights : ByteSize.Zero;

    /// <summary>Frozen + trainable weights per GPU.</summary>
    public ByteSize Weights => FrozenWeights + TrainableWeights;

    /// <summary>Weights + gradients + optimizer states per GPU.</summary>
    public ByteSize ModelStates => Weights + Gradients + OptimizerStates;

    /// <summary>Model states + activations per GPU.</summary>
    public ByteSize Total => ModelStates + Activations;

    /// <summary>Checks this estimate against a GPU's memory.</summary>
    /// <param name="gpuMemory">One GPU's memory; must be &gt; 0.</param>
    /// <returns>The fit with its headroom or shortfall.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The memory is zero.</exception>
    public MemoryFit CheckFit(ByteSize gpuMemory)
    {
        Preconditions.Positive(gpuMemory.Bytes, nameof(gpuMemory));
        return new MemoryFit(Total, gpuMemory);
    }

    // Implementation note: each of the five byte parts is at most an eighth of the double range, so that Weights,
    // ModelStates and Total, summed when read, can never overflow (a check of the sum would be bypassed by `with`).
    private static ByteSize Part(ByteSize value, string name)
        => value.Bytes <= double.MaxValue / 8
            ? value
            : throw new ArgumentOutOfRangeException(name, value.Bytes,
                $"{name} = {Preconditions.Show(value.Bytes)} bytes is beyond the largest part an estimate can sum (an eighth of the range of a double).");
}
