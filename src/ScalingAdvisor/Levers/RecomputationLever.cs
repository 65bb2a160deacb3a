using ScalingAdvisor.Compute;

namespace ScalingAdvisor.Levers;

/// <summary>
/// Change activation recomputation (Korthikanti et al. 2022, §4–5): memory from
/// <see cref="Memory.TrainingMemory.ActivationsPerLayer"/> (none s·b·d·(34 + 5·a·s/d), selective s·b·d·34, full 2·s·b·d
/// per layer without tensor parallelism); time from the extra FLOPs <see cref="TransformerFlops.TrainingDetailed"/>
/// counts (full: one more forward of the layers, ≈ +33%, Narayanan et al. 2021 eq. 3's 72 → 96; selective: the attention
/// score and context matmuls once more), run at the same utilisation.
/// </summary>
public sealed class RecomputationLever : ScenarioLever
{
    /// <summary>Creates the lever.</summary>
    /// <param name="mode">The recomputation to switch to.</param>
    /// <exception cref="ArgumentOutOfRangeException">The mode is undefined.</exception>
    public RecomputationLever(ActivationRecomputation mode)
    {
        Mode = Enum.IsDefined(mode) ? mode : throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown recomputation mode.");
    }

    /// <summary>The recomputation switched to.</summary>
    public ActivationRecomputation Mode { get; }

    /// <inheritdoc/>
    public override string Id => "recompute-" + ModeId(Mode);

    /// <inheritdoc/>
    public override string Name => Mode == ActivationRecomputation.None ? "no activation recomputation" : ModeId(Mode) + " activation recomputation";

    /// <inheritdoc/>
    protected override LeverVariant Vary(LeverScenario baseline)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        var activations = baseline.Training.Activations;
        if (activations.Recomputation == Mode)
        {
            return LeverVariant.NotApplicable($"the baseline already uses {ModeId(Mode)} recomputation.");
        }

        var changed = new Memory.ActivationSetup(activations.MicroBatchSize, activations.SequenceLength, Mode, activations.FlashAttention);
        return LeverVariant.Of(
            baseline with { Training = baseline.Training with { Activations = changed } },
            LossEffect.Unchanged("recomputation repeats the forward pass exactly; the gradients are identical."),
            "Activations per Korthikanti et al. 2022 Table 2; the extra forward FLOPs (TransformerFlops.TrainingDetailed) run at the same utilisation.");
    }

    private static string ModeId(ActivationRecomputation mode) => mode switch
    {
        ActivationRecomputation.Selective => "selective",
        ActivationRecomputation.Full => "full",
        _ => "none",
    };
}
