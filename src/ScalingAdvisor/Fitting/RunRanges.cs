using ScalingAdvisor.Laws;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Fitting;

/// <summary>
/// The ranges of N, D and compute C = 6·N·D (Kaplan et al. 2020 §2.1) spanned by the runs a law was
/// fitted to: inside them the law interpolates, outside it extrapolates.
/// </summary>
/// <param name="MinParameters">The smallest N.</param>
/// <param name="MaxParameters">The largest N.</param>
/// <param name="MinTokens">The smallest D.</param>
/// <param name="MaxTokens">The largest D.</param>
/// <param name="MinFlops">The smallest C.</param>
/// <param name="MaxFlops">The largest C.</param>
public sealed record RunRanges(
    ParameterCount MinParameters,
    ParameterCount MaxParameters,
    TokenCount MinTokens,
    TokenCount MaxTokens,
    FlopCount MinFlops,
    FlopCount MaxFlops)
{
    /// <summary>The ranges spanned by some runs.</summary>
    /// <param name="runs">At least one run.</param>
    /// <exception cref="ArgumentException">There are no runs.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="runs"/> is null.</exception>
    public static RunRanges Of(IReadOnlyList<TrainingRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0)
        {
            throw new ArgumentException("There are no runs.", nameof(runs));
        }

        double minN = double.MaxValue, maxN = 0, minD = double.MaxValue, maxD = 0, minC = double.MaxValue, maxC = 0;
        foreach (var run in runs)
        {
            double n = run.Parameters.Count, d = run.Tokens.Count, c = run.Flops.Flops;
            minN = Math.Min(minN, n);
            maxN = Math.Max(maxN, n);
            minD = Math.Min(minD, d);
            maxD = Math.Max(maxD, d);
            minC = Math.Min(minC, c);
            maxC = Math.Max(maxC, c);
        }

        return new RunRanges(
            ParameterCount.FromCount(minN), ParameterCount.FromCount(maxN),
            TokenCount.FromCount(minD), TokenCount.FromCount(maxD),
            FlopCount.FromFlops(minC), FlopCount.FromFlops(maxC));
    }

    /// <summary>These ranges as a law's <see cref="ILossLaw.FittedRange"/>.</summary>
    /// <param name="source">Where the runs come from, e.g. "the 24 runs of runs.csv".</param>
    /// <exception cref="ArgumentException">The source is empty.</exception>
    public FittedRange ToFittedRange(string source)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        return new FittedRange(
            new RangeAxis(MinParameters.Count, MaxParameters.Count),
            new RangeAxis(MinTokens.Count, MaxTokens.Count),
            new RangeAxis(MinFlops.Flops, MaxFlops.Flops),
            source);
    }
}
