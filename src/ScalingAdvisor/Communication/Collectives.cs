using ScalingAdvisor.Units;

namespace ScalingAdvisor.Communication;

/// <summary>
/// Collective times under the α–β (latency–bandwidth) model, for a group of G devices joined by one <see cref="Link"/>:
/// <c>t = α_launch + steps · α_hop + factor · S / (B · efficiency · protocol share)</c>, charged for NCCL's two ring protocols
/// and the faster one kept.
/// </summary>
/// <remarks>
/// <para>
/// Bandwidth terms: Thakur, Rabenseifner &amp; Gropp 2005, "Optimization of Collective Communication Operations in MPICH"
/// (IJHPCA 19(1)), §2 and §4: the ring (bucket) all-gather and reduce-scatter cost (p−1)α + ((p−1)/p)·nβ, the ring
/// all-reduce (reduce-scatter then all-gather) 2(p−1)α + 2((p−1)/p)·nβ, the pairwise-exchange all-to-all (p−1)α +
/// ((p−1)/p)·nβ. Patarasuk &amp; Yuan 2009, "Bandwidth optimal all-reduce algorithms for clusters of workstations" (JPDC 69(2)),
/// prove 2((p−1)/p)·n the least any all-reduce must move per device, which the ring attains. These are the factors
/// nccl-tests divides out as "bus bandwidth" (NVIDIA/nccl-tests doc/PERFORMANCE.md: all-reduce 2(n−1)/n, reduce-scatter,
/// all-gather and all-to-all (n−1)/n), so <see cref="CollectiveTime.BusBandwidth"/> of a large message equals the link's
/// effective bandwidth.
/// </para>
/// <para>
/// Latency terms (α), from NCCL's own cost model (NVIDIA/nccl src/graph/tuning.cc, NCCL 2.8, commit 01afd20): a launch
/// latency per collective (ring: 3.6 µs for the low-latency protocol, 8.4 µs for Simple) plus a latency per ring step that
/// depends on the link class (low-latency: NVLink 0.47, PCIe 1.0, network 2.7 µs; Simple: 3.4, 5.7, 9.6 µs). The
/// low-latency protocol moves data at 1/4 of the effective rate for all-reduce and over the network, 1/3 otherwise (same
/// file). Point-to-point is charged one step. NVLink's figures are used for every scale-up fabric (Infinity Fabric, ICI):
/// no other vendor publishes such a table.
/// </para>
/// <para>
/// Sizes S follow nccl-tests: the buffer being reduced for all-reduce; the whole array (G shares) for reduce-scatter and
/// all-gather; each device's whole send buffer for all-to-all; the message for point-to-point. One device, or zero bytes,
/// costs nothing.
/// </para>
/// </remarks>
public static class Collectives
{
    // NCCL 2.8 src/graph/tuning.cc, ring column: baseLat {LL 3.6, Simple 8.4} µs; hwLat[NVLINK|PCI|NET][RING] {LL .47|1.0|2.7, Simple 3.4|5.7|9.6} µs.
    private const double LowLatencyLaunchMicroseconds = 3.6;
    private const double SimpleLaunchMicroseconds = 8.4;

    /// <summary>Ring all-reduce of a buffer of <paramref name="bytes"/> on each of <paramref name="devices"/> devices: 2(G−1) steps, factor 2(G−1)/G.</summary>
    /// <param name="bytes">The buffer each device holds and ends with reduced (S).</param>
    /// <param name="devices">Devices in the group, ≥ 1.</param>
    /// <param name="link">The bottleneck link.</param>
    /// <returns>The time, with its latency and transfer terms.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The device count is below 1, or the size is too large to time.</exception>
    public static CollectiveTime AllReduce(ByteSize bytes, int devices, Link link)
        => Time(Collective.AllReduce, bytes, devices, link);

    /// <summary>Ring reduce-scatter of an array of <paramref name="bytes"/> (G shares): G−1 steps, factor (G−1)/G.</summary>
    /// <param name="bytes">The whole array S (each device ends with S/G of it, reduced).</param>
    /// <param name="devices">Devices in the group, ≥ 1.</param>
    /// <param name="link">The bottleneck link.</param>
    /// <returns>The time, with its latency and transfer terms.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The device count is below 1, or the size is too large to time.</exception>
    public static CollectiveTime ReduceScatter(ByteSize bytes, int devices, Link link)
        => Time(Collective.ReduceScatter, bytes, devices, link);

    /// <summary>Ring all-gather into an array of <paramref name="bytes"/> (G shares): G−1 steps, factor (G−1)/G.</summary>
    /// <param name="bytes">The whole gathered array S (each device contributes S/G).</param>
    /// <param name="devices">Devices in the group, ≥ 1.</param>
    /// <param name="link">The bottleneck link.</param>
    /// <returns>The time, with its latency and transfer terms.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The device count is below 1, or the size is too large to time.</exception>
    public static CollectiveTime AllGather(ByteSize bytes, int devices, Link link)
        => Time(Collective.AllGather, bytes, devices, link);

    /// <summary>Pairwise-exchange all-to-all of a send buffer of <paramref name="bytes"/> per device: G−1 steps, factor (G−1)/G.</summary>
    /// <param name="bytes">Each device's whole send buffer S (S/G to each device, itself included).</param>
    /// <param name="devices">Devices in the group, ≥ 1.</param>
    /// <param name="link">The bottleneck link.</param>
    /// <returns>The time, with its latency and transfer terms.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The device count is below 1, or the size is too large to time.</exception>
    public static CollectiveTime AllToAll(ByteSize bytes, int devices, Link link)
        => Time(Collective.AllToAll, bytes, devices, link);

    /// <summary>One message of <paramref name="bytes"/> from one device to another: one step, factor 1.</summary>
    /// <param name="bytes">The message.</param>
    /// <param name="link">The link between the two devices.</param>
    /// <returns>The time, with its latency and transfer terms.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The size is too large to time.</exception>
    public static CollectiveTime PointToPoint(ByteSize bytes, Link link)
        => Time(Collective.PointToPoint, bytes, 2, link);

    /// <summary>The collective <paramref name="collective"/> (any of the above; point-to-point ignores the device count).</summary>
    /// <param name="collective">The pattern.</param>
    /// <param name="bytes">The size S in the convention of the pattern's own method.</param>
    /// <param name="devices">Devices in the group, ≥ 1.</param>
    /// <param name="link">The bottleneck link.</param>
    /// <returns>The time, with its latency and transfer terms.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The pattern is undefined, the device count is below 1, or the size is too large to time.</exception>
    public static CollectiveTime Time(Collective collective, ByteSize bytes, int devices, Link link)
    {
        ArgumentNullException.ThrowIfNull(link);
        Preconditions.PositiveInt(devices, nameof(devices));
        var (steps, factor) = Shape(collective, devices);
        if (steps == 0 || bytes.Bytes == 0)
        {
            return new CollectiveTime(collective, devices, bytes, link, null, steps, factor, Duration.Zero, Duration.Zero);
        }

        var lowLatency = Terms(CollectiveProtocol.LowLatency, collective, bytes, steps, factor, link);
        var simple = Terms(CollectiveProtocol.Simple, collective, bytes, steps, factor, link);
        var (protocol, latency, transfer) = lowLatency.Latency + lowLatency.Transfer <= simple.Latency + simple.Transfer
            ? (CollectiveProtocol.LowLatency, lowLatency.Latency, lowLatency.Transfer)
            : (CollectiveProtocol.Simple, simple.Latency, simple.Transfer);

        // The result's bandwidth properties divide S by the time: keep them representable.
        double total = latency + transfer;
        Preconditions.FiniteResult(bytes.Bytes / total * factor, nameof(bytes), bytes.Bytes);
        return new CollectiveTime(collective, devices, bytes, link, protocol, steps, factor,
            Duration.FromSeconds(latency), Duration.FromSeconds(transfer));
    }

    private static (long Steps, double Factor) Shape(Collective collective, int devices)
    {
        long g = devices;
        return collective switch
        {
            Collective.AllReduce => (2 * (g - 1), 2.0 * (g - 1) / g),
            Collective.ReduceScatter or Collective.AllGather or Collective.AllToAll => (g - 1, (g - 1) / (double)g),
            Collective.PointToPoint => (1, 1.0),
            _ => throw new ArgumentOutOfRangeException(nameof(collective), collective, "Not a defined collective."),
        };
    }

    private static (double Latency, double Transfer) Terms(
        CollectiveProtocol protocol, Collective collective, ByteSize bytes, long steps, double factor, Link link)
    {
        double launch, hop, share;
        if (protocol == CollectiveProtocol.LowLatency)
        {
            launch = LowLatencyLaunchMicroseconds;
            hop = link.Kind switch { LinkKind.ScaleUp => 0.47, LinkKind.Pcie => 1.0, _ => 2.7 };
            share = collective == Collective.AllReduce || link.Kind == LinkKind.ScaleOut ? 1.0 / 4 : 1.0 / 3;
        }
        else
        {
            launch = SimpleLaunchMicroseconds;
            hop = link.Kind switch { LinkKind.ScaleUp => 3.4, LinkKind.Pcie => 5.7, _ => 9.6 };
            share = 1.0;
        }

        double latency = (launch + steps * hop) * 1e-6;
        double transfer = Preconditions.FiniteResult(
            factor * bytes.Bytes / (link.EffectiveBandwidth.BytesPerSecond * share), nameof(bytes), bytes.Bytes);
        return (latency, transfer);
    }
}
