using System.Globalization;
using ScalingAdvisor.Laws;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Fitting;

/// <summary>
/// Fits the data-constrained law of Muennighoff et al. 2023 ("Scaling Data-Constrained Language Models", NeurIPS 2023,
/// §3.1 eq. 5, App. A) to runs with a unique-token count, as their reference code does (github.com/huggingface/datablations,
/// utils/parametric_fit.ipynb): first the base law E + A/N^α + B/D^β on the runs that see every token at most once
/// (D ≤ U; <see cref="ChinchillaFitter"/>, Huber δ = 1e-3 on log loss), then R*_D and R*_N on all runs by the same Huber
/// objective, refitting the base with them from that start (datablations fixes the base instead; eq. 5 discounts
/// parameters beyond N_opt(U) even without repetition, so a base fixed from over-sized single-epoch runs biases R*),
/// by L-BFGS from a grid of starts with central-difference gradients (eq. 5 has kinks where a run starts repeating).
/// </summary>
public static class DataConstrainedFitter
{
    /// <summary>The method in a sentence, for reports.</summary>
    public const string Method = "Muennighoff et al. 2023 App. A / datablations: base E + A/N^α + B/D^β fitted to the single-epoch runs (Huber δ = 1e-3 on log loss, Hoffmann et al. grid) as the start, then all seven constants, R*_D and R*_N with the base, fitted to all runs by the same objective (L-BFGS from a 3×3 grid of log R* starts, central-difference gradients)";

    private const double Delta = 1e-3;

    /// <summary>Fits the law.</summary>
    /// <param name="runs">The runs, every one with <see cref="TrainingRun.UniqueTokens"/>; at least 5 with D ≤ U, at least one with D &gt; U and one whose N exceeds the compute-optimal size of its unique data.</param>
    /// <param name="cancellationToken">Cancels the fit.</param>
    /// <returns>The fitted law, the base fit (the start) and the joint fit's objective.</returns>
    /// <exception cref="ArgumentException">A run lacks U, or the runs cannot identify the base, R*_D or R*_N.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="runs"/> is null.</exception>
    public static DataConstrainedFitResult Fit(IReadOnlyList<TrainingRun> runs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.FirstOrDefault(r => r.UniqueTokens is null) is { } missing)
        {
            throw new ArgumentException($"Every run needs its unique tokens for the data-constrained fit (a uniqueTokens column); the run of line {missing.Line?.ToString(CultureInfo.InvariantCulture) ?? "?"} has none.", nameof(runs));
        }

        var single = runs.Where(r => r.Tokens.Count <= r.UniqueTokens!.Value.Count).ToList();
        if (single.Count < ChinchillaFitter.ParameterCount)
        {
            throw new ArgumentException(
                $"The base law is fitted to the runs that see each token at most once (tokens ≤ uniqueTokens), as Muennighoff et al. do; there are {single.Count}, and its 5 parameters need at least {ChinchillaFitter.ParameterCount}.", nameof(runs));
        }

        var repeated = runs.Where(r => r.Tokens.Count > r.UniqueTokens!.Value.Count).ToList();
        if (repeated.Count == 0)
        {
            throw new ArgumentException("No run repeats its data (tokens > uniqueTokens), so R*_D cannot be fitted; add repeated-epoch runs.", nameof(runs));
        }

        FitResult<ChinchillaLaw> baseFit;
        try
        {
            baseFit = new ChinchillaFitter().Fit(single, cancellationToken);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException("The base law on the single-epoch runs: " + ex.Message, nameof(runs), ex);
        }

        var constants = new ChinchillaConstants(baseFit.Law.E, baseFit.Law.A, baseFit.Law.B, baseFit.Law.Alpha, baseFit.Law.Beta);
        var probe = new DataConstrainedLaw("probe", "probe", constants, 1, 1);
        if (!runs.Any(r => r.Parameters.Count > probe.OptimalParametersForTokens(TokenCount.FromCount(Math.Min(r.Tokens.Count, r.UniqueTokens!.Value.Count))).Count))
        {
            throw new ArgumentException("No run has more parameters than the compute-optimal size for its unique data, so R*_N cannot be fitted; add runs of larger models on the same data.", nameof(runs));
        }

        // θ = (log R*_D, log R*_N, e, a, b, α, β): the base is refitted jointly, because eq. 5 penalises parameters beyond
        // N_opt(U) even in single-epoch runs, so a base fitted to those alone is biased whenever a run is over-sized.
        const int count = 7;
        double Objective(ReadOnlySpan<double> theta)
        {
            if (!(Math.Abs(theta[0]) < 30) || !(Math.Abs(theta[1]) < 30) || !(theta[5] > 0) || !(theta[6] > 0))
            {
                return double.PositiveInfinity;
            }

            var joint = new ChinchillaConstants(Math.Exp(theta[2]), Math.Exp(theta[3]), Math.Exp(theta[4]), theta[5], theta[6]);
            var law = new DataConstrainedLaw("fit", "fit", joint, Math.Exp(theta[0]), Math.Exp(theta[1]));
            double sum = 0;
            try
            {
                foreach (var r in runs)
                {
                    double residual = Math.Log(law.Loss(r.Parameters, r.Tokens, r.UniqueTokens!.Value)) - Math.Log(r.Loss);
                    sum += r.Weight * LogSumExpHuberObjective.Huber(residual, Delta);
                }
            }
            catch (ArgumentOutOfRangeException)
            {
                return double.PositiveInfinity; // an effective size that overflows: outside the useful range of R*
            }

            return sum;
        }

        ObjectiveEvaluation Evaluation()
        {
            var x = new double[count];
            return (theta, gradient) =>
            {
                double value = Objective(theta);
                for (int j = 0; j < count; j++)
                {
                    theta.CopyTo(x);
                    double step = 1e-6 * Math.Max(1, Math.Abs(theta[j]));
                    x[j] = theta[j] + step;
                    double up = Objective(x);
                    x[j] = theta[j] - step;
                    double down = Objective(x);
                    gradient[j] = (up - down) / (2 * step);
                }

                return value;
            };
        }

        double[] grid = [Math.Log(1), Math.Log(5), Math.Log(25)];
        double[] start = [0, 0, Math.Log(constants.E), Math.Log(constants.A), Math.Log(constants.B), constants.Alpha, constants.Beta];
        var starts = grid.SelectMany(d => grid.Select(n => (double[])[d, n, .. start[2..]])).ToArray();
        var outcome = Multistart.Run(count, Evaluation, starts, new MultistartSettings(1000, 1e-10, 1e-13, 1e-6, -1), cancellationToken);
        if (outcome.BestStartIndex < 0)
        {
            throw new ArgumentException("The repetition constants could not be fitted: the objective was not finite at any start.", nameof(runs));
        }

        double[] t = outcome.Theta;
        var fittedConstants = new ChinchillaConstants(
            Preconditions.FiniteResult(Math.Exp(t[2]), nameof(runs), t[2]), Preconditions.FiniteResult(Math.Exp(t[3]), nameof(runs), t[3]),
            Preconditions.FiniteResult(Math.Exp(t[4]), nameof(runs), t[4]), t[5], t[6]);
        var fitted = new DataConstrainedLaw("fitted-data-constrained",
            $"Fitted to user runs ({Method})", fittedConstants, Math.Exp(t[0]), Math.Exp(t[1]))
        {
            FittedRange = RunRanges.Of(runs).ToFittedRange($"the {runs.Count} runs"),
        };
        return new DataConstrainedFitResult(fitted, baseFit, outcome.Best.Value, FitConvergence.From(outcome.Best), single.Count, repeated.Count);
    }
}

/// <summary>A data-constrained fit.</summary>
/// <param name="Law">The fitted law.</param>
/// <param name="Base">The base fit on the single-epoch runs.</param>
/// <param name="Objective">The Huber objective of the repetition fit over all runs.</param>
/// <param name="Convergence">How the repetition fit stopped.</param>
/// <param name="SingleEpochRuns">Runs behind the base fit.</param>
/// <param name="RepeatedRuns">Runs with D &gt; U.</param>
public sealed record DataConstrainedFitResult(
    DataConstrainedLaw Law, FitResult<ChinchillaLaw> Base, double Objective, FitConvergence Convergence, int SingleEpochRuns, int RepeatedRuns);
