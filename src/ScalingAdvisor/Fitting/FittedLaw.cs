using ScalingAdvisor.Laws;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Fitting;

/// <summary>Where a fitted law came from.</summary>
/// <param name="SourceName">The runs file's name (or another label).</param>
/// <param name="RunCount">The number of runs fitted.</param>
/// <param name="Objective">The objective the fit reached (sum of Huber losses, Hoffmann et al. 2022 App. D.2).</param>
/// <param name="Method">The fitting method in words.</param>
public sealed record FitProvenance(string SourceName, int RunCount, double Objective, string Method);

/// <summary>
/// A law fitted to a user's runs, with what is needed to use it honestly: the data ranges (to flag
/// extrapolation), the provenance and, when bootstrapped, the intervals. <see cref="Law"/> is an
/// <see cref="ILossLaw"/> usable wherever a built-in law is. Saved and loaded by <see cref="FittedLawFile"/>.
/// </summary>
/// <param name="Law">The fitted Chinchilla-form law.</param>
/// <param name="Ranges">The ranges of N, D and C spanned by the runs.</param>
/// <param name="Provenance">Where the fit came from.</param>
/// <param name="Intervals">Bootstrap intervals, or null when the fit was not bootstrapped.</param>
public sealed record FittedLaw(ChinchillaLaw Law, RunRanges Ranges, FitProvenance Provenance, BootstrapResult? Intervals)
{
    /// <summary>Packages a fit for saving and reuse.</summary>
    /// <param name="runs">The runs fitted, with their source name.</param>
    /// <param name="fit">The fit.</param>
    /// <param name="intervals">Bootstrap intervals, or null.</param>
    /// <returns>The fitted law.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">There are no runs.</exception>
    public static FittedLaw From(RunSet runs, FitResult<ChinchillaLaw> fit, BootstrapResult? intervals = null)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(fit);
        var ranges = RunRanges.Of(runs.Runs);
        return new FittedLaw(fit.Law with { FittedRange = ranges.ToFittedRange(RangeSource(runs.SourceName, fit.RunCount)) }, ranges,
            new FitProvenance(runs.SourceName, fit.RunCount, fit.Objective, fit.Law.Source), intervals);
    }

    /// <summary>
    /// The data-constrained law (Muennighoff et al. 2023 eq. 5: its own E, A, B, α, β with R*_D and R*_N) fitted to all runs
    /// by <c>fit --data-constrained</c>, for which <see cref="Law"/> is the single-epoch base; null for a plain fit.
    /// </summary>
    public DataConstrainedLaw? DataConstrained { get; init; }

    /// <summary>How many runs (single-epoch and repeated) <see cref="DataConstrained"/> was fitted to; null for a plain fit.</summary>
    public int? DataConstrainedRuns { get; init; }

    /// <summary>The law to predict with: <see cref="DataConstrained"/> when fitted (it needs the unique tokens U), else <see cref="Law"/>.</summary>
    public ILossLaw LossLaw => DataConstrained is { } constrained ? constrained : Law;

    /// <summary>How a fitted law names the runs behind its <see cref="ILossLaw.FittedRange"/>, e.g. "the 24 runs of runs.csv".</summary>
    internal static string RangeSource(string sourceName, int runCount)
        => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"the {runCount} runs of {sourceName}");
}
