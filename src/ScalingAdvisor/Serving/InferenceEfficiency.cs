using ScalingAdvisor.Performance;

namespace ScalingAdvisor.Serving;

/// <summary>The utilisation assumptions of the inference roofline.</summary>
/// <remarks>Both are named and shown in results; neither defaults to an ideal 1.0.</remarks>
public sealed record InferenceEfficiency
{
    /// <summary>
    /// Default memory-bandwidth utilisation (MBU, achieved ÷ peak bandwidth during decode), 0.6: Databricks/MosaicML
    /// (2023, "LLM Inference Performance Engineering: Best Practices") measure MBUs of roughly 55–60% for 7B models on
    /// A100s with production kernels; well-tuned stacks reach 70–85%.
    /// </summary>
    public const double DefaultBandwidthUtilisation = 0.6;

    /// <summary>Default MFU for prefill, 0.4, as for training (<see cref="TrainingEfficiency.DefaultMfu"/>).</summary>
    public const double DefaultMfu = TrainingEfficiency.DefaultMfu;

    /// <summary>Creates the assumptions.</summary>
    /// <param name="mfu">Model FLOPs utilisation for compute-bound work, in (0, 1].</param>
    /// <param name="bandwidthUtilisation">Memory-bandwidth utilisation for memory-bound work, in (0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException">A fraction is outside (0, 1].</exception>
    public InferenceEfficiency(double mfu = DefaultMfu, double bandwidthUtilisation = DefaultBandwidthUtilisation)
    {
        Mfu = Preconditions.Fraction(mfu);
        BandwidthUtilisation = Preconditions.Fraction(bandwidthUtilisation);
    }

    /// <summary>The defaults (MFU 0.4, MBU 0.6).</summary>
    public static InferenceEfficiency Default { get; } = new();

    /// <summary>Model FLOPs utilisation for compute-bound work.</summary>
    public double Mfu { get; }

    /// <summary>Memory-bandwidth utilisation for memory-bound work.</summary>
    public double BandwidthUtilisation { get; }
}
