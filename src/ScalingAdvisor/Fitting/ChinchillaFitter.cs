using System.Globalization;
using ScalingAdvisor.Laws;

namespace ScalingAdvisor.Fitting;

/// <summary>
/// Fits the Chinchilla form L(N, D) = E + A/N^α + B/D^β to training runs as Hoffmann et al. (2022) App. D.2
/// do: minimise Σ_i w_i·Huber_δ(LSE(a − α·log N_i, b − β·log D_i, e) − log L_i) over (a, b, e, α, β) with
/// A = e^a, B = e^b, E = e^e, δ = 1e-3, by L-BFGS from each point of a grid of starts, keeping the best
/// (FORMULAS.md §7). Starts run in parallel; the result does not depend on thread scheduling.
/// </summary>
/// <remarks>
/// Implementation note: the grid runs L-BFGS, as Hoffmann et al. do. Damped Newton with the analytic Hessian
/// (<see cref="DampedNewton"/>, with a single-precision approach) reaches the same best objective from the same grid
/// but measured no cheaper here under Native AOT (far from a minimum the δ = 1e-3 Huber loss is nearly piecewise linear
/// and no quadratic model helps) and 20–40% dearer under the JIT, which library users run; it pays in the bootstrap's
/// refits, which start next to the minimum (<see cref="ChinchillaBootstrap"/>; benchmarks/README.md, session 15).
/// Where vectors are 256-bit (the tool as shipped), each L-BFGS start is first taken towards its minimum in single
/// precision and finished in double precision from there (<see cref="Lbfgs.WithSinglePrecisionApproach"/>), both by the
/// fused kernel of the bootstrap's Newton without its Hessian: the same best objective (to ~1e-15) for ~0.65× the CPU
/// time of the grid (benchmarks/README.md, session 15). The finish hands a start back to the approach while it still
/// makes large decreases (the approach often stops on a plateau far from the minimum), and the approach's exponentials
/// are Cephes' single-precision ones (<see cref="SinglePrecisionExp"/>): about 0.8× the grid's CPU time again, with the
/// same best objective (benchmarks/README.md, session 15, fitspeed3).
/// </remarks>
public sealed class ChinchillaFitter
{
    /// <summary>The number of free parameters of the law (E, A, B, α, β): the fewest runs a fit accepts.</summary>
    public const int ParameterCount = 5;

    /// <summary>Creates a fitter.</summary>
    /// <param name="options">Options; null for the defaults of Hoffmann et al. (2022) App. D.2.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public ChinchillaFitter(ChinchillaFitOptions? options = null)
    {
        Options = options ?? new ChinchillaFitOptions();
        Options.Validate();
    }

    /// <summary>The options in use.</summary>
    public ChinchillaFitOptions Options { get; }

    /// <summary>Fits the law to runs.</summary>
    /// <param name="runs">The runs; at least <see cref="ParameterCount"/>, and N and D must each take at least two values.</param>
    /// <param name="cancellationToken">Cancels the fit.</param>
    /// <returns>The fitted law with its objective, convergence and diagnostics.</returns>
    /// <exception cref="ArgumentException">Too few runs, N or D does not vary, or the best fit is not a valid law (e.g. α ≤ 0 when loss does not fall with N).</exception>
    /// <exception cref="ArgumentNullException"><paramref name="runs"/> is null.</exception>
    /// <exception cref="OperationCanceledException">The fit was cancelled.</exception>
    public FitResult<ChinchillaLaw> Fit(IReadOnlyList<TrainingRun> runs, CancellationToken cancellationToken = default)
    {
        Validate(runs);
        var objective = CreateObjective(runs, null, Options.HuberDelta);
        var starts = Options.Starts.Select(s => s.ToVector()).ToArray();
        // The single-precision approach pays where vectors are 256-bit (Native AOT for x86-64-v3, the tool as shipped);
        // where TensorPrimitives runs 512-bit vectors (the JIT on AVX-512 hardware) the all-double L-BFGS measured faster.
        var outcome = System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated
            ? Multistart.Run(objective, starts, Options.Settings, cancellationToken)
            : Multistart.RunWithSinglePrecisionApproach(objective, starts, Options.Settings, cancellationToken);
        return ToResult(runs, outcome, Options);
    }

    internal static void Validate(IReadOnlyList<TrainingRun> runs, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(runs))] string? paramName = null)
    {
        ArgumentNullException.ThrowIfNull(runs, paramName);
        if (runs.Count < ParameterCount)
        {
            throw new ArgumentException(
                $"The law has {ParameterCount} parameters (E, A, B, α, β) but there are only {runs.Count} runs; a fit needs at least {ParameterCount}.", paramName);
        }

        if (runs.Select(r => r.Parameters.Count).Distinct().Count() < 2)
        {
            throw new ArgumentException(
                $"Every run has the same parameter count N = {runs[0].Parameters.Count.ToString("G6", CultureInfo.InvariantCulture)}, so α and A cannot be fitted; N must vary.", paramName);
        }

        if (runs.Select(r => r.Tokens.Count).Distinct().Count() < 2)
        {
            throw new ArgumentException(
                $"Every run has the same token count D = {runs[0].Tokens.Count.ToString("G6", CultureInfo.InvariantCulture)}, so β and B cannot be fitted; D must vary.", paramName);
        }

        if (runs.Select(r => r.Loss).Distinct().Count() < 2)
        {
            throw new ArgumentException(
                $"Every run has the same loss L = {runs[0].Loss.ToString("G6", CultureInfo.InvariantCulture)}, so the loss does not fall with N or D and the law cannot be identified; the loss must vary.", paramName);
        }
    }

    /// <summary>
    /// The least change a fitted term must make to the loss across the runs, relative to the mean loss: 1e-6. A fit whose
    /// A/N^α (or B/D^β) changes the loss by less between the smallest and the largest N (or D) of the runs has lost that
    /// term (α → 0 folds it into E; α → ∞ or A → 0 makes it vanish): it is degenerate, not converged (issue 14).
    /// </summary>
    /// <remarks>Implementation note: a real term moves the loss by a sizeable fraction (Hoffmann et al. 2022 eq. 10:
    /// A/N^α falls from 0.8 to 0.2 nats between 70M and 16B parameters), so a millionth refuses only lost terms, e.g.
    /// the α = 2.6e-17 and α = 136 "fits" of runs whose loss does not depend on N.</remarks>
    public const double MinimumTermChange = 1e-6;

    /// <summary>The objective over runs, optionally with integer multiplicities (a bootstrap resample); runs with multiplicity 0 are left out.</summary>
    internal static LogSumExpHuberObjective CreateObjective(IReadOnlyList<TrainingRun> runs, int[]? multiplicity, double delta)
    {
        int count = multiplicity is null ? runs.Count : multiplicity.Count(m => m > 0);
        var logN = new double[count];
        var logD = new double[count];
        var logL = new double[count];
        var weight = new double[count];
        int k = 0;
        for (int i = 0; i < runs.Count; i++)
        {
            int times = multiplicity is null ? 1 : multiplicity[i];
            if (times == 0)
            {
                continue;
            }

            logN[k] = Math.Log(runs[i].Parameters.Count);
            logD[k] = Math.Log(runs[i].Tokens.Count);
            logL[k] = Math.Log(runs[i].Loss);
            weight[k] = times * runs[i].Weight;
            k++;
        }

        return new LogSumExpHuberObjective([logN, logD], logL, weight, delta);
    }

    internal static ChinchillaLaw ToLaw(ReadOnlySpan<double> theta, string id, string source)
    {
        double e = Preconditions.FiniteResult(Math.Exp(theta[0]), "runs", theta[0]);
        double a = Preconditions.FiniteResult(Math.Exp(theta[1]), "runs", theta[1]);
        double b = Preconditions.FiniteResult(Math.Exp(theta[2]), "runs", theta[2]);
        if (!(theta[3] > 0) || !(theta[4] > 0))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The best fit has α = {theta[3]:G4} and β = {theta[4]:G4}, but both must be > 0: in these runs the loss does not fall with N and D as the law assumes."));
        }

        return new ChinchillaLaw(id, source, new ChinchillaConstants(e, a, b, theta[3], theta[4]));
    }

    // How much coefficient/x^exponent changes between the smallest and the largest x of the runs.
    private static double TermChange(double coefficient, double exponent, double smallest, double largest)
        => Math.Abs((coefficient * Math.Pow(smallest, -exponent)) - (coefficient * Math.Pow(largest, -exponent)));

    private static FitResult<ChinchillaLaw> ToResult(IReadOnlyList<TrainingRun> runs, MultistartOutcome outcome, ChinchillaFitOptions options)
    {
        if (outcome.BestStartIndex < 0)
        {
            throw new ArgumentException("The objective was not finite at any starting point; the runs cannot be fitted.", nameof(runs));
        }

        var law = ToLaw(outcome.Theta, options.LawId, options.LawSource);
        double meanLoss = runs.Average(r => r.Loss);
        double modelChange = TermChange(law.A, law.Alpha, runs.Min(r => r.Parameters.Count), runs.Max(r => r.Parameters.Count));
        double dataChange = TermChange(law.B, law.Beta, runs.Min(r => r.Tokens.Count), runs.Max(r => r.Tokens.Count));
        if (!(modelChange >= MinimumTermChange * meanLoss) || !(dataChange >= MinimumTermChange * meanLoss))
        {
            string which = modelChange >= MinimumTermChange * meanLoss ? "D (B/D^β)" : "N (A/N^α)";
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The best fit is degenerate (α = {law.Alpha:G3}, β = {law.Beta:G3}): its term in {which} changes the loss by less than {MinimumTermChange:G1} of it across the runs, so these runs do not identify the law."),
                nameof(runs));
        }

        var observed = runs.Select(r => r.Loss).ToArray();
        var predicted = runs.Select(r => law.Loss(r.Parameters, r.Tokens)).ToArray();
        return new FitResult<ChinchillaLaw>(
            law,
            outcome.Best.Value,
            FitConvergence.From(outcome.Best),
            outcome.StartsTried,
            outcome.StartsAtBest,
            FitDiagnostics.From(observed, predicted, options.WorstRunCount),
            runs.Count);
    }
}
