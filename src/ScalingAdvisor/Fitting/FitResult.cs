namespace ScalingAdvisor.Fitting;

/// <summary>
/// The one result contract of every fit: the fitted law, the objective it reached, whether the best start
/// converged and why, how many starts reached the best minimum, and residual diagnostics.
/// </summary>
/// <typeparam name="TLaw">The fitted law's type (<see cref="Laws.ChinchillaLaw"/> or <see cref="SaturatingPowerLaw"/>).</typeparam>
/// <param name="Law">The fitted law.</param>
/// <param name="Objective">The minimised objective Σ w_i·Huber_δ(log residual_i) (Hoffmann et al. 2022 App. D.2; a sum, not a mean).</param>
/// <param name="Convergence">Whether and why the best start stopped.</param>
/// <param name="StartsTried">The number of starting points tried.</param>
/// <param name="StartsAtBest">How many starts ended within the relative best-tolerance of the best objective (a measure of how easy the minimum is to find).</param>
/// <param name="Diagnostics">Residual diagnostics (RMSE in log space, the worst runs).</param>
/// <param name="RunCount">The number of runs fitted.</param>
public sealed record FitResult<TLaw>(
    TLaw Law,
    double Objective,
    FitConvergence Convergence,
    int StartsTried,
    int StartsAtBest,
    FitDiagnostics Diagnostics,
    int RunCount)
    where TLaw : class;
