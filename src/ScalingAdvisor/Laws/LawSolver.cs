using System.Globalization;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Laws;

/// <summary>
/// The questions any <see cref="ILossLaw"/> answers: the loss at (N, D), the best split of a compute budget,
/// the least compute for a target loss, and what the next doubling of compute buys. Closed forms are used
/// where they exist (the E + A/N^α + B/D^β form without inference, Hoffmann et al. 2022 eq. 4, including
/// <see cref="IChinchillaFormLaw"/> laws such as the mixture-of-experts and sparsity laws at a fixed granularity or
/// sparsity); a law whose paper publishes its compute-efficient frontier (<see cref="IComputeFrontierLaw"/>, Kaplan et al.
/// 2020 Table 6) is allocated along that frontier for training compute; everything else
/// (Kaplan et al. 2020, the data-constrained law of Muennighoff et al. 2023, the inference-aware problems of
/// Sardana et al. 2023, fitted laws of other forms) is solved numerically by bracketed root finding.
/// </summary>
/// <remarks>
/// Options: with <see cref="AllocationOptions.InferenceTokens"/> D_inf &gt; 0 the compute counted is the lifetime
/// compute 6·N·D + 2·N·D_inf (Sardana et al. 2023 eq. 1); with <see cref="AllocationOptions.UniqueTokens"/> U a
/// data-constrained law lets D repeat the U tokens, while any other law (fitted on single-epoch data) is held to D ≤ U.
/// A data-constrained law requires U.
/// </remarks>
public static class LawSolver
{
    /// <summary>
    /// The smallest model an allocation may answer with, 1e6 parameters: below it there is no meaningful answer (issue 14).
    /// </summary>
    /// <remarks>
    /// Implementation note: the smallest models the built-in laws were fitted on are far larger (70e6 parameters in
    /// Hoffmann et al. 2022 §3; Kaplan et al. 2020 §2 go down to 768 non-embedding parameters, but only with a
    /// 50k-token vocabulary, i.e. tens of millions of parameters in all). A budget or an inference load that puts the
    /// optimum below 1e6 parameters (e.g. 0.00027 parameters for 1e30 inference tokens) is an extrapolation with no
    /// physical model behind it, so the solver refuses it rather than returning it.
    /// </remarks>
    public const double MinimumModelParameters = 1e6;

    /// <summary>The predicted loss at (N, D), with its three terms where the law has the E + A/N^α + B/D^β form.</summary>
    /// <param name="law">The law.</param>
    /// <param name="parameters">N; must be &gt; 0.</param>
    /// <param name="tokens">D; must be &gt; 0.</param>
    /// <param name="uniqueTokens">U, the unique tokens; required by a data-constrained law, and for other laws at least D.</param>
    /// <exception cref="ArgumentNullException"><paramref name="law"/> is null.</exception>
    /// <exception cref="ArgumentException">The law is data-constrained and <paramref name="uniqueTokens"/> is missing.</exception>
    /// <exception cref="ArgumentOutOfRangeException">N, D or U is zero, or D exceeds U for a law that does not model repetition.</exception>
    public static LossEstimate Evaluate(ILossLaw law, ParameterCount parameters, TokenCount tokens, TokenCount? uniqueTokens = null)
    {
        ArgumentNullException.ThrowIfNull(law);
        Preconditions.Positive(parameters.Count, nameof(parameters));
        Preconditions.Positive(tokens.Count, nameof(tokens));
        CheckUniqueTokens(law, uniqueTokens);
        if (law is IDataConstrainedLossLaw dc)
        {
            // At fixed U the law is one of (N, D) alone; it may split its loss into terms (Muennighoff et al. 2023 eq. 5).
            return dc.WithUniqueTokens(uniqueTokens!.Value) is ILossBreakdownLaw terms
                ? WithBreakdown(law, parameters, tokens, uniqueTokens, terms.Breakdown(parameters, tokens))
                : new LossEstimate(law.Id, parameters, tokens, uniqueTokens, dc.Loss(parameters, tokens, uniqueTokens!.Value), null);
        }

        if (uniqueTokens is { } u && tokens.Count > u.Count)
        {
            throw NoRepetition(law, tokens, u);
        }

        if ((law as ILossBreakdownLaw ?? ClosedForm(law)) is { } split)
        {
            return WithBreakdown(law, parameters, tokens, uniqueTokens, split.Breakdown(parameters, tokens));
        }

        return new LossEstimate(law.Id, parameters, tokens, uniqueTokens, Preconditions.FiniteResult(law.Loss(parameters, tokens), nameof(parameters), parameters.Count), null);
    }

    private static LossEstimate WithBreakdown(ILossLaw law, ParameterCount parameters, TokenCount tokens, TokenCount? uniqueTokens, LossBreakdown breakdown)
        => new(law.Id, parameters, tokens, uniqueTokens, breakdown.Total, breakdown);

    /// <summary>
    /// The (N, D) with the lowest loss for a FLOP budget: C = 6·N·D (Kaplan et al. 2020 §2.1; closed form of
    /// Hoffmann et al. 2022 eq. 4 where available), or with inference tokens the lifetime budget
    /// 6·N·D + 2·N·D_inf (Sardana et al. 2023).
    /// </summary>
    /// <param name="law">The law.</param>
    /// <param name="budget">C, training FLOPs, or lifetime FLOPs when inference tokens are given; must be &gt; 0.</param>
    /// <param name="options">Unique tokens and inference tokens; null for neither.</param>
    /// <exception cref="ArgumentNullException"><paramref name="law"/> is null.</exception>
    /// <exception cref="ArgumentException">The law is data-constrained and the unique tokens are missing.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The budget or U is zero, or a result cannot be represented.</exception>
    /// <exception cref="NoMeaningfulAnswerException">The solver cannot bracket the optimum (inputs far outside the law's range), or the
    /// optimum is a model below <see cref="MinimumModelParameters"/>.</exception>
    public static Allocation Allocate(ILossLaw law, FlopCount budget, AllocationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(law);
        options ??= new AllocationOptions();
        var f = Preconditions.Positive(budget.Flops, nameof(budget));
        var effective = Resolve(law, options, out var cap);
        var dInf = options.InferenceTokens.Count;

        double n, d;
        SolutionMethod method;
        if (dInf == 0 && effective is IComputeFrontierLaw frontier)
        {
            n = frontier.FrontierParameters(budget).Count;
            (d, method) = (f / (6.0 * n), SolutionMethod.PublishedFrontier);
        }
        else if (dInf == 0 && ClosedForm(effective) is { A: > 0, B: > 0 } c)
        {
            (n, d, method) = (c.OptimalParameters(budget).Count, c.OptimalTokens(budget).Count, SolutionMethod.ClosedForm);
        }
        else
        {
            (n, d) = Solve(() => NumericalSolver.MinimumLossForBudget(effective, f, dInf), law, options, nameof(budget), f);
            method = SolutionMethod.Numerical;
        }

        var limited = cap is { } u && d > u;
        if (limited)
        {
            // The loss is unimodal along the budget line and D falls as N grows, so the cap binds at D = U.
            d = cap!.Value;
            n = f / ((6.0 * d) + (2.0 * dInf));
        }

        RequireMeaningful(n, d, law, options, nameof(budget), f);

        var loss = effective.Loss(ParameterCount.FromCount(n), TokenCount.FromCount(d));
        return new Allocation(law.Id, AllocationGoal.MinimumLossForBudget, budget, null, n, d, loss, options, limited, method);
    }

    /// <summary>
    /// The (N, D) that reach a target loss with the fewest FLOPs: training FLOPs 6·N·D (the inverse of the
    /// compute-optimal frontier, closed form for the E + A/N^α + B/D^β form), or with inference tokens lifetime FLOPs
    /// 6·N·D + 2·N·D_inf subject to L(N, D) = target (Sardana et al. 2023 §2).
    /// </summary>
    /// <param name="law">The law.</param>
    /// <param name="targetLoss">L, nats per token; must exceed the law's irreducible loss (or, with U unique tokens, the floor U allows).</param>
    /// <param name="options">Unique tokens and inference tokens; null for neither.</param>
    /// <exception cref="ArgumentNullException"><paramref name="law"/> is null.</exception>
    /// <exception cref="ArgumentException">The law is data-constrained and the unique tokens are missing.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The target is at or below the irreducible loss (saying so), is unreachable with the unique tokens, or a result cannot be represented.</exception>
    /// <exception cref="NoMeaningfulAnswerException">The solver cannot bracket the optimum (inputs far outside the law's range), or the
    /// optimum is a model below <see cref="MinimumModelParameters"/>.</exception>
    public static Allocation ForTargetLoss(ILossLaw law, double targetLoss, AllocationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(law);
        options ??= new AllocationOptions();
        var effective = Resolve(law, options, out var cap);
        var floorName = law is IDataConstrainedLossLaw ? "lowest loss reachable with these unique tokens," : "irreducible loss";
        LawGuards.TargetAboveFloor(targetLoss, effective.IrreducibleLoss, law.Id, floorName, nameof(targetLoss));
        var dInf = options.InferenceTokens.Count;

        double n, d;
        SolutionMethod method;
        if (dInf == 0 && effective is IComputeFrontierLaw frontier)
        {
            (n, d) = Solve(() =>
            {
                var compute = NumericalSolver.FrontierComputeForTarget(frontier, targetLoss);
                var size = frontier.FrontierParameters(FlopCount.FromFlops(compute)).Count;
                return (size, compute / (6.0 * size));
            }, law, options, nameof(targetLoss), targetLoss);
            method = SolutionMethod.PublishedFrontier;
        }
        else if (dInf == 0 && ClosedForm(effective) is { A: > 0, B: > 0 } c)
        {
            var closed = c.ComputeForTargetLoss(targetLoss);
            (n, d, method) = (closed.Parameters.Count, closed.Tokens.Count, SolutionMethod.ClosedForm);
        }
        else
        {
            (n, d) = Solve(() => NumericalSolver.MinimumComputeForTarget(effective, targetLoss, dInf), law, options, nameof(targetLoss), targetLoss);
            method = SolutionMethod.Numerical;
        }

        var limited = cap is { } u && d > u;
        if (limited)
        {
            // Compute is unimodal along L = target and D falls as N grows, so the cap binds at D = U.
            d = cap!.Value;
            n = NumericalSolver.ParametersFor(effective, d, targetLoss);
            if (!double.IsFinite(n))
            {
                throw new ArgumentOutOfRangeException(nameof(targetLoss), targetLoss, string.Create(CultureInfo.InvariantCulture,
                    $"The target loss {targetLoss:R} nats/token is out of reach of law {law.Id} with at most {d:R} training tokens (the unique tokens; this law does not model repeated data)."));
            }
        }

        RequireMeaningful(n, d, law, options, nameof(targetLoss), targetLoss);
        var loss = effective.Loss(ParameterCount.FromCount(n), TokenCount.FromCount(d));
        return new Allocation(law.Id, AllocationGoal.MinimumComputeForTargetLoss, null, targetLoss, n, d, loss, options, limited, method);
    }

    /// <summary>
    /// The loss one doubling of the budget buys along the optimal frontier, L*(C) − L*(2C), in nats per token
    /// (FORMULAS.md §8; closed form k·(C/6)^(−γ)·(1 − 2^(−γ)) for the E + A/N^α + B/D^β form).
    /// </summary>
    /// <param name="law">The law.</param>
    /// <param name="budget">C before the doubling (training, or lifetime with inference tokens); must be &gt; 0.</param>
    /// <param name="options">Unique tokens and inference tokens; null for neither.</param>
    /// <exception cref="ArgumentNullException"><paramref name="law"/> is null.</exception>
    /// <exception cref="ArgumentException">The law is data-constrained and the unique tokens are missing.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The budget is zero, or a result cannot be represented.</exception>
    /// <exception cref="NoMeaningfulAnswerException">The solver cannot bracket the optimum, or the optimum is below <see cref="MinimumModelParameters"/>.</exception>
    public static double GainPerDoubling(ILossLaw law, FlopCount budget, AllocationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(law);
        Preconditions.Positive(budget.Flops, nameof(budget));
        if (ClosedForm(law) is { A: > 0, B: > 0 } c && (options is null || (options.UniqueTokens is null && options.InferenceTokens.Count == 0)))
        {
            return c.GainPerDoubling(budget);
        }

        return Allocate(law, budget, options).Loss - Allocate(law, FlopCount.FromFlops(Preconditions.FiniteResult(budget.Flops * 2.0, nameof(budget), budget.Flops)), options).Loss;
    }

    // The numerical solver's "cannot bracket" becomes an argument error naming the input that drives it out of range:
    // the inference tokens when given (they dominate the lifetime budget), else the budget or target itself.
    private static (double N, double D) Solve(Func<(double, double)> solve, ILossLaw law, AllocationOptions options, string input, double value)
    {
        try
        {
            return solve();
        }
        catch (InvalidOperationException ex)
        {
            throw NoMeaningfulAnswer(law, options, input, value, ex.Message);
        }
    }

    private static void RequireMeaningful(double n, double d, ILossLaw law, AllocationOptions options, string input, double value)
    {
        if (!double.IsFinite(n) || !double.IsFinite(d) || n < MinimumModelParameters)
        {
            throw NoMeaningfulAnswer(law, options, input, value, string.Create(CultureInfo.InvariantCulture,
                $"law {law.Id} has no meaningful answer in range: the optimum would be a model of {n:G3} parameters, below the {MinimumModelParameters:G3}-parameter minimum."));
        }
    }

    private static NoMeaningfulAnswerException NoMeaningfulAnswer(ILossLaw law, AllocationOptions options, string input, double value, string why)
    {
        double inferenceTokens = options.InferenceTokens.Count;
        return inferenceTokens > 0
            ? new(nameof(options), inferenceTokens, string.Create(CultureInfo.InvariantCulture,
                $"options.InferenceTokens: with {inferenceTokens:G3} inference tokens, {why} Fewer inference tokens or a larger budget give law {law.Id} an answer."))
            : new(input, value, string.Create(CultureInfo.InvariantCulture, $"{input} {value:G3}: {why}"));
    }

    private static ILossLaw Resolve(ILossLaw law, AllocationOptions options, out double? cap)
    {
        CheckUniqueTokens(law, options.UniqueTokens, nameof(options));
        if (law is IDataConstrainedLossLaw dc)
        {
            cap = null;
            return dc.WithUniqueTokens(options.UniqueTokens!.Value);
        }

        cap = options.UniqueTokens?.Count;
        return ClosedForm(law) ?? law;
    }

    // A law with an extra fixed dimension (Krajewski et al. 2024 at one granularity, Frantar et al. 2023 at one
    // sparsity) is solved as the E + A/N^α + B/D^β law it equals, so the closed forms of Hoffmann et al. 2022 eq. 4 apply.
    internal static ChinchillaLaw? ClosedForm(ILossLaw law) => (law as IChinchillaFormLaw)?.AsChinchilla();

    // paramName: the caller's public parameter that carries U (uniqueTokens itself, or the options holding it).
    private static void CheckUniqueTokens(ILossLaw law, TokenCount? uniqueTokens, string paramName = "uniqueTokens")
    {
        if (uniqueTokens is { } u)
        {
            Preconditions.Positive(u.Count, paramName);
        }
        else if (law is IDataConstrainedLossLaw)
        {
            throw new ArgumentException($"Law {law.Id} models repeated data and needs the number of unique tokens.", paramName);
        }
    }

    private static ArgumentOutOfRangeException NoRepetition(ILossLaw law, TokenCount tokens, TokenCount unique)
        => new(nameof(tokens), tokens.Count, string.Create(CultureInfo.InvariantCulture,
            $"Law {law.Id} was fitted on single-epoch data and does not model repetition: D = {tokens.Count:R} tokens exceeds the {unique.Count:R} unique tokens (use a data-constrained law such as muennighoff2023)."));
}
