using ScalingAdvisor.Units;

namespace ScalingAdvisor.Communication;

/// <summary>
/// The time of one collective under the α–β model: <see cref="Latency"/> (α: launch plus one hop per ring step) plus
/// <see cref="Transfer"/> (β: the bytes each device moves over the link's effective bandwidth). Immutable; made by
/// <see cref="Collectives"/>.
/// </summary>
public sealed record CollectiveTime
{
    internal CollectiveTime(
        Collective collective, int devices, ByteSize bytes, Link link, CollectiveProtocol? protocol, long steps,
        double busBandwidthFactor, Duration latency, Duration transfer)
    {
        Collective = collective;
        Devices = devices;
        Bytes = bytes;
        Link = link;
        Protocol = protocol;
        Steps = steps;
        BusBandwidthFactor = busBandwidthFactor;
        Latency = latency;
        Transfer = transfer;
    }

    /// <summary>The pattern.</summary>
    public Collective Collective { get; }

    /// <summary>Devices in the group.</summary>
    public int Devices { get; }

    /// <summary>The operation's size S in the nccl-tests convention (see the method that computed it).</summary>
    public ByteSize Bytes { get; }

    /// <summary>The link it ran over.</summary>
    public Link Link { get; }

    /// <summary>The protocol charged (the faster of the two); null when there is nothing to send (one device or zero bytes).</summary>
    public CollectiveProtocol? Protocol { get; }

    /// <summary>Ring steps (hops) on the critical path: 2(G−1) for all-reduce, G−1 for reduce-scatter, all-gather and all-to-all, 1 for point-to-point.</summary>
    public long Steps { get; }

    /// <summary>The nccl-tests bus-bandwidth factor: 2(G−1)/G, (G−1)/G, (G−1)/G, 1.</summary>
    public double BusBandwidthFactor { get; }

    /// <summary>The α term.</summary>
    public Duration Latency { get; }

    /// <summary>The β term.</summary>
    public Duration Transfer { get; }

    /// <summary>Latency plus transfer.</summary>
    public Duration Total => Latency + Transfer;

    /// <summary>nccl-tests' algorithm bandwidth, S / t; null when the time is zero.</summary>
    public ByteRate? AlgorithmBandwidth => Total.TotalSeconds > 0 ? ByteRate.FromBytesPerSecond(Bytes.Bytes / Total.TotalSeconds) : null;

    /// <summary>nccl-tests' bus bandwidth, algorithm bandwidth × <see cref="BusBandwidthFactor"/>: comparable with the link's rate.</summary>
    public ByteRate? BusBandwidth => AlgorithmBandwidth is { } algorithm ? algorithm * BusBandwidthFactor : null;
}
