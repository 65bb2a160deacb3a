using System.Globalization;
using ScalingAdvisor.Memory;

namespace ScalingAdvisor.Levers;

/// <summary>
/// Split the model with tensor parallelism t (Shoeybi et al. 2019, with sequence parallelism, Korthikanti et al. 2022)
/// and pipeline parallelism p (Narayanan et al. 2021, 1F1B), keeping the baseline's ZeRO stage over the remaining
/// gpus/(t·p) data-parallel ranks, over which a mixture of experts splits its routed experts by expert parallelism e
/// (<see cref="StepTime.ExpertParallelRule"/>). Memory from <see cref="TrainingMemory"/>; no time change modelled (the library has no
/// model of tensor-parallel communication or of the pipeline bubble, (p − 1)/m of the step, Narayanan et al. 2021 §2.2).
/// </summary>
public sealed class ParallelLayoutLever : ScenarioLever
{
    /// <summary>Creates the lever.</summary>
    /// <param name="tensorParallel">t ≥ 1.</param>
    /// <param name="pipelineParallel">p ≥ 1.</param>
    /// <param name="why">Why this layout was chosen, e.g. "fewest GPUs per replica that fits".</param>
    /// <param name="expertParallel">e ≥ 1 for a mixture of experts; null (the default) for the degree <see cref="StepTime.ExpertParallelRule"/> picks.</param>
    /// <exception cref="ArgumentOutOfRangeException">A degree is below 1.</exception>
    /// <exception cref="ArgumentException">The reason is empty.</exception>
    public ParallelLayoutLever(int tensorParallel, int pipelineParallel, string why, int? expertParallel = null)
    {
        TensorParallel = Preconditions.PositiveInt(tensorParallel);
        PipelineParallel = Preconditions.PositiveInt(pipelineParallel);
        ExpertParallel = expertParallel is { } e ? Preconditions.PositiveInt(e, nameof(expertParallel)) : null;
        ArgumentException.ThrowIfNullOrWhiteSpace(why);
        Why = why;
    }

    /// <summary>t.</summary>
    public int TensorParallel { get; }

    /// <summary>p.</summary>
    public int PipelineParallel { get; }

    /// <summary>e, or null for the degree the expert-parallel rule picks on the baseline.</summary>
    public int? ExpertParallel { get; }

    /// <summary>Why this layout was chosen.</summary>
    public string Why { get; }

    /// <inheritdoc/>
    public override string Id => string.Create(CultureInfo.InvariantCulture, $"layout-tp{TensorParallel}-pp{PipelineParallel}");

    /// <inheritdoc/>
    public override string Name => string.Create(CultureInfo.InvariantCulture, $"TP {TensorParallel} × PP {PipelineParallel}{(ExpertParallel is > 1 and var e ? $" × EP {e}" : "")} ({Why})");

    /// <inheritdoc/>
    protected override LeverVariant Vary(LeverScenario baseline)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        var layout = baseline.Training.Layout;
        if (layout.TensorParallel == TensorParallel && layout.PipelineParallel == PipelineParallel)
        {
            return LeverVariant.NotApplicable("the baseline already uses this layout.");
        }

        if (ParallelLayoutSearch.Unsupported(baseline, TensorParallel, PipelineParallel) is { } reason)
        {
            return LeverVariant.NotApplicable(reason);
        }

        var split = ExpertParallel is { } expertParallel
            ? new ParallelLayout(layout.Gpus, TensorParallel, PipelineParallel, layout.ZeroStage, Compute.TrainingDefaults.SequenceParallel, expertParallel)
            : ParallelLayoutSearch.Layout(baseline, TensorParallel, PipelineParallel);
        return LeverVariant.Of(
            baseline with { Training = baseline.Training with { Layout = split } },
            LossEffect.Unchanged("tensor and pipeline parallelism split the same matmuls and the same batch over more GPUs."),
            "Memory per Korthikanti et al. 2022 Table 2 and ZeRO Fig. 1; no time change modelled (no communication or pipeline-bubble model).");
    }
}
