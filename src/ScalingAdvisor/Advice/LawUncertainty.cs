using ScalingAdvisor.Fitting;
using ScalingAdvisor.Laws;
using ScalingAdvisor.Units;

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

    /// <summary>
    /// The loss at (N, D) under the point-estimate law and its central percentile interval over the resampled laws
    /// (the bootstrap band of a fitted curve; percentiles by Hyndman and Fan 1996 type 7).
    /// </summary>
    /// <param name="estimate">The law fitted to all runs, whose loss is the interval's estimate.</param>
    /// <param name="parameters">N.</param>
    /// <param name="tokens">D.</param>
    /// <returns>The estimate and the (1 ∓ confidence)/2 percentiles of the resampled laws' losses.</returns>
    /// <remarks>Internal for the CLI's plots (issue 19) until the band is part of a result type.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="estimate"/> is null.</exception>
    /// <exception cref="ArgumentException">N or D is not positive, or a loss is not finite there.</exception>
    internal ParameterInterval LossAt(ILossLaw estimate, ParameterCount parameters, TokenCount tokens)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        Validate();
        Preconditions.Positive(parameters.Count, nameof(parameters));
        Preconditions.Positive(tokens.Count, nameof(tokens));
        double point = Preconditions.FiniteResult(estimate.Loss(parameters, tokens), nameof(parameters), parameters.Count);
        return Percentile(point, Samples.Select(law => law.Loss(parameters, tokens)), nameof(parameters), parameters.Count);
    }

    /// <summary>The estimate with the central percentile interval of <paramref name="values"/> at <see cref="Confidence"/>.</summary>
    internal ParameterInterval Percentile(double estimate, IEnumerable<double> values, string paramName, double input)
    {
        double[] sorted = [.. values.Select(v => Preconditions.FiniteResult(v, paramName, input)).Order()];
        double low = (1 - Confidence) / 2;
        return sorted.Length == 0
            ? new ParameterInterval(estimate, estimate, estimate)
            : new ParameterInterval(estimate, Percentiles.Type7(sorted, low), Percentiles.Type7(sorted, 1 - low));
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
