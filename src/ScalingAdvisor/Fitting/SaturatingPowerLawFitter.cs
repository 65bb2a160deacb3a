using System.Globalization;

namespace ScalingAdvisor.Fitting;

/// <summary>
/// Fits the single-variable saturating power law L(x) = E + k·x^(−γ) (<see cref="SaturatingPowerLaw"/>) by the
/// method of Hoffmann et al. (2022) App. D.2 reduced to one term: minimise
/// Σ_i w_i·Huber_δ(LSE(c − γ·log x_i, e) − log L_i) with k = e^c, E = e^e, by L-BFGS from a grid of starts.
/// For users who have only one axis: loss against compute, parameters or tokens.
/// </summary>
public sealed class SaturatingPowerLawFitter
{
    /// <summary>The number of free parameters (E, k, γ): the fewest points a fit accepts.</summary>
    public const int ParameterCount = 3;

    /// <summary>Creates a fitter.</summary>
    /// <param name="options">Options; null for the defaults.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public SaturatingPowerLawFitter(PowerLawFitOptions? options = null)
    {
        Options = options ?? new PowerLawFitOptions();
        Options.Validate();
    }

    /// <summary>The options in use.</summary>
    public PowerLawFitOptions Options { get; }

    /// <summary>Fits loss against one input of the runs (compute 6·N·D, N, or D).</summary>
    /// <param name="runs">The runs; at least <see cref="ParameterCount"/>, with the chosen input taking at least two values.</param>
    /// <param name="axis">Which input is x.</param>
    /// <param name="cancellationToken">Cancels the fit.</param>
    /// <returns>The fitted law with its objective, convergence and diagnostics.</returns>
    /// <exception cref="ArgumentException">Too few runs, x does not vary, or the best fit has γ ≤ 0.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="runs"/> is null.</exception>
    /// <exception cref="OperationCanceledException">The fit was cancelled.</exception>
    public FitResult<SaturatingPowerLaw> Fit(IReadOnlyList<TrainingRun> runs, PowerLawAxis axis, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var x = runs.Select(r => axis switch
        {
            PowerLawAxis.Compute => r.Flops.Flops,
            PowerLawAxis.Parameters => r.Parameters.Count,
            _ => r.Tokens.Count,
        }).ToArray();
        return Fit(x, runs.Select(r => r.Loss).ToArray(), runs.Select(r => r.Weight).ToArray(), axis, cancellationToken);
    }

    /// <summary>Fits loss against x.</summary>
    /// <param name="x">The inputs (FLOPs, parameters or tokens); finite and &gt; 0; at least two distinct values.</param>
    /// <param name="loss">The losses, nats per token; finite and &gt; 0; as many as <paramref name="x"/>.</param>
    /// <param name="weights">Optional weights, finite and &gt; 0; null for all 1.</param>
    /// <param name="axis">What x is.</param>
    /// <param name="cancellationToken">Cancels the fit.</param>
    /// <returns>The fitted law with its objective, convergence and diagnostics.</returns>
    /// <exception cref="ArgumentException">Lengths differ, too few points, x does not vary, or the best fit has γ ≤ 0.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is not finite and positive.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="loss"/> is null.</exception>
    /// <exception cref="OperationCanceledException">The fit was cancelled.</exception>
    public FitResult<SaturatingPowerLaw> Fit(
        IReadOnlyList<double> x, IReadOnlyList<double> loss, IReadOnlyList<double>? weights, PowerLawAxis axis, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(loss);
        if (loss.Count != x.Count || (weights is not null && weights.Count != x.Count))
        {
            throw new ArgumentException($"x has {x.Count} values but loss has {loss.Count}{(weights is null ? "" : $" and weights {weights.Count}")}; they should match.", nameof(loss));
        }

        if (x.Count < ParameterCount)
        {
            throw new ArgumentException($"The law has {ParameterCount} parameters (E, k, γ) but there are only {x.Count} points; a fit needs at least {ParameterCount}.", nameof(x));
        }

        var logX = new double[x.Count];
        var logL = new double[x.Count];
        var w = new double[x.Count];
        for (int i = 0; i < x.Count; i++)
        {
            logX[i] = Math.Log(Preconditions.Positive(x[i], $"x[{i}]"));
            logL[i] = Math.Log(Preconditions.Positive(loss[i], $"loss[{i}]"));
            w[i] = weights is null ? 1.0 : Preconditions.Positive(weights[i], $"weights[{i}]");
        }

        if (x.Distinct().Count() < 2)
        {
            throw new ArgumentException($"Every point has the same x = {x[0].ToString("G6", CultureInfo.InvariantCulture)}, so γ and k cannot be fitted; x must vary.", nameof(x));
        }

        var objective = new LogSumExpHuberObjective([logX], logL, w, Options.HuberDelta);
        var starts = Options.Starts.Select(s => new[] { s.LogE, s.LogK, s.Gamma }).ToArray();
        var outcome = Multistart.Run(objective, starts, Options.Settings, cancellationToken);
        if (outcome.BestStartIndex < 0)
        {
            throw new ArgumentException("The objective was not finite at any starting point; the points cannot be fitted.", nameof(x));
        }

        double[] theta = outcome.Theta;
        if (!(theta[2] > 0))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The best fit has γ = {theta[2]:G4}, but it must be > 0: in these points the loss does not fall as x grows."), nameof(loss));
        }

        var law = new SaturatingPowerLaw(axis,
            Preconditions.FiniteResult(Math.Exp(theta[0]), nameof(loss), theta[0]),
            Preconditions.FiniteResult(Math.Exp(theta[1]), nameof(loss), theta[1]),
            theta[2]);
        var predicted = x.Select(law.Loss).ToArray();
        return new FitResult<SaturatingPowerLaw>(
            law, outcome.Best.Value, FitConvergence.From(outcome.Best), outcome.StartsTried, outcome.StartsAtBest,
            FitDiagnostics.From(loss, predicted, Options.WorstRunCount), x.Count);
    }
}
