using ScalingAdvisor.Hardware;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Performance;

/// <summary>
/// How long a training run takes on a cluster, with the assumptions that produced it.
/// </summary>
/// <param name="Flops">The training compute C.</param>
/// <param name="AcceleratorId">The accelerator's catalog id.</param>
/// <param name="Devices">The number of devices.</param>
/// <param name="Precision">The precision the peak is taken at.</param>
/// <param name="DensePeakPerDevice">The dense peak per device at that precision.</param>
/// <param name="AchievedPerDevice">The achieved rate per device: peak × MFU, or the measured rate given.</param>
/// <param name="Mfu">The model FLOPs utilisation used (given, or achieved ÷ peak when a rate was given).</param>
/// <param name="MfuWasGiven">True when the MFU was an input (or the default); false when it was derived from an achieved rate.</param>
/// <param name="WallTime">Wall-clock time C ÷ (devices × achieved per device).</param>
/// <param name="GpuHours">Device-hours: devices × wall time in hours.</param>
public sealed record TrainingTimeEstimate(
    FlopCount Flops,
    string AcceleratorId,
    int Devices,
    Precision Precision,
    FlopRate DensePeakPerDevice,
    FlopRate AchievedPerDevice,
    double Mfu,
    bool MfuWasGiven,
    Duration WallTime,
    double GpuHours);
