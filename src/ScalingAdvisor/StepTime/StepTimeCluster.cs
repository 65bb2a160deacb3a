using ScalingAdvisor.Performance;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.StepTime;

/// <summary>
/// The cluster as the step-time model sees it: the devices and precision (<see cref="TrainingCluster"/>), the per-device,
/// per-direction bandwidth of the scale-up fabric (NVLink, Infinity Fabric, ICI) and of the scale-out network
/// (InfiniBand / RoCE, per GPU), and the devices one scale-up domain (node) holds.
/// </summary>
public sealed record StepTimeCluster
{
    /// <summary>Devices per scale-up domain when the hardware states none: 8, a DGX/HGX board (<see cref="Compute.TrainingDefaults.Devices"/>).</summary>
    /// <remarks>The hardware's own <see cref="Hardware.AcceleratorFabric.ScaleUpDomainDevices"/> is used when it has one.</remarks>
    public const int DefaultDevicesPerNode = Compute.TrainingDefaults.Devices;

    /// <summary>Creates the cluster.</summary>
    /// <param name="cluster">Devices and precision.</param>
    /// <param name="scaleUpBandwidth">Scale-up bandwidth per device and direction; null for the hardware's (<see cref="Hardware.AcceleratorFabric"/>).</param>
    /// <param name="scaleOutBandwidth">Scale-out bandwidth per device and direction (real clusters: ~6 to 50 GB/s per GPU); null for the hardware's reference system, and when that has none only layouts inside one node are allowed.</param>
    /// <param name="devicesPerNode">Devices per scale-up domain, ≥ 1; null for the hardware's, or <see cref="DefaultDevicesPerNode"/>.</param>
    /// <exception cref="ArgumentNullException">The cluster is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A bandwidth is zero or the node size is below 1.</exception>
    /// <exception cref="ArgumentException">No scale-up bandwidth is given and the hardware has none.</exception>
    public StepTimeCluster(TrainingCluster cluster, ByteRate? scaleUpBandwidth = null, ByteRate? scaleOutBandwidth = null, int? devicesPerNode = null)
    {
        Cluster = Preconditions.NotNull(cluster);
        var fabric = cluster.Accelerator.Fabric;
        var up = scaleUpBandwidth ?? fabric.ScaleUpBandwidthPerDirection
            ?? throw new ArgumentException($"{cluster.Accelerator.Id} has no published scale-up bandwidth; give one.", nameof(scaleUpBandwidth));
        ScaleUpBandwidth = ByteRate.FromBytesPerSecond(Preconditions.Positive(up.BytesPerSecond, nameof(scaleUpBandwidth)));
        if (scaleOutBandwidth is { } outward)
        {
            Preconditions.Positive(outward.BytesPerSecond, nameof(scaleOutBandwidth));
        }

        ScaleOutBandwidth = scaleOutBandwidth ?? fabric.ScaleOutBandwidthPerDirection;
        DevicesPerNode = Preconditions.PositiveInt(devicesPerNode ?? fabric.ScaleUpDomainDevices ?? DefaultDevicesPerNode, nameof(devicesPerNode));
    }

    /// <summary>Devices and precision.</summary>
    public TrainingCluster Cluster { get; }

    /// <summary>Scale-up bandwidth per device and direction.</summary>
    public ByteRate ScaleUpBandwidth { get; }

    /// <summary>Scale-out bandwidth per device and direction; null when unknown.</summary>
    public ByteRate? ScaleOutBandwidth { get; }

    /// <summary>Devices per scale-up domain.</summary>
    public int DevicesPerNode { get; }
}
