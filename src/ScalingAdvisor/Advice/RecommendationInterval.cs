using ScalingAdvisor.Fitting;

namespace ScalingAdvisor.Advice;

/// <summary>
/// The spread of the recommendation over a law's resampled refits: the advisor is rerun with each refit under the same
/// cluster, limits and stop rule, and the stop budget and its N, D and loss are reported as percentile intervals
/// (Hyndman and Fan 1996 type 7) around the point estimate's values.
/// </summary>
/// <param name="Confidence">The central coverage.</param>
/// <param name="Samples">Resampled laws rerun.</param>
/// <param name="WithoutRecommendation">Resamples under which even the first budget broke a limit; left out of the intervals.</param>
/// <param name="BudgetFlops">The stop budget C, FLOPs.</param>
/// <param name="Parameters">N at the stop budget.</param>
/// <param name="Tokens">D at the stop budget.</param>
/// <param name="Loss">The predicted loss at the stop budget, nats per token.</param>
/// <param name="BoundCounts">How many resamples each limit stopped.</param>
public sealed record RecommendationInterval(
    double Confidence,
    int Samples,
    int WithoutRecommendation,
    ParameterInterval BudgetFlops,
    ParameterInterval Parameters,
    ParameterInterval Tokens,
    ParameterInterval Loss,
    IReadOnlyDictionary<StopBound, int> BoundCounts);
