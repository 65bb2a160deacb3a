using ScalingAdvisor.Hardware;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Serving;

/// <summary>
/// The cost of tensor parallelism (Shoeybi et al. 2019, Megatron-LM §3; Pope et al. 2022 §3.2): every layer all-reduces
/// its attention output and its feed-forward output, two all-reduces of B·s·d activations (16-bit, 2 bytes) per layer.
/// A ring all-reduce of M bytes over G devices sends 2(G − 1)/G·M bytes from every device (Patarasuk and Yuan 2009), at
/// the scale-up link's one-way bandwidth, plus a fixed latency per all-reduce: t = α + 2(G − 1)/G · M / β.
/// </summary>
public sealed record TensorParallelCommunication
{
    /// <summary>
    /// Default latency of one all-reduce, 10 µs: the order of NCCL's small-message all-reduce time inside one NVLink
    /// node (nccl-tests all_reduce_perf at 8 B–64 KiB on 8×A100/H100 reports 10–20 µs; TensorRT-LLM's one-shot custom
    /// all-reduce is faster). An assumption, shown in results and settable.
    /// </summary>
    public const double DefaultLatencySeconds = 10e-6;

    /// <summary>Creates the model.</summary>
    /// <param name="latencySeconds">α, seconds per all-reduce, ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The latency is negative or above one second.</exception>
    public TensorParallelCommunication(double latencySeconds = DefaultLatencySeconds)
    {
        Latency = Duration.FromSeconds(Preconditions.InRange(latencySeconds, 0, 1));
    }

    /// <summary>The defaults (α = 10 µs).</summary>
    public static TensorParallelCommunication Default { get; } = new();

    /// <summary>α, the fixed time of one all-reduce.</summary>
    public Duration Latency { get; }

    /// <summary>The formula in words, for reports.</summary>
    public const string Formula = "2 all-reduces per layer of B·s·d·2 bytes; each α + 2(G−1)/G·bytes / one-way scale-up bandwidth";

    /// <summary>
    /// The one-way scale-up bandwidth of a device: half the catalog's bidirectional interconnect figure (datasheets quote
    /// NVLink, Infinity Fabric and ICI as the sum of both directions: A100 NVLink 3 600 GB/s is 300 GB/s each way).
    /// </summary>
    /// <param name="accelerator">The device.</param>
    /// <returns>The bandwidth, or null when the catalog has none.</returns>
    public static ByteRate? OneWayBandwidth(AcceleratorProfile accelerator)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        return accelerator.InterconnectBandwidth is { } link ? link / 2 : null;
    }

    /// <summary>Time of the 2·L all-reduces of one forward pass over <paramref name="tokens"/> tokens on G devices.</summary>
    /// <param name="layers">L, ≥ 1.</param>
    /// <param name="modelWidth">d, ≥ 1.</param>
    /// <param name="tokens">B·s, tokens in the pass, ≥ 1.</param>
    /// <param name="gpus">G, ≥ 1 (zero time for one device).</param>
    /// <param name="oneWayBandwidth">β, &gt; 0.</param>
    /// <returns>The time.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public Duration ForwardPass(int layers, int modelWidth, double tokens, int gpus, ByteRate oneWayBandwidth)
    {
        Preconditions.PositiveInt(layers);
        Preconditions.PositiveInt(modelWidth);
        Preconditions.InRange(tokens, 1, double.MaxValue);
        Preconditions.PositiveInt(gpus);
        Preconditions.Positive(oneWayBandwidth.BytesPerSecond, nameof(oneWayBandwidth));
        return Duration.FromSeconds(Preconditions.FiniteResult(
            ForwardPassSeconds(layers, modelWidth, tokens, gpus, oneWayBandwidth.BytesPerSecond), nameof(tokens), tokens));
    }

    internal double ForwardPassSeconds(int layers, int modelWidth, double tokens, int gpus, double oneWayBytesPerSecond)
    {
        if (gpus == 1)
        {
            return 0;
        }

        double message = tokens * modelWidth * ServingSetup.ActivationBytes;
        double perAllReduce = Latency.TotalSeconds + (2.0 * (gpus - 1) / gpus * message / oneWayBytesPerSecond);
        return 2.0 * layers * perAllReduce;
    }
}
