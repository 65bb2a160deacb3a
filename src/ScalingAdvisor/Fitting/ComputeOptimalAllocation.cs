namespace ScalingAdvisor.Fitting;

/// <summary>
/// The compute-optimal allocation of a Chinchilla-form law under C = 6·N·D (FORMULAS.md §6; Hoffmann et al.
/// 2022 App. D.2 eq. 4): G = (α·A / (β·B))^(1/(α+β)), N_opt = G·(C/6)^(β/(α+β)), D_opt = (C/6)^(α/(α+β)) / G.
/// Computed in log space so that large A, B or C do not overflow.
/// </summary>
/// <remarks>
/// Implementation note: the Laws area adds a public equivalent on <c>ChinchillaLaw</c>; this internal copy
/// lets Fitting's bootstrap stand alone until the two are merged.
/// </remarks>
internal static class ComputeOptimalAllocation
{
    /// <summary>N_opt and D_opt at a budget of <paramref name="flops"/> FLOPs, and the law's loss there.</summary>
    public static (double Parameters, double Tokens, double Loss) At(double e, double a, double b, double alpha, double beta, double flops)
    {
        double sum = alpha + beta;
        double logG = (Math.Log(alpha) + a - Math.Log(beta) - b) / sum;
        double logHalfBudget = Math.Log(flops / 6.0);
        double logN = logG + (beta / sum * logHalfBudget);
        double logD = (alpha / sum * logHalfBudget) - logG;
        double loss = Math.Exp(e) + Math.Exp(a - (alpha * logN)) + Math.Exp(b - (beta * logD));
        return (Math.Exp(logN), Math.Exp(logD), loss);
    }
}
