using ScalingAdvisor.Laws;

namespace ScalingAdvisor.Fitting;

/// <summary>
/// One-call facade over <see cref="ChinchillaFitter"/>, <see cref="SaturatingPowerLawFitter"/> and
/// <see cref="ChinchillaBootstrap"/> with the defaults of Hoffmann et al. (2022) App. D.2.
/// </summary>
public static class LawFitter
{
    /// <summary>Fits L = E + A/N^α + B/D^β to runs from the 4,500-point grid of Hoffmann et al. (2022) App. D.2.</summary>
    /// <param name="runs">At least five runs, with N and D each taking at least two values.</param>
    /// <returns>The fit.</returns>
    /// <exception cref="ArgumentException">Too few runs, N or D does not vary, or the fit is not a valid law.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="runs"/> is null.</exception>
    public static FitResult<ChinchillaLaw> Fit(IReadOnlyList<TrainingRun> runs) => new ChinchillaFitter().Fit(runs);

    /// <summary>Fits L(x) = E + k·x^(−γ) to loss against one input of the runs.</summary>
    /// <param name="runs">At least three runs, with the chosen input taking at least two values.</param>
    /// <param name="axis">Which input is x.</param>
    /// <returns>The fit.</returns>
    /// <exception cref="ArgumentException">Too few runs, x does not vary, or the fit has γ ≤ 0.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="runs"/> is null.</exception>
    public static FitResult<SaturatingPowerLaw> FitPowerLaw(IReadOnlyList<TrainingRun> runs, PowerLawAxis axis)
        => new SaturatingPowerLawFitter().Fit(runs, axis);

    /// <summary>Bootstraps a Chinchilla-form fit with 1,000 resamples at 95%.</summary>
    /// <param name="runs">The runs fitted.</param>
    /// <param name="fit">The fit to them.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The intervals.</returns>
    /// <exception cref="ArgumentException">The runs cannot be fitted.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static BootstrapResult Bootstrap(IReadOnlyList<TrainingRun> runs, FitResult<ChinchillaLaw> fit, long seed = 0)
        => ChinchillaBootstrap.Run(runs, fit, new BootstrapOptions { Seed = seed });
}
