using ScalingAdvisor.Hardware;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Communication;

/// <summary>
/// The link a collective runs over, as the α–β model sees it: its nominal bandwidth per device and direction, its class
/// (which sets the per-hop latency, see <see cref="Collectives"/>), and the share of the nominal rate a collective library
/// achieves on it. Immutable.
/// </summary>
public sealed record Link
{
    /// <summary>
    /// The default share of the nominal per-direction line rate that NCCL delivers as bus bandwidth: 0.8.
    /// </summary>
    /// <remarks>
    /// Source: NCCL's maintainer (S. Jeaugey) in NVIDIA/nccl-tests issue #212 (2024): H100 NVLink "450GB/s is the line rate.
    /// With the protocol overhead (~20%) NCCL can get an effective NVLink bandwidth of 370GB/s" (ring bus bandwidth), and
    /// in issue #149 (2023): each A100 NVLink's 25 GB/s per direction "converts to ~20GB/s effective bandwidth with a 128B
    /// payload size". The ~20% overhead is the protocol's (payload per packet), not a fit to either measurement.
    /// </remarks>
    public const double DefaultEfficiency = 0.8;

    /// <summary>Creates a link.</summary>
    /// <param name="bandwidthPerDirection">Nominal per-device bandwidth in one direction (datasheet line rate), &gt; 0.</param>
    /// <param name="kind">The link class, which sets the per-hop latency.</param>
    /// <param name="efficiency">Share of the nominal rate achieved as bus bandwidth, in (0, 1]; default <see cref="DefaultEfficiency"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The bandwidth is zero, the kind is undefined, or the efficiency is outside (0, 1].</exception>
    public Link(ByteRate bandwidthPerDirection, LinkKind kind, double efficiency = DefaultEfficiency)
    {
        Preconditions.Positive(bandwidthPerDirection.BytesPerSecond, nameof(bandwidthPerDirection));
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a defined link kind.");
        }

        Preconditions.Fraction(efficiency, nameof(efficiency));
        BandwidthPerDirection = bandwidthPerDirection;
        Kind = kind;
        Efficiency = efficiency;
    }

    /// <summary>Nominal per-device bandwidth in one direction.</summary>
    public ByteRate BandwidthPerDirection { get; }

    /// <summary>The link class.</summary>
    public LinkKind Kind { get; }

    /// <summary>Share of the nominal rate achieved as bus bandwidth.</summary>
    public double Efficiency { get; }

    /// <summary>The bus bandwidth a large collective reaches: nominal rate × efficiency.</summary>
    public ByteRate EffectiveBandwidth => BandwidthPerDirection * Efficiency;

    /// <summary>The device's scale-up link (NVLink, Infinity Fabric, ICI; PCIe where the catalog says it has nothing else).</summary>
    /// <param name="hardware">The device.</param>
    /// <param name="efficiency">Share of the nominal rate achieved; default <see cref="DefaultEfficiency"/>.</param>
    /// <returns>The link.</returns>
    /// <exception cref="ArgumentException">The device has no published scale-up bandwidth (parameter <c>hardware</c>).</exception>
    public static Link ScaleUpOf(AcceleratorProfile hardware, double efficiency = DefaultEfficiency)
    {
        ArgumentNullException.ThrowIfNull(hardware);
        var bandwidth = hardware.Fabric.ScaleUpBandwidthPerDirection ?? throw new ArgumentException(
            $"{hardware.Id} has no published scale-up bandwidth; give one (a hardware file with scaleUpGBpsPerDirection).", nameof(hardware));
        return new Link(bandwidth, LinkKind.ScaleUp, efficiency);
    }

    /// <summary>The device's share of the scale-out network (InfiniBand / RoCE NICs of its reference system).</summary>
    /// <param name="hardware">The device.</param>
    /// <param name="efficiency">Share of the nominal rate achieved; default <see cref="DefaultEfficiency"/>.</param>
    /// <returns>The link.</returns>
    /// <exception cref="ArgumentException">The device has no published scale-out bandwidth (parameter <c>hardware</c>).</exception>
    public static Link ScaleOutOf(AcceleratorProfile hardware, double efficiency = DefaultEfficiency)
    {
        ArgumentNullException.ThrowIfNull(hardware);
        var bandwidth = hardware.Fabric.ScaleOutBandwidthPerDirection ?? throw new ArgumentException(
            $"{hardware.Id} has no published scale-out bandwidth; give one (a hardware file with scaleOutGBpsPerDirection).", nameof(hardware));
        return new Link(bandwidth, LinkKind.ScaleOut, efficiency);
    }

    /// <summary>
    /// The bottleneck link of a flat ring over <paramref name="devices"/> devices: the scale-up link when the group fits in
    /// one scale-up domain, otherwise the scale-out network (a ring that leaves the domain crosses each device's NIC share).
    /// </summary>
    /// <param name="hardware">The device.</param>
    /// <param name="devices">Devices in the group, ≥ 1.</param>
    /// <param name="efficiency">Share of the nominal rate achieved; default <see cref="DefaultEfficiency"/>.</param>
    /// <returns>The link.</returns>
    /// <exception cref="ArgumentException">The link the group needs, or the domain size when it matters, is not published.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The device count is below 1.</exception>
    public static Link Spanning(AcceleratorProfile hardware, int devices, double efficiency = DefaultEfficiency)
    {
        ArgumentNullException.ThrowIfNull(hardware);
        Preconditions.PositiveInt(devices, nameof(devices));
        if (devices == 1)
        {
            return ScaleUpOf(hardware, efficiency);
        }

        var domain = hardware.Fabric.ScaleUpDomainDevices ?? throw new ArgumentException(
            $"{hardware.Id} has no published scale-up domain size; give one (a hardware file with scaleUpDomainDevices).", nameof(hardware));
        return devices <= domain ? ScaleUpOf(hardware, efficiency) : ScaleOutOf(hardware, efficiency);
    }
}
