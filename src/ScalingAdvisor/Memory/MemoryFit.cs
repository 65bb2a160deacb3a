using ScalingAdvisor.Units;

namespace ScalingAdvisor.Memory;

/// <summary>
/// Whether an estimate fits in one GPU's memory: a typed finding with its headroom (or shortfall), not a log line.
/// </summary>
/// <param name="Required">The bytes the estimate needs per GPU.</param>
/// <param name="Available">The GPU's memory.</param>
public sealed record MemoryFit(ByteSize Required, ByteSize Available)
{
    /// <summary>True when <see cref="Required"/> ≤ <see cref="Available"/>.</summary>
    public bool Fits => Required <= Available;

    /// <summary>Memory left over when it fits; zero when it does not.</summary>
    public ByteSize Headroom => Fits ? Available - Required : ByteSize.Zero;

    /// <summary>Memory missing when it does not fit; zero when it does.</summary>
    public ByteSize Shortfall => Fits ? ByteSize.Zero : Required - Available;

    /// <summary>
    /// (Available − Required) / Available: the share left over, negative when it does not fit; null where it is not
    /// defined (no memory at all) or not representable (a shortfall over 10^308 times the capacity).
    /// </summary>
    public double? HeadroomFraction
        => Available.Bytes > 0 && (Available.Bytes - Required.Bytes) / Available.Bytes is var fraction && double.IsFinite(fraction) ? fraction : null;
}
