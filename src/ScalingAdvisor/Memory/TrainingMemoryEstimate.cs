using ScalingAdvisor.Units;

namespace ScalingAdvisor.Memory;

/// <summary>
/// Training memory per GPU, split into model states and activations, with the setup that produced it. With pipeline
/// parallelism the stages differ (<see cref="TrainingMemory.Stages"/>) and every figure is that of the stage that needs
/// the most memory, <see cref="LargestStage"/>.
/// </summary>
/// <param name="Parameters">Ψ, all parameters (memory follows total parameters, also for a mixture of experts).</param>
/// <param name="Setup">Optimizer, parallel layout and activation setup.</param>
/// <param name="BytesPerParameter">Model-state bytes per parameter before sharding.</param>
/// <param name="Weights">16-bit weights held by one GPU.</param>
/// <param name="Gradients">16-bit gradients held by one GPU.</param>
/// <param name="OptimizerStates">Optimizer states (with the fp32 master weights) held by one GPU.</param>
/// <param name="Activations">Activations held by one GPU of <see cref="LargestStage"/>; zero when omitted.</param>
/// <param name="ActivationsIncluded">False when only a parameter count was given.</param>
/// <param name="Fit">Whether it fits in the given GPU memory; null when none was given.</param>
/// <param name="Findings">Typed notes: omissions, approximations, not fitting.</param>
public sealed record TrainingMemoryEstimate(
    ParameterCount Parameters,
    TrainingSetup Setup,
    ModelStateBytes BytesPerParameter,
    ByteSize Weights,
    ByteSize Gradients,
    ByteSize OptimizerStates,
    ByteSize Activations,
    bool ActivationsIncluded,
    MemoryFit? Fit,
    IReadOnlyList<MemoryFinding> Findings)
{
    // The sums below are read as properties: check once, when the record is made, that they are representable.
    private readonly double _representable = Preconditions.FiniteResult(
        Weights.Bytes + Gradients.Bytes + OptimizerStates.Bytes + Activations.Bytes, nameof(Activations), Activations.Bytes);

    /// <summary>
    /// The pipeline stage whose GPUs need the most memory, whose figures these are (usually the first: it holds the
    /// embedding and the most micro-batches in flight); null when only a parameter count was given.
    /// </summary>
    public PipelineStage? LargestStage { get; init; }

    /// <summary>
    /// The routed experts' part of <see cref="ModelStates"/> on one GPU: their weights, gradients and optimizer states,
    /// which expert parallelism divides by e and ZeRO shards over N_d/e (<see cref="ParallelLayout"/>); zero for a dense
    /// model or when only a parameter count was given.
    /// </summary>
    public ByteSize ExpertStates { get; init; }

    /// <summary>
    /// <see cref="ModelStates"/> less <see cref="ExpertStates"/>: attention, embeddings, norms, routers, shared experts and
    /// dense feed-forward blocks, which tensor parallelism and ZeRO over N_d divide.
    /// </summary>
    public ByteSize DenseStates => ByteSize.FromBytes(Math.Max(0, ModelStates.Bytes - ExpertStates.Bytes));

    /// <summary>Weights + gradients + optimizer states per GPU (what ZeRO Fig. 1 plots).</summary>
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

        // An estimate built by hand with parts near the double range can overflow its own Total; the caller's only
        // argument is then what the out-of-range error names (found by FiniteResultPropertyTests).
        return Preconditions.Attributed(() => new MemoryFit(Total, gpuMemory), nameof(gpuMemory), gpuMemory.Bytes);
    }
}
