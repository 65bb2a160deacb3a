using System.Globalization;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Fitting;

/// <summary>Which input of a question lies outside the fitted range.</summary>
public enum ExtrapolationAxis
{
    /// <summary>The parameter count N.</summary>
    Parameters,

    /// <summary>The training tokens D.</summary>
    Tokens,

    /// <summary>The training compute C = 6·N·D.</summary>
    Compute,
}

/// <summary>
/// A typed finding: a question asks about a value outside the range of the runs a law was fitted to, so the
/// answer is an extrapolation, by <see cref="Factor"/> beyond the nearest run.
/// </summary>
/// <param name="Axis">Which input is outside the range.</param>
/// <param name="Value">The value asked about.</param>
/// <param name="FittedMin">The smallest value among the runs.</param>
/// <param name="FittedMax">The largest value among the runs.</param>
/// <param name="AboveRange">True when the value exceeds the largest run's, false when it is below the smallest's.</param>
public sealed record ExtrapolationFinding(ExtrapolationAxis Axis, double Value, double FittedMin, double FittedMax, bool AboveRange)
{
    /// <summary>How far beyond the range, as a ratio ≥ 1 (e.g. 400 for 400× the largest run's value).</summary>
    public double Factor => AboveRange ? Value / FittedMax : FittedMin / Value;

    /// <summary>The finding in a sentence, e.g. "400× beyond the largest run's compute (6e+21 FLOPs)".</summary>
    public string Message
    {
        get
        {
            string what = Axis switch
            {
                ExtrapolationAxis.Parameters => "parameter count",
                ExtrapolationAxis.Tokens => "token count",
                _ => "compute",
            };
            string unit = Axis switch
            {
                ExtrapolationAxis.Parameters => "parameters",
                ExtrapolationAxis.Tokens => "tokens",
                _ => "FLOPs",
            };
            // A ratio beyond the double range (1e-300 FLOPs against a 1e16 run) is said in words, never as "Infinity".
            string factor = double.IsFinite(Factor)
                ? Factor.ToString(Factor < 10 ? "0.#" : "G3", CultureInfo.InvariantCulture)
                : "more than 1.8E+308";
            string edge = (AboveRange ? FittedMax : FittedMin).ToString("G3", CultureInfo.InvariantCulture);
            return AboveRange
                ? $"{factor}× beyond the largest run's {what} ({edge} {unit})"
                : $"{factor}× below the smallest run's {what} ({edge} {unit})";
        }
    }
}

/// <summary>Checks whether a question about a fitted law lies outside the fitted ranges.</summary>
public static class Extrapolation
{
    /// <summary>Findings for a question at (N, D): one per input (N, D, C = 6·N·D, Kaplan et al. 2020 §2.1) outside the runs' range.</summary>
    /// <param name="ranges">The fitted ranges.</param>
    /// <param name="parameters">N; &gt; 0.</param>
    /// <param name="tokens">D; &gt; 0.</param>
    /// <returns>The findings; empty when the question lies inside every range.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ranges"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">N or D is zero.</exception>
    public static IReadOnlyList<ExtrapolationFinding> Check(RunRanges ranges, ParameterCount parameters, TokenCount tokens)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        double n = Preconditions.Positive(parameters.Count, nameof(parameters));
        double d = Preconditions.Positive(tokens.Count, nameof(tokens));
        var findings = new List<ExtrapolationFinding>();
        Add(findings, ExtrapolationAxis.Parameters, n, ranges.MinParameters.Count, ranges.MaxParameters.Count);
        Add(findings, ExtrapolationAxis.Tokens, d, ranges.MinTokens.Count, ranges.MaxTokens.Count);
        Add(findings, ExtrapolationAxis.Compute, 6.0 * n * d, ranges.MinFlops.Flops, ranges.MaxFlops.Flops);
        return findings;
    }

    /// <summary>Findings for a question at a compute budget C.</summary>
    /// <param name="ranges">The fitted ranges.</param>
    /// <param name="flops">C; &gt; 0.</param>
    /// <returns>The finding when C lies outside the runs' compute range; otherwise empty.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ranges"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">C is zero.</exception>
    public static IReadOnlyList<ExtrapolationFinding> Check(RunRanges ranges, FlopCount flops)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        double c = Preconditions.Positive(flops.Flops, nameof(flops));
        var findings = new List<ExtrapolationFinding>();
        Add(findings, ExtrapolationAxis.Compute, c, ranges.MinFlops.Flops, ranges.MaxFlops.Flops);
        return findings;
    }

    private static void Add(List<ExtrapolationFinding> findings, ExtrapolationAxis axis, double value, double min, double max)
    {
        if (value > max || value < min)
        {
            findings.Add(new ExtrapolationFinding(axis, value, min, max, value > max));
        }
    }
}
