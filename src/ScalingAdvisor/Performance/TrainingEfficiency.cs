using ScalingAdvisor.Units;

namespace ScalingAdvisor.Performance;

/// <summary>
/// How efficiently a training run uses its accelerators: either a model FLOPs utilisation (MFU: achieved model
/// FLOP/s ÷ peak, Chowdhery et al. 2022, PaLM App. B) or an achieved FLOP/s per device measured on a real run.
/// </summary>
public sealed record TrainingEfficiency
{
    /// <summary>
    /// The default MFU, 0.4: typical of large dense training on A100/H100 clusters. PaLM 540B reached 46.2% MFU
    /// (Chowdhery et al. 2022, Table 3); Megatron-Turing NLG and GPT-3-scale Megatron runs report 30–45%
    /// (Narayanan et al. 2021: 140 of 312 TFLOP/s with recomputation counted).
    /// </summary>
    public const double DefaultMfu = 0.4;

    private TrainingEfficiency(double? mfu, FlopRate? achievedPerDevice)
    {
        Mfu = mfu;
        AchievedPerDevice = achievedPerDevice;
    }

    /// <summary>The default: MFU <see cref="DefaultMfu"/>.</summary>
    public static TrainingEfficiency Default { get; } = new(DefaultMfu, null);

    /// <summary>The MFU given, or null when the efficiency was given as an achieved rate.</summary>
    public double? Mfu { get; }

    /// <summary>The achieved FLOP/s per device given, or null when the efficiency was given as an MFU.</summary>
    public FlopRate? AchievedPerDevice { get; }

    /// <summary>An efficiency from a model FLOPs utilisation.</summary>
    /// <param name="mfu">The MFU, in (0, 1].</param>
    /// <returns>The efficiency.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The MFU is outside (0, 1] or not finite.</exception>
    public static TrainingEfficiency FromMfu(double mfu) => new(Preconditions.Fraction(mfu), null);

    /// <summary>An efficiency from a measured achieved rate per device (model FLOPs counted the way the FLOP budget counts them).</summary>
    /// <param name="achievedPerDevice">The achieved rate, &gt; 0.</param>
    /// <returns>The efficiency.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The rate is zero.</exception>
    public static TrainingEfficiency FromAchievedRate(FlopRate achievedPerDevice)
    {
        Preconditions.Positive(achievedPerDevice.FlopsPerSecond, nameof(achievedPerDevice));
        return new(null, achievedPerDevice);
    }
}
