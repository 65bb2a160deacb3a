using ScalingAdvisor.Fitting;
using ScalingAdvisor.Laws;

namespace ScalingAdvisor.Advice;

/// <summary>
/// A law's uncertainty as a set of plausible laws, each a refit to a bootstrap resample of the runs (Efron 1979;
/// Besiroglu et al. 2024 §3), and the central coverage to report.
/// </summary>
/// <param name="Samples">The resampled laws; at least two.</param>
/// <param name="Confidence">The central coverage of the interval, in (0, 1).</param>
public sealed record LawUncertainty(IReadOnlyList<ILossLaw> Samples, double Confidence)
{
    /// <summary>The uncertainty of a bootstrapped fit; null when its refits were not kept (e.g. an older law file).</summary>
    /// <param name="bootstrap">The bootstrap result.</param>
    /// <returns>The samples at the bootstrap's confidence, or null when there are fewer than two.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="bootstrap"/> is null.</exception>
    public static LawUncertainty? From(BootstrapResult bootstrap)
    {
        ArgumentNullException.ThrowIfNull(bootstrap);
        return bootstrap.Samples.Count < 2 ? null : new LawUncertainty(bootstrap.Samples, bootstrap.Confidence);
    }

    /// <summary>Throws when there are too few samples or the confidence is not in (0, 1).</summary>
    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Samples);
        if (Samples.Count < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(Samples), Samples.Count, "An interval needs at least two resampled laws.");
        }

        Preconditions.InRange(Confidence, double.Epsilon, 1 - 1e-12, nameof(Confidence));
    }
}
