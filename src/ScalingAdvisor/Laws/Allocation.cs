using ScalingAdvisor.Units;

namespace ScalingAdvisor.Laws;

/// <summary>What an allocation optimised.</summary>
public enum AllocationGoal
{
    /// <summary>The lowest loss for a FLOP budget (training, or lifetime when inference tokens are given).</summary>
    MinimumLossForBudget,

    /// <summary>The fewest FLOPs (training, or lifetime when inference tokens are given) that reach a target loss.</summary>
    MinimumComputeForTargetLoss,
}

/// <summary>How an allocation was computed.</summary>
public enum SolutionMethod
{
    /// <summary>A closed form (Hoffmann et al. 2022 App. D.2 for the E + A/N^α + B/D^β form).</summary>
    ClosedForm,

    /// <summary>Bracketed root finding (Brent's method, MathNet.Numerics) on the optimality condition.</summary>
    Numerical,

    /// <summary>The paper's own compute-efficient frontier (<see cref="IComputeFrontierLaw"/>, e.g. Kaplan et al. 2020 Table 6).</summary>
    PublishedFrontier,
}

/// <summary>
/// A split of compute into model size N and training tokens D, with the loss the law predicts and what
/// produced it. Training compute is C = 6·N·D (Kaplan et al. 2020 §2.1); inference costs 2·N FLOPs per
/// token, so lifetime compute is 6·N·D + 2·N·D_inf (Sardana et al. 2023 eq. 1).
/// </summary>
public sealed record Allocation
{
    internal Allocation(
        string lawId,
        AllocationGoal goal,
        FlopCount? budget,
        double? targetLoss,
        double parameters,
        double tokens,
        double loss,
        AllocationOptions options,
        bool limitedByUniqueTokens,
        SolutionMethod method)
    {
        // The public input that drove an out-of-range allocation: the budget, or else the target loss.
        string driver = budget is null ? nameof(targetLoss) : nameof(budget);
        double input = budget?.Flops ?? targetLoss ?? 0;
        LawId = lawId;
        Goal = goal;
        Budget = budget;
        TargetLoss = targetLoss;
        Parameters = ParameterCount.FromCount(Preconditions.FiniteResult(parameters, driver, input));
        Tokens = TokenCount.FromCount(Preconditions.FiniteResult(tokens, driver, input));
        Loss = Preconditions.FiniteResult(loss, driver, input);
        Preconditions.FiniteResult(tokens / parameters, driver, input); // TokensPerParameter: an N that underflowed to 0
        UniqueTokens = options.UniqueTokens;
        InferenceTokens = options.InferenceTokens;
        TrainingFlops = FlopCount.FromFlops(Preconditions.FiniteResult(6.0 * parameters * tokens, driver, input));
        InferenceFlops = FlopCount.FromFlops(Preconditions.FiniteResult(2.0 * parameters * options.InferenceTokens.Count, nameof(options), options.InferenceTokens.Count));
        LifetimeFlops = FlopCount.FromFlops(Preconditions.FiniteResult(TrainingFlops.Flops + InferenceFlops.Flops, nameof(options), options.InferenceTokens.Count));
        LimitedByUniqueTokens = limitedByUniqueTokens;
        Method = method;
    }

    /// <summary>The id of the law that produced this allocation.</summary>
    public string LawId { get; }

    /// <summary>What was optimised.</summary>
    public AllocationGoal Goal { get; }

    /// <summary>The FLOP budget asked about (training, or lifetime with inference tokens); null for a target-loss question.</summary>
    public FlopCount? Budget { get; }

    /// <summary>The target loss asked about, in nats per token; null for a budget question.</summary>
    public double? TargetLoss { get; }

    /// <summary>N, the model size, counted as the law's <see cref="ILossLaw.ParameterBasis"/> says.</summary>
    public ParameterCount Parameters { get; }

    /// <summary>D, the training tokens (repeats included).</summary>
    public TokenCount Tokens { get; }

    /// <summary>The loss the law predicts for (N, D), in nats per token.</summary>
    public double Loss { get; }

    /// <summary>U, the unique tokens assumed; null for unlimited fresh data.</summary>
    public TokenCount? UniqueTokens { get; }

    /// <summary>D_inf, the lifetime inference tokens assumed (zero when inference was ignored).</summary>
    public TokenCount InferenceTokens { get; }

    /// <summary>Training compute 6·N·D (Kaplan et al. 2020 §2.1).</summary>
    public FlopCount TrainingFlops { get; }

    /// <summary>Inference compute 2·N·D_inf (Kaplan et al. 2020 §2.1; Sardana et al. 2023 eq. 1).</summary>
    public FlopCount InferenceFlops { get; }

    /// <summary>Training plus inference compute, 6·N·D + 2·N·D_inf (Sardana et al. 2023 eq. 1).</summary>
    public FlopCount LifetimeFlops { get; }

    /// <summary>D / N, training tokens per parameter (about 20 on the Chinchilla frontier; Hoffmann et al. 2022 Table 3).</summary>
    public double TokensPerParameter => Tokens.Count / Parameters.Count;

    /// <summary>Inference-aware sizing's compute in words, for reports and help: training plus inference, Sardana et al. 2023 eq. 1.</summary>
    public const string LifetimeComputeRule = "lifetime FLOPs 6·N·D + 2·N·D_inf (Sardana et al. 2023 eq. 1)";

    /// <summary>The compute model in words, for reports: training only, or training plus inference.</summary>
    public string ComputeModel => InferenceTokens.Count > 0
        ? LifetimeComputeRule
        : "training FLOPs 6·N·D (Kaplan et al. 2020 §2.1)";

    /// <summary>How the allocation was solved, in words, for reports.</summary>
    public string MethodDescription => Method switch
    {
        SolutionMethod.ClosedForm => "closed form (Hoffmann et al. 2022 eq. 4)",
        SolutionMethod.PublishedFrontier => "the law's published compute-efficient frontier",
        _ => "numerical (Brent root finding on the optimality condition)",
    };

    /// <summary>True when the unique-token cap D ≤ U of a single-epoch law bound the solution.</summary>
    public bool LimitedByUniqueTokens { get; }

    /// <summary>Whether a closed form or a numerical solver produced the allocation.</summary>
    public SolutionMethod Method { get; }
}
