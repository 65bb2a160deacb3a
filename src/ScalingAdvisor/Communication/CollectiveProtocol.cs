namespace ScalingAdvisor.Communication;

/// <summary>
/// NCCL's two ring protocols at the ends of its trade-off, the faster of which <see cref="Collectives"/> charges, as NCCL's
/// own tuner picks the protocol per message size.
/// </summary>
public enum CollectiveProtocol
{
    /// <summary>
    /// Low-latency: 8-byte stores carrying a 4-byte flag, so a small fraction of the link rate (1/4 for all-reduce and over
    /// the network, 1/3 otherwise) but sub-microsecond hops on NVLink. Wins for small messages (tensor-parallel decode).
    /// </summary>
    LowLatency,

    /// <summary>Simple: full effective link rate, microseconds per hop. Wins for large messages (gradients, prefill).</summary>
    Simple,
}
