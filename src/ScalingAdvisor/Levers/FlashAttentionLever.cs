namespace ScalingAdvisor.Levers;

/// <summary>
/// Memory-efficient (flash) attention (Dao et al. 2022): the 5·a·s/d attention-score term of Korthikanti et al. 2022
/// Table 2 is never stored (<see cref="Memory.TrainingMemory.ActivationsPerLayer"/>). No change in training time is
/// modelled: the library counts FLOPs, and flash attention changes memory traffic, not the matmul count.
/// </summary>
public sealed class FlashAttentionLever : ScenarioLever
{
    /// <inheritdoc/>
    public override string Id => "flash-attention";

    /// <inheritdoc/>
    public override string Name => "flash attention";

    /// <inheritdoc/>
    protected override LeverVariant Vary(LeverScenario baseline)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        var activations = baseline.Training.Activations;
        if (activations.FlashAttention)
        {
            return LeverVariant.NotApplicable("the baseline already uses flash attention.");
        }

        var changed = new Memory.ActivationSetup(activations.MicroBatchSize, activations.SequenceLength, activations.Recomputation, flashAttention: true);
        string note = activations.Recomputation == Compute.ActivationRecomputation.None
            ? "Drops the stored attention scores (5·a·s/d term, Korthikanti et al. 2022 Table 2); no time change modelled (the library has no attention-kernel speed model)."
            : "The baseline's recomputation already keeps no attention scores, so memory is unchanged; no time change modelled (the library has no attention-kernel speed model).";
        return LeverVariant.Of(
            baseline with { Training = baseline.Training with { Activations = changed } },
            LossEffect.Unchanged("flash attention computes exact attention (Dao et al. 2022), only in tiles."),
            note);
    }
}
