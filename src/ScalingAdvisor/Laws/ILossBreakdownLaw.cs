using ScalingAdvisor.Units;

namespace ScalingAdvisor.Laws;

/// <summary>
/// Capability: a law whose loss splits into an irreducible, a model-limited and a data-limited term
/// (<see cref="LossBreakdown"/>; Hoffmann et al. 2022 eq. 2, or Muennighoff et al. 2023 eq. 5 at fixed U).
/// <see cref="LawSolver.Evaluate"/> reports the terms of any law that has it.
/// </summary>
public interface ILossBreakdownLaw : ILossLaw
{
    /// <summary>The loss at (N, D) split into its three terms; their sum is <see cref="ILossLaw.Loss"/>.</summary>
    /// <param name="parameters">N; must be &gt; 0.</param>
    /// <param name="tokens">D; must be &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">N or D is zero.</exception>
    LossBreakdown Breakdown(ParameterCount parameters, TokenCount tokens);
}
