using ScalingAdvisor.Memory;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Levers;

/// <summary>
/// What one efficiency lever buys against the baseline: each metric before, after and the change, and the loss effect.
/// A lever that does not apply is a row with <see cref="Applicable"/> false, the reason, and no metrics (never zeros).
/// </summary>
/// <param name="Id">Stable id, e.g. <c>fp8-training</c>, <c>zero-3</c>.</param>
/// <param name="Name">What the lever does, in words.</param>
/// <param name="Applicable">False when the lever does not apply to this model or hardware.</param>
/// <param name="NotApplicableReason">Why not, when not applicable; else null.</param>
/// <param name="TrainingMemoryPerGpu">Training memory per GPU; null when not applicable.</param>
/// <param name="TrainingFit">Whether the lever's training memory fits the GPU; null when not applicable or not checked.</param>
/// <param name="TrainingTime">Training wall time; null when not applicable.</param>
/// <param name="InferenceMemory">Serving memory of one replica; null when not applicable.</param>
/// <param name="InferenceTokensPerSecond">Decode tokens/s of one replica on one device; null when not applicable.</param>
/// <param name="Energy">Training (plus serving) energy; null when not applicable.</param>
/// <param name="Carbon">Operational carbon; null when not applicable.</param>
/// <param name="Cost">Cost; null when not applicable or without a price.</param>
/// <param name="Loss">The loss effect; null when not applicable.</param>
/// <param name="Note">How the row was modelled and what it leaves out.</param>
public sealed record LeverRow(
    string Id,
    string Name,
    bool Applicable,
    string? NotApplicableReason,
    MetricChange<ByteSize>? TrainingMemoryPerGpu,
    MemoryFit? TrainingFit,
    MetricChange<Duration>? TrainingTime,
    MetricChange<ByteSize>? InferenceMemory,
    MetricChange<double>? InferenceTokensPerSecond,
    MetricChange<Energy>? Energy,
    MetricChange<CarbonMass>? Carbon,
    MetricChange<Money>? Cost,
    LossEffect? Loss,
    string Note)
{
    /// <summary>A row comparing a lever's metrics with the baseline's.</summary>
    /// <param name="id">The lever id.</param>
    /// <param name="name">The lever name.</param>
    /// <param name="baseline">The baseline's metrics.</param>
    /// <param name="lever">The lever's metrics.</param>
    /// <param name="loss">The loss effect.</param>
    /// <param name="note">How it was modelled.</param>
    /// <returns>The row.</returns>
    /// <exception cref="ArgumentException">The id or name is empty.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static LeverRow Compare(string id, string name, LeverMetrics baseline, LeverMetrics lever, LossEffect loss, string note)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(lever);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(note);
        return new LeverRow(
            id,
            name,
            Applicable: true,
            NotApplicableReason: null,
            MetricChange.Of(baseline.TrainingMemoryPerGpu, lever.TrainingMemoryPerGpu),
            lever.TrainingFit,
            MetricChange.Of(baseline.TrainingTime, lever.TrainingTime),
            MetricChange.Of(baseline.InferenceMemory, lever.InferenceMemory),
            MetricChange.Of(baseline.InferenceTokensPerSecond, lever.InferenceTokensPerSecond),
            baseline.Energy is { } energyBefore && lever.Energy is { } energyAfter ? MetricChange.Of(energyBefore, energyAfter) : null,
            baseline.Carbon is { } carbonBefore && lever.Carbon is { } carbonAfter ? MetricChange.Of(carbonBefore, carbonAfter) : null,
            baseline.Cost is { } before && lever.Cost is { } after ? MetricChange.Of(before, after) : null,
            loss,
            note);
    }

    /// <summary>A row for a lever that does not apply, with the reason and no metrics.</summary>
    /// <param name="id">The lever id.</param>
    /// <param name="name">The lever name.</param>
    /// <param name="reason">Why it does not apply.</param>
    /// <returns>The row.</returns>
    /// <exception cref="ArgumentException">An argument is empty.</exception>
    public static LeverRow NotApplicable(string id, string name, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new LeverRow(id, name, false, reason, null, null, null, null, null, null, null, null, null, reason);
    }
}
