using ScalingAdvisor.Laws;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Fitting;

/// <summary>
/// The compute-optimal model of a fitted Chinchilla-form law at a budget, under C = 6·N·D (FORMULAS.md §6;
/// Hoffmann et al. 2022 App. D.2): N_opt = G·(C/6)^(β/(α+β)), D_opt = (C/6)^(α/(α+β)) / G with
/// G = (α·A / (β·B))^(1/(α+β)).
/// </summary>
/// <param name="Budget">The budget C.</param>
/// <param name="Parameters">N_opt.</param>
/// <param name="Tokens">D_opt.</param>
/// <param name="Loss">The law's loss at (N_opt, D_opt), nats per token.</param>
public sealed record FittedOptimum(FlopCount Budget, ParameterCount Parameters, TokenCount Tokens, double Loss)
{
    /// <summary>The compute-optimal allocation of <paramref name="law"/> at <paramref name="budget"/>.</summary>
    /// <param name="law">The law.</param>
    /// <param name="budget">C; &gt; 0.</param>
    /// <returns>N_opt, D_opt and the loss there.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="law"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The budget is zero, or the result is not representable.</exception>
    public static FittedOptimum At(ChinchillaLaw law, FlopCount budget)
    {
        ArgumentNullException.ThrowIfNull(law);
        Preconditions.Positive(budget.Flops, nameof(budget));
        if (law.A <= 0 || law.B <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(law), "The compute-optimal allocation needs A > 0 and B > 0.");
        }

        // The law's own closed form (Hoffmann et al. 2022 App. D.2), so the CLI and the library agree by construction.
        return new FittedOptimum(budget, law.OptimalParameters(budget), law.OptimalTokens(budget), law.OptimalLoss(budget));
    }
}
