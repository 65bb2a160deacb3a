using ScalingAdvisor.Hardware;

namespace ScalingAdvisor.Performance;

/// <summary>A homogeneous cluster: which accelerator, how many, at which precision.</summary>
public sealed record TrainingCluster
{
    /// <summary>Creates a cluster.</summary>
    /// <param name="accelerator">The accelerator profile.</param>
    /// <param name="devices">The number of devices (GPUs or TPU chips), ≥ 1.</param>
    /// <param name="precision">The training precision (default bf16); the accelerator must support it.</param>
    /// <exception cref="ArgumentNullException">The accelerator is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The device count is below 1.</exception>
    /// <exception cref="ArgumentException">The accelerator has no peak for the precision (the message lists the ones it has).</exception>
    public TrainingCluster(AcceleratorProfile accelerator, int devices, Precision precision = Precision.Bf16)
    {
        Accelerator = Preconditions.NotNull(accelerator);
        Devices = Preconditions.PositiveInt(devices);
        _ = accelerator.DensePeak(precision);
        Precision = precision;
    }

    /// <summary>The accelerator.</summary>
    public AcceleratorProfile Accelerator { get; }

    /// <summary>The number of devices.</summary>
    public int Devices { get; }

    /// <summary>The precision the peak is taken at.</summary>
    public Precision Precision { get; }
}
