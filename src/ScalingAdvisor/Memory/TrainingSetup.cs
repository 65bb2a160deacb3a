namespace ScalingAdvisor.Memory;

/// <summary>The choices behind a training-memory estimate.</summary>
/// <param name="Optimizer">The optimizer (AdamW by default in <see cref="Default"/>).</param>
/// <param name="Layout">How the run is spread over GPUs.</param>
/// <param name="Activations">Micro-batch, sequence length, recomputation and attention kernel.</param>
public sealed record TrainingSetup(OptimizerKind Optimizer, ParallelLayout Layout, ActivationSetup Activations)
{
    /// <summary>Mixed-precision AdamW on one GPU, micro-batch 1 at the model's context length, nothing recomputed.</summary>
    public static TrainingSetup Default { get; } = new(OptimizerKind.AdamW, ParallelLayout.SingleGpu, ActivationSetup.Default);
}
