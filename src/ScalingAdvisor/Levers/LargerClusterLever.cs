using System.Globalization;

namespace ScalingAdvisor.Levers;

/// <summary>
/// Train on k× the GPUs: the same layout (t, p, e, ZeRO stage) spread over k× the data-parallel ranks, memory per GPU
/// falling where ZeRO shards over more of them. When the baseline's MFU was predicted by the step-time model
/// (<see cref="LeverScenario.PredictedMfuLayout"/>), the doubled cluster's is re-predicted with it for the same shape,
/// layout and global batch (more data-parallel ranks: fewer micro-batches per pipeline and a larger gradient ring,
/// <see cref="StepTime.StepTimeModel"/>), as the fp8 lever re-predicts its own. A given MFU is kept: wall time
/// C ÷ (devices × peak × MFU) then falls by k while GPU-hours, energy and cost stay the same
/// (<see cref="Performance.TrainingTime"/>, FORMULAS.md §4), which is optimistic.
/// </summary>
public sealed class LargerClusterLever : ScenarioLever
{
    /// <summary>Creates the lever.</summary>
    /// <param name="factor">The multiple of the baseline's GPUs, 2–1024.</param>
    /// <exception cref="ArgumentOutOfRangeException">The factor is outside 2–1024.</exception>
    public LargerClusterLever(int factor = 2)
    {
        Factor = (int)Preconditions.InRange(factor, 2, 1024);
    }

    /// <summary>The multiple of the baseline's GPUs.</summary>
    public int Factor { get; }

    /// <inheritdoc/>
    public override string Id => string.Create(CultureInfo.InvariantCulture, $"cluster-{Factor}x");

    /// <inheritdoc/>
    public override string Name => string.Create(CultureInfo.InvariantCulture, $"{Factor}× the GPUs");

    /// <inheritdoc/>
    protected override LeverVariant Vary(LeverScenario baseline)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        long devices = (long)baseline.Cluster.Devices * Factor;
        if (devices > int.MaxValue)
        {
            return LeverVariant.NotApplicable(string.Create(CultureInfo.InvariantCulture, $"{devices} GPUs is more than can be represented."));
        }

        var scenario = baseline.WithDevices((int)devices);
        if (baseline.PredictedMfuLayout is { } predictedOn && Repredict(scenario, predictedOn) is var (layout, prediction))
        {
            double baselineMfu = baseline.Efficiency.Mfu ?? 0;
            return LeverVariant.Of(
                scenario with { Efficiency = Performance.TrainingEfficiency.FromMfu(prediction.Mfu), PredictedMfuLayout = layout },
                LossEffect.Unchanged("the same global batch and tokens, spread over more data-parallel ranks."),
                string.Create(CultureInfo.InvariantCulture,
                    $"{devices} GPUs at MFU {prediction.Mfu:0.###}, predicted by the step-time model for the same layout and global batch ({layout.GlobalBatchSize} sequences, {layout.MicroBatches} micro-batches per pipeline; baseline {baselineMfu:0.###}): GPU-hours, energy and cost change with the MFU."));
        }

        string why = baseline.PredictedMfuLayout is null
            ? "the MFU was given, so it is kept"
            : "the step-time model cannot predict the baseline's layout and global batch there, so the baseline's MFU is kept";
        return LeverVariant.Of(
            scenario,
            LossEffect.Unchanged("the same global batch and tokens, spread over more data-parallel ranks."),
            string.Create(CultureInfo.InvariantCulture,
                $"{devices} GPUs at the same MFU ({why}; optimistic, no communication modelled): same GPU-hours, energy and cost; the same global batch is assumed."));
    }

    // The baseline's prediction layout on the larger cluster: the same global batch when it still splits into whole
    // micro-batches per data-parallel rank; null when the step-time model cannot predict it.
    private static (StepTime.TrainingLayout Layout, StepTime.StepTimePrediction Prediction)? Repredict(LeverScenario scenario, StepTime.TrainingLayout baseline)
    {
        StepTime.TrainingLayout layout;
        try
        {
            layout = new StepTime.TrainingLayout(
                scenario.Training.Layout.Gpus, baseline.GlobalBatchSize, baseline.SequenceLength, baseline.TensorParallel, baseline.PipelineParallel,
                baseline.VirtualStages, baseline.ContextParallel, baseline.ExpertParallel, baseline.MicroBatchSize, baseline.Recomputation,
                baseline.FlashAttention, baseline.ZeroStage, baseline.SequenceParallel);
        }
        catch (ArgumentException)
        {
            return null;    // the global batch does not split into whole micro-batches over the new data-parallel ranks
        }

        return StepTime.PredictedEfficiency.Predict(scenario.Shape, scenario.Cluster, layout).Prediction is { } prediction ? (layout, prediction) : null;
    }
}
