using ScalingAdvisor.Units;

namespace ScalingAdvisor.Fitting;

/// <summary>A point estimate with a bootstrap percentile interval.</summary>
/// <param name="Estimate">The value from the fit to all runs.</param>
/// <param name="Low">The lower percentile, (1 − confidence)/2.</param>
/// <param name="High">The upper percentile, (1 + confidence)/2.</param>
public sealed record ParameterInterval(double Estimate, double Low, double High)
{
    /// <summary>Whether <paramref name="value"/> lies in [Low, High].</summary>
    public bool Contains(double value) => value >= Low && value <= High;
}

/// <summary>Intervals of the compute-optimal allocation at a named budget (FORMULAS.md §6).</summary>
/// <param name="Budget">The budget C.</param>
/// <param name="OptimalParameters">N_opt.</param>
/// <param name="OptimalTokens">D_opt.</param>
/// <param name="Loss">The law's loss at (N_opt, D_opt).</param>
public sealed record BudgetIntervals(FlopCount Budget, ParameterInterval OptimalParameters, ParameterInterval OptimalTokens, ParameterInterval Loss);

/// <summary>
/// Bootstrap percentile intervals of a Chinchilla-form fit (FORMULAS.md §7; Besiroglu et al. 2024 §3): of every
/// parameter, of the allocation exponents N_opt ∝ C^a, D_opt ∝ C^b with a = β/(α+β), b = α/(α+β)
/// (Hoffmann et al. 2022 App. D.2), and optionally of the compute-optimal N, D and loss at a budget.
/// </summary>
/// <param name="Confidence">The central coverage of the intervals.</param>
/// <param name="Resamples">The number of resamples drawn.</param>
/// <param name="FailedResamples">Resamples that could not be fitted (too few distinct runs, N or D not varying, or α or β ≤ 0); left out of the intervals.</param>
/// <param name="Seed">The seed.</param>
/// <param name="E">E, the irreducible loss.</param>
/// <param name="A">A.</param>
/// <param name="B">B.</param>
/// <param name="Alpha">α.</param>
/// <param name="Beta">β.</param>
/// <param name="ParametersExponent">a = β/(α+β), the exponent of N_opt in C.</param>
/// <param name="TokensExponent">b = α/(α+β), the exponent of D_opt in C.</param>
/// <param name="AtBudget">Intervals at the requested budget, or null when none was named.</param>
public sealed record BootstrapResult(
    double Confidence,
    int Resamples,
    int FailedResamples,
    long Seed,
    ParameterInterval E,
    ParameterInterval A,
    ParameterInterval B,
    ParameterInterval Alpha,
    ParameterInterval Beta,
    ParameterInterval ParametersExponent,
    ParameterInterval TokensExponent,
    BudgetIntervals? AtBudget)
{
    /// <summary>
    /// The law refitted to each resample that could be fitted (in resample order), so that any question asked of the
    /// point estimate (a recommendation, an allocation) can also be asked of every resample and given a percentile
    /// interval; empty when the result was loaded from a file saved without them.
    /// </summary>
    public IReadOnlyList<Laws.ChinchillaLaw> Samples { get; init; } = [];
}
