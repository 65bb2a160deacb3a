using ScalingAdvisor.Units;

namespace ScalingAdvisor.StepTime;

/// <summary>
/// Where one optimizer step's time goes on the slowest pipeline stage, summed over its micro-batches; the parts add up
/// to <see cref="Total"/>. GEMM classes are forward plus backward (data and weight gradients).
/// </summary>
/// <param name="AttentionProjections">The QKV and output-projection GEMMs.</param>
/// <param name="FeedForward">The feed-forward GEMMs (the routed experts' grouped GEMMs for a mixture of experts).</param>
/// <param name="Router">The mixture-of-experts router GEMM (zero for a dense model).</param>
/// <param name="OutputLayer">The V·d logits GEMM and its cross-entropy (last stage only).</param>
/// <param name="Attention">The attention score and context products (fused kernel, or batched GEMMs plus softmax).</param>
/// <param name="ElementWise">Memory-bound kernels: norms, activations, dropout, residual adds, rotary, casts to fp8, token permutation.</param>
/// <param name="Recomputation">What recomputation re-executes in the backward pass.</param>
/// <param name="TensorParallelCommunication">Tensor-parallel all-reduces (or reduce-scatter + all-gather with sequence parallelism), exposed.</param>
/// <param name="ExpertParallelCommunication">Expert-parallel all-to-all dispatch and combine, exposed.</param>
/// <param name="ContextParallelCommunication">Context-parallel key/value exchange not hidden behind attention.</param>
/// <param name="PipelinePointToPoint">Pipeline activations and gradients sent between stages.</param>
/// <param name="PipelineBubble">The pipeline's fill and drain, (p − 1)/(v·m) of the micro-batches' time.</param>
/// <param name="DataParallelCommunication">Gradient reduce-scatter and parameter all-gather (all-reduce at ZeRO 0) not hidden behind compute.</param>
/// <param name="OptimizerStep">The optimizer update of the device's parameter shard (memory-bound).</param>
/// <param name="Stragglers">Waiting for the slowest device at each synchronisation.</param>
public sealed record StepTimeBreakdown(
    Duration AttentionProjections,
    Duration FeedForward,
    Duration Router,
    Duration OutputLayer,
    Duration Attention,
    Duration ElementWise,
    Duration Recomputation,
    Duration TensorParallelCommunication,
    Duration ExpertParallelCommunication,
    Duration ContextParallelCommunication,
    Duration PipelinePointToPoint,
    Duration PipelineBubble,
    Duration DataParallelCommunication,
    Duration OptimizerStep,
    Duration Stragglers)
{
    /// <summary>The step: the sum of the parts.</summary>
    /// <remarks>Computed once, when the breakdown is created; parts too large to add up are refused then.</remarks>
    public Duration Total { get; } = Preconditions.Attributed(
        () => AttentionProjections + FeedForward + Router + OutputLayer + Attention + ElementWise + Recomputation
            + TensorParallelCommunication + ExpertParallelCommunication + ContextParallelCommunication + PipelinePointToPoint
            + PipelineBubble + DataParallelCommunication + OptimizerStep + Stragglers,
        nameof(Stragglers),
        Stragglers.TotalSeconds);
}
