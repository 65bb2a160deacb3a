using ScalingAdvisor.Communication;
using ScalingAdvisor.Hardware;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Serving;

/// <summary>
/// The cost of tensor parallelism (Shoeybi et al. 2019, Megatron-LM §3; Pope et al. 2022 §3.2): every layer all-reduces
/// its attention output and its feed-forward output, two all-reduces of B·s·d activations (16-bit, 2 bytes) per layer.
/// Each is timed by <see cref="Collectives.AllReduce"/> (ring, 2(G − 1)/G of the message per device, with NCCL's latency
/// terms) over <see cref="Link.Spanning"/> the replica's devices: the scale-up link inside one scale-up domain.
/// </summary>
public sealed record TensorParallelCommunication
{
    /// <summary>Creates the model.</summary>
    /// <param name="linkEfficiency">Share of the link's line rate achieved, in (0, 1]; default <see cref="Link.DefaultEfficiency"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The efficiency is outside (0, 1].</exception>
    public TensorParallelCommunication(double linkEfficiency = Link.DefaultEfficiency)
    {
        LinkEfficiency = Preconditions.Fraction(linkEfficiency);
    }

    /// <summary>The defaults (link efficiency 0.8).</summary>
    public static TensorParallelCommunication Default { get; } = new();

    /// <summary>Share of the link's line rate achieved.</summary>
    public double LinkEfficiency { get; }

    /// <summary>The formula in words, for reports.</summary>
    public const string Formula = "2 ring all-reduces per layer of B·s·d·2 bytes over the scale-up link: NCCL launch and per-step latency + 2(G−1)/G·bytes ÷ (per-direction bandwidth × link efficiency)";

    /// <summary>The link G devices of <paramref name="accelerator"/> all-reduce over, or null for one device.</summary>
    /// <param name="accelerator">The device.</param>
    /// <param name="gpus">G, ≥ 1.</param>
    /// <returns>The link; null when G = 1.</returns>
    /// <exception cref="ArgumentException">The device publishes no bandwidth for the link G devices need (parameter <c>hardware</c>).</exception>
    public Link? LinkFor(AcceleratorProfile accelerator, int gpus)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        Preconditions.PositiveInt(gpus);
        return gpus == 1 ? null : Link.Spanning(accelerator, gpus, LinkEfficiency);
    }

    /// <summary>Time of the 2·L all-reduces of one forward pass over <paramref name="tokens"/> tokens on G devices.</summary>
    /// <param name="layers">L, ≥ 1.</param>
    /// <param name="modelWidth">d, ≥ 1.</param>
    /// <param name="tokens">B·s, tokens in the pass, ≥ 1.</param>
    /// <param name="gpus">G, ≥ 1 (zero time for one device).</param>
    /// <param name="link">The link; ignored for one device.</param>
    /// <returns>The time.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public static Duration ForwardPass(int layers, int modelWidth, double tokens, int gpus, Link? link)
    {
        Preconditions.PositiveInt(layers);
        Preconditions.PositiveInt(modelWidth);
        Preconditions.InRange(tokens, 1, double.MaxValue);
        Preconditions.PositiveInt(gpus);
        if (gpus == 1)
        {
            return Duration.Zero;
        }

        ArgumentNullException.ThrowIfNull(link);
        var message = ByteSize.FromBytes(Preconditions.FiniteResult(tokens * modelWidth * ServingSetup.ActivationBytes, nameof(tokens), tokens));
        // A message too large for the link's rate is the caller's token count (the link itself is validated).
        return Preconditions.Attributed(() => Collectives.AllReduce(message, gpus, link).Total * (2.0 * layers), nameof(tokens), tokens);
    }
}
