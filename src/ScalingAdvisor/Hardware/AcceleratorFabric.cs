using ScalingAdvisor.Units;

namespace ScalingAdvisor.Hardware;

/// <summary>
/// How one accelerator talks to the others: its share of the scale-up fabric (NVLink / NVSwitch, AMD Infinity Fabric,
/// Google ICI), its share of the scale-out network (InfiniBand or RoCE NICs), and how many devices one scale-up domain
/// holds (8 in an HGX/DGX board, 72 in a GB200 NVL72 rack). Every field is optional: null means "not published".
/// </summary>
/// <remarks>
/// <para>
/// Convention, kept everywhere in this library: <b>bandwidths are per device and per direction</b> (what one device can
/// send while it receives as much), the quantity the α–β collective model and nccl-tests' "bus bandwidth" compare
/// against. Vendors headline the bidirectional sum (NVLink 4: "900 GB/s" = 18 links × 25 GB/s × 2 directions), so the
/// catalog halves it; NIC line rates (InfiniBand NDR "400 Gb/s") are already per direction and are divided by 8 bits
/// and by the GPUs that share the NIC.
/// </para>
/// <para>
/// The scale-out figure is a property of the reference system (DGX / HGX, the vendor's platform), not of the chip:
/// a cluster with fewer or slower NICs overrides it.
/// </para>
/// </remarks>
public sealed record AcceleratorFabric
{
    /// <summary>Creates a fabric description.</summary>
    /// <param name="scaleUpBandwidthPerDirection">Per-device scale-up (NVLink / Infinity Fabric / ICI) bandwidth, one direction; null if unknown.</param>
    /// <param name="scaleOutBandwidthPerDirection">Per-device scale-out (InfiniBand / RoCE) bandwidth, one direction; null if unknown.</param>
    /// <param name="scaleUpDomainDevices">Devices in one scale-up domain (node or NVLink rack); null if unknown.</param>
    /// <exception cref="ArgumentOutOfRangeException">A bandwidth is zero, or the domain size is below 1.</exception>
    public AcceleratorFabric(ByteRate? scaleUpBandwidthPerDirection = null, ByteRate? scaleOutBandwidthPerDirection = null, int? scaleUpDomainDevices = null)
    {
        if (scaleUpBandwidthPerDirection is { } up)
        {
            Preconditions.Positive(up.BytesPerSecond, nameof(scaleUpBandwidthPerDirection));
        }

        if (scaleOutBandwidthPerDirection is { } outward)
        {
            Preconditions.Positive(outward.BytesPerSecond, nameof(scaleOutBandwidthPerDirection));
        }

        if (scaleUpDomainDevices is { } devices)
        {
            Preconditions.PositiveInt(devices, nameof(scaleUpDomainDevices));
        }

        ScaleUpBandwidthPerDirection = scaleUpBandwidthPerDirection;
        ScaleOutBandwidthPerDirection = scaleOutBandwidthPerDirection;
        ScaleUpDomainDevices = scaleUpDomainDevices;
    }

    /// <summary>A fabric of which nothing is known.</summary>
    public static AcceleratorFabric Unknown { get; } = new();

    /// <summary>Per-device scale-up bandwidth in one direction (NVLink, Infinity Fabric, ICI); null when not published.</summary>
    public ByteRate? ScaleUpBandwidthPerDirection { get; }

    /// <summary>Per-device scale-out bandwidth in one direction (InfiniBand / RoCE NIC share of the reference system); null when not published.</summary>
    public ByteRate? ScaleOutBandwidthPerDirection { get; }

    /// <summary>Devices in one scale-up domain (8 on an HGX board, 72 in an NVL72 rack, a TPU slice's maximum); null when not published.</summary>
    public int? ScaleUpDomainDevices { get; }
}
