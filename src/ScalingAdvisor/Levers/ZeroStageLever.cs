using ScalingAdvisor.Memory;

namespace ScalingAdvisor.Levers;

/// <summary>
/// Change the ZeRO stage (Rajbhandari et al. 2020, Fig. 1): stage 1 shards optimizer states over the N_d data-parallel
/// ranks, stage 2 also gradients, stage 3 also weights (<see cref="TrainingMemory"/>). The library does not model
/// communication, so no time change is modelled (stages 1–2 communicate as much as plain data parallelism, stage 3
/// 1.5× as much, ZeRO §7).
/// </summary>
public sealed class ZeroStageLever : ScenarioLever
{
    /// <summary>Creates the lever.</summary>
    /// <param name="stage">The stage to switch to, 0–3.</param>
    /// <exception cref="ArgumentOutOfRangeException">The stage is outside 0–3.</exception>
    public ZeroStageLever(int stage)
    {
        Stage = (int)Preconditions.InRange(stage, 0, 3);
    }

    /// <summary>The ZeRO stage switched to.</summary>
    public int Stage { get; }

    /// <inheritdoc/>
    public override string Id => "zero-" + Stage.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public override string Name => "ZeRO stage " + Stage.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    protected override LeverVariant Vary(LeverScenario baseline)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        var layout = baseline.Training.Layout;
        if (layout.ZeroStage == Stage)
        {
            return LeverVariant.NotApplicable($"the baseline already uses ZeRO stage {Stage}.");
        }

        var changed = new ParallelLayout(layout.Gpus, layout.TensorParallel, layout.PipelineParallel, Stage, layout.SequenceParallel, layout.ExpertParallel);
        return LeverVariant.Of(
            baseline with { Training = baseline.Training with { Layout = changed } },
            LossEffect.Unchanged("ZeRO partitions the same optimizer step over the data-parallel ranks."),
            layout.DataParallel == 1
                ? "One data-parallel rank: ZeRO has nothing to shard over, memory is unchanged."
                : "Model states per Rajbhandari et al. 2020 Fig. 1; no time change modelled (the library has no communication model).");
    }
}
