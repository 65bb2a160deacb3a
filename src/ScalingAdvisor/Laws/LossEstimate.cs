using ScalingAdvisor.Units;

namespace ScalingAdvisor.Laws;

/// <summary>A predicted loss with the law and inputs that produced it (see <see cref="LawSolver.Evaluate"/>).</summary>
/// <param name="LawId">The id of the law used.</param>
/// <param name="Parameters">N, counted as the law's <see cref="ILossLaw.ParameterBasis"/> says.</param>
/// <param name="Tokens">D, training tokens.</param>
/// <param name="UniqueTokens">U, the unique tokens, when given.</param>
/// <param name="Loss">The predicted loss in nats per token.</param>
/// <param name="Breakdown">The loss's three terms for laws of the E + A/N^α + B/D^β form; null otherwise (Kaplan et al. 2020).</param>
public sealed record LossEstimate(
    string LawId,
    ParameterCount Parameters,
    TokenCount Tokens,
    TokenCount? UniqueTokens,
    double Loss,
    LossBreakdown? Breakdown)
{
    /// <summary>The loss's three terms for laws of the E + A/N^α + B/D^β form; null otherwise (Kaplan et al. 2020).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The terms' total cannot be represented.</exception>
    public LossBreakdown? Breakdown { get; init => field = Checked(value); } = Checked(Breakdown);

    // The terms are checked where they are computed; their sum can still overflow when a caller builds one.
    private static LossBreakdown? Checked(LossBreakdown? terms)
    {
        if (terms is { } t)
        {
            Preconditions.FiniteResult(t.Total, nameof(Breakdown), t.ModelTerm);
        }

        return terms;
    }
}
