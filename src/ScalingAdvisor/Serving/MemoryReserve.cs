using ScalingAdvisor.Units;

namespace ScalingAdvisor.Serving;

/// <summary>
/// Device memory a serving replica keeps out of its weights and KV cache (activation workspace, CUDA graphs, the
/// allocator's slack): a share of the replica's memory or a number of bytes. The default is none, 0: a KV-cache size
/// at the edge of the memory is then the best case. vLLM keeps 10% (<see cref="VllmDefaultFraction"/>).
/// </summary>
public readonly record struct MemoryReserve
{
    /// <summary>
    /// vLLM's reserve: its <c>gpu_memory_utilization</c> defaults to 0.9, so 10% of each device's memory is left to
    /// activations and the runtime (Kwon et al. 2023, vLLM; vLLM engine arguments).
    /// </summary>
    public const double VllmDefaultFraction = 0.1;

    private MemoryReserve(double fraction, ByteSize bytes)
    {
        Fraction = fraction;
        Bytes = bytes;
    }

    /// <summary>No reserve (the default).</summary>
    public static MemoryReserve None => default;

    /// <summary>A share of the replica's memory.</summary>
    /// <param name="fraction">In [0, 1).</param>
    /// <returns>The reserve.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The fraction is outside [0, 1).</exception>
    public static MemoryReserve OfFraction(double fraction)
    {
        Preconditions.InRange(fraction, 0, 1);
        if (fraction >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "should be in [0, 1): a reserve of all the memory leaves none to serve from.");
        }

        return new MemoryReserve(fraction, ByteSize.Zero);
    }

    /// <summary>A number of bytes per device.</summary>
    /// <param name="bytesPerDevice">Bytes kept on every device, ≥ 0.</param>
    /// <returns>The reserve.</returns>
    public static MemoryReserve OfBytes(ByteSize bytesPerDevice) => new(0, bytesPerDevice);

    /// <summary>The share of memory reserved (0 when a byte count is given).</summary>
    public double Fraction { get; }

    /// <summary>Bytes reserved per device (zero when a share is given).</summary>
    public ByteSize Bytes { get; }

    /// <summary>The bytes reserved on one device of <paramref name="deviceMemory"/>.</summary>
    /// <param name="deviceMemory">The device's memory.</param>
    /// <returns>Fraction × memory, or the bytes.</returns>
    public ByteSize PerDevice(ByteSize deviceMemory) => Fraction > 0 ? deviceMemory * Fraction : Bytes;
}
