using ScalingAdvisor.Units;

namespace ScalingAdvisor.Laws;

/// <summary>
/// A loss law that supplies its analytic gradient in log space. The numerical solvers
/// (<see cref="LawSolver"/>) use it when present and fall back to central finite differences otherwise,
/// so implementing it only makes the solvers faster and more precise.
/// </summary>
public interface IDifferentiableLossLaw : ILossLaw
{
    /// <summary>The partial derivatives ∂L/∂ln N and ∂L/∂ln D at (N, D), in nats per token per e-fold.</summary>
    /// <param name="parameters">N; must be &gt; 0.</param>
    /// <param name="tokens">D; must be &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">N or D is zero.</exception>
    LossGradient LogGradient(ParameterCount parameters, TokenCount tokens);
}

/// <summary>The gradient of a loss law in log space.</summary>
/// <param name="WithRespectToLogParameters">∂L/∂ln N (negative where more parameters help).</param>
/// <param name="WithRespectToLogTokens">∂L/∂ln D (negative where more tokens help).</param>
public readonly record struct LossGradient(double WithRespectToLogParameters, double WithRespectToLogTokens);
