using ScalingAdvisor.Units;

namespace ScalingAdvisor.Laws;

/// <summary>
/// A loss law that models training on repeated data: D training tokens drawn from U unique tokens
/// (Muennighoff et al. 2023, "Scaling Data-Constrained Language Models", §3). Such a law needs U to
/// answer any question; <see cref="LawSolver"/> rejects a query that omits it.
/// </summary>
public interface IDataConstrainedLossLaw : ILossLaw
{
    /// <summary>The predicted loss, in nats per token, of N parameters trained on D tokens drawn from U unique tokens.</summary>
    /// <param name="parameters">N; must be &gt; 0.</param>
    /// <param name="tokens">D, training tokens (repeats included); must be &gt; 0.</param>
    /// <param name="uniqueTokens">U, the unique tokens available; must be &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">N, D or U is zero.</exception>
    double Loss(ParameterCount parameters, TokenCount tokens, TokenCount uniqueTokens);

    /// <summary>
    /// The same law with U fixed: a law of (N, D) alone, whose <see cref="ILossLaw.IrreducibleLoss"/> is the
    /// floor that no amount of compute can pass with only U unique tokens.
    /// </summary>
    /// <param name="uniqueTokens">U; must be &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">U is zero.</exception>
    ILossLaw WithUniqueTokens(TokenCount uniqueTokens);
}
