using ScalingAdvisor.Units;

namespace ScalingAdvisor.Laws;

/// <summary>
/// Capability: a law that knows its limits in closed form, the loss with unlimited data L(N, ∞) and with an unlimited
/// model L(∞, D). The numerical solvers use them to tell a reachable target from an unreachable one; without them they
/// evaluate the law at a stand-in for infinity.
/// </summary>
public interface ILimitingLossLaw : ILossLaw
{
    /// <summary>L(N, ∞), nats per token.</summary>
    /// <param name="parameters">N; must be &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">N is zero.</exception>
    double LossWithUnlimitedData(ParameterCount parameters);

    /// <summary>L(∞, D), nats per token.</summary>
    /// <param name="tokens">D; must be &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">D is zero.</exception>
    double LossWithUnlimitedParameters(TokenCount tokens);
}
