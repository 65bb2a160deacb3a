using ScalingAdvisor.Units;

namespace ScalingAdvisor.Laws;

// Closed forms of the E + A/N^α + B/D^β law under C = 6·N·D (Hoffmann et al. 2022 App. D.2, eq. 4).
// Implementation note: the scalar methods here allocate nothing; only the Allocation-returning ones
// allocate their result record.
public sealed partial record ChinchillaLaw : IDifferentiableLossLaw
{
    /// <summary>The irreducible loss E (Hoffmann et al. 2022 eq. 2), nats per token.</summary>
    public double IrreducibleLoss => E;

    /// <summary>
    /// G = (α·A / (β·B))^(1/(α+β)) (Hoffmann et al. 2022 App. D.2, eq. 4): the compute-optimal model size is
    /// N_opt = G·(C/6)^(β/(α+β)) and the compute-optimal data D_opt = (C/6)^(α/(α+β)) / G.
    /// </summary>
    /// <exception cref="InvalidOperationException">A or B is zero, so there is no interior optimum.</exception>
    public double AllocationCoefficient
    {
        get
        {
            RequireBothTerms();
            return Math.Pow(Alpha * A / (Beta * B), 1.0 / (Alpha + Beta));
        }
    }

    /// <summary>
    /// γ = α·β/(α+β): along the compute-optimal frontier L(C) = E + k·(C/6)^(−γ) (FORMULAS.md §8, from
    /// substituting N_opt and D_opt into Hoffmann et al. 2022 eq. 2).
    /// </summary>
    public double FrontierExponent => Alpha * Beta / (Alpha + Beta);

    /// <summary>
    /// k = A·G^(−α) + B·G^β: the coefficient of the frontier L(C) = E + k·(C/6)^(−γ) (FORMULAS.md §8).
    /// </summary>
    /// <exception cref="InvalidOperationException">A or B is zero.</exception>
    public double FrontierCoefficient
    {
        get
        {
            var g = AllocationCoefficient;
            return (A * Math.Pow(g, -Alpha)) + (B * Math.Pow(g, Beta));
        }
    }

    /// <summary>The loss split into its three terms E, A/N^α and B/D^β (Hoffmann et al. 2022 eq. 2).</summary>
    /// <param name="parameters">N; must be &gt; 0.</param>
    /// <param name="tokens">D; must be &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">N or D is zero.</exception>
    public LossBreakdown Breakdown(ParameterCount parameters, TokenCount tokens)
        => new(E, ModelTerm(parameters), DataTerm(tokens));

    /// <summary>∂L/∂ln N = −α·A/N^α and ∂L/∂ln D = −β·B/D^β (derivatives of Hoffmann et al. 2022 eq. 2).</summary>
    /// <param name="parameters">N; must be &gt; 0.</param>
    /// <param name="tokens">D; must be &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">N or D is zero.</exception>
    public LossGradient LogGradient(ParameterCount parameters, TokenCount tokens)
        => new(-Alpha * ModelTerm(parameters), -Beta * DataTerm(tokens));

    /// <summary>N_opt = G·(C/6)^(β/(α+β)), the loss-minimising model size for training compute C = 6·N·D (Hoffmann et al. 2022 eq. 4).</summary>
    /// <param name="budget">C, training FLOPs; must be &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">C is zero, or the result cannot be represented.</exception>
    /// <exception cref="InvalidOperationException">A or B is zero.</exception>
    public ParameterCount OptimalParameters(FlopCount budget)
    {
        var c = Preconditions.Positive(budget.Flops, nameof(budget)) / 6.0;
        return ParameterCount.FromCount(Preconditions.FiniteResult(AllocationCoefficient * Math.Pow(c, Beta / (Alpha + Beta)), nameof(budget), budget.Flops));
    }

    /// <summary>D_opt = (C/6)^(α/(α+β)) / G, the loss-minimising training tokens for compute C = 6·N·D (Hoffmann et al. 2022 eq. 4).</summary>
    /// <param name="budget">C, training FLOPs; must be &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">C is zero, or the result cannot be represented.</exception>
    /// <exception cref="InvalidOperationException">A or B is zero.</exception>
    public TokenCount OptimalTokens(FlopCount budget)
    {
        var c = Preconditions.Positive(budget.Flops, nameof(budget)) / 6.0;
        return TokenCount.FromCount(Preconditions.FiniteResult(Math.Pow(c, Alpha / (Alpha + Beta)) / AllocationCoefficient, nameof(budget), budget.Flops));
    }

    /// <summary>The loss on the compute-optimal frontier, L(C) = E + k·(C/6)^(−γ) (FORMULAS.md §8).</summary>
    /// <param name="budget">C, training FLOPs; must be &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">C is zero.</exception>
    /// <exception cref="InvalidOperationException">A or B is zero.</exception>
    public double OptimalLoss(FlopCount budget)
    {
        var c = Preconditions.Positive(budget.Flops, nameof(budget)) / 6.0;
        return Preconditions.FiniteResult(E + (FrontierCoefficient * Math.Pow(c, -FrontierExponent)), nameof(budget), budget.Flops);
    }

    /// <summary>
    /// The loss one doubling of compute buys along the frontier: L(C) − L(2C) = k·(C/6)^(−γ)·(1 − 2^(−γ))
    /// (FORMULAS.md §8), in nats per token.
    /// </summary>
    /// <param name="budget">C, training FLOPs before the doubling; must be &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">C is zero.</exception>
    /// <exception cref="InvalidOperationException">A or B is zero.</exception>
    public double GainPerDoubling(FlopCount budget)
    {
        var c = Preconditions.Positive(budget.Flops, nameof(budget)) / 6.0;
        var gamma = FrontierExponent;
        return Preconditions.FiniteResult(FrontierCoefficient * Math.Pow(c, -gamma) * (1.0 - Math.Pow(2.0, -gamma)), nameof(budget), budget.Flops);
    }

    /// <summary>
    /// The compute-optimal allocation of training compute C = 6·N·D in closed form (Hoffmann et al. 2022 eq. 4).
    /// </summary>
    /// <param name="budget">C, training FLOPs; must be &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">C is zero, or the result cannot be represented.</exception>
    /// <exception cref="InvalidOperationException">A or B is zero.</exception>
    public Allocation ComputeOptimal(FlopCount budget)
    {
        var n = OptimalParameters(budget).Count;
        var d = OptimalTokens(budget).Count;
        return new Allocation(Id, AllocationGoal.MinimumLossForBudget, budget, null, n, d, OptimalLoss(budget),
            new AllocationOptions(), limitedByUniqueTokens: false, SolutionMethod.ClosedForm);
    }

    /// <summary>
    /// The least training compute that reaches a target loss, C = 6·(k / (L − E))^(1/γ), and its
    /// compute-optimal (N, D): the inverse of the frontier L(C) = E + k·(C/6)^(−γ) (FORMULAS.md §8).
    /// </summary>
    /// <param name="targetLoss">L, nats per token; must exceed E.</param>
    /// <exception cref="ArgumentOutOfRangeException">The target is at or below the irreducible loss E, or the compute cannot be represented.</exception>
    /// <exception cref="InvalidOperationException">A or B is zero.</exception>
    public Allocation ComputeForTargetLoss(double targetLoss)
    {
        LawGuards.TargetAboveFloor(targetLoss, E, Id, "irreducible loss E");
        var c = Preconditions.FiniteResult(6.0 * Math.Pow(FrontierCoefficient / (targetLoss - E), 1.0 / FrontierExponent), nameof(targetLoss), targetLoss);
        if (c <= 0)
        {
            // A target far above the frontier needs less compute than a double can hold (it underflows to 0).
            throw new ArgumentOutOfRangeException(nameof(targetLoss), targetLoss,
                $"targetLoss = {Preconditions.Show(targetLoss)} is so far above law {Id}'s frontier that the compute it needs is below the range of a double.");
        }
        var budget = FlopCount.FromFlops(c);
        return new Allocation(Id, AllocationGoal.MinimumComputeForTargetLoss, null, targetLoss,
            OptimalParameters(budget).Count, OptimalTokens(budget).Count, targetLoss,
            new AllocationOptions(), limitedByUniqueTokens: false, SolutionMethod.ClosedForm);
    }

    /// <summary>
    /// The smallest model that can reach a target loss with unlimited data, N = (A / (L − E))^(1/α)
    /// (Hoffmann et al. 2022 eq. 2 with D → ∞).
    /// </summary>
    /// <param name="targetLoss">L, nats per token; must exceed E.</param>
    /// <exception cref="ArgumentOutOfRangeException">The target is at or below E, or the result cannot be represented.</exception>
    public ParameterCount MinimumParametersForTargetLoss(double targetLoss)
    {
        LawGuards.TargetAboveFloor(targetLoss, E, Id, "irreducible loss E");
        return ParameterCount.FromCount(Preconditions.FiniteResult(Math.Pow(A / (targetLoss - E), 1.0 / Alpha), nameof(targetLoss), targetLoss));
    }

    /// <summary>
    /// The model size that reaches a target loss when trained on D tokens, N = (A / (L − E − B/D^β))^(1/α)
    /// (Hoffmann et al. 2022 eq. 2 solved for N).
    /// </summary>
    /// <param name="targetLoss">L, nats per token; must exceed E + B/D^β.</param>
    /// <param name="tokens">D; must be &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">D is zero, the target is at or below what D tokens allow (E + B/D^β), or the result cannot be represented.</exception>
    public ParameterCount ParametersForTargetLoss(double targetLoss, TokenCount tokens)
    {
        var floor = E + DataTerm(tokens);
        LawGuards.TargetAboveFloor(targetLoss, floor, Id, "loss reachable with these tokens, E + B/D^β =");
        return ParameterCount.FromCount(Preconditions.FiniteResult(Math.Pow(A / (targetLoss - floor), 1.0 / Alpha), nameof(targetLoss), targetLoss));
    }

    /// <summary>
    /// The training tokens that bring N parameters to a target loss, D = (B / (L − E − A/N^α))^(1/β)
    /// (Hoffmann et al. 2022 eq. 2 solved for D).
    /// </summary>
    /// <param name="targetLoss">L, nats per token; must exceed E + A/N^α.</param>
    /// <param name="parameters">N; must be &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">N is zero, the target is at or below what N parameters allow (E + A/N^α), or the result cannot be represented.</exception>
    public TokenCount TokensForTargetLoss(double targetLoss, ParameterCount parameters)
    {
        var floor = E + ModelTerm(parameters);
        LawGuards.TargetAboveFloor(targetLoss, floor, Id, "loss reachable with this model, E + A/N^α =");
        return TokenCount.FromCount(Preconditions.FiniteResult(Math.Pow(B / (targetLoss - floor), 1.0 / Beta), nameof(targetLoss), targetLoss));
    }

    /// <summary>
    /// The training tokens that put a model of N parameters on the compute-optimal frontier,
    /// D = (N/G)^(α/β) / G (Hoffmann et al. 2022 eq. 4 eliminating C). Sardana et al. 2023 call the loss of
    /// N trained on these tokens "Chinchilla quality" of size N.
    /// </summary>
    /// <param name="parameters">N; must be &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">N is zero, or the result cannot be represented.</exception>
    /// <exception cref="InvalidOperationException">A or B is zero.</exception>
    public TokenCount ComputeOptimalTokens(ParameterCount parameters)
    {
        var n = Preconditions.Positive(parameters.Count, nameof(parameters));
        var g = AllocationCoefficient;
        return TokenCount.FromCount(Preconditions.FiniteResult(Math.Pow(n / g, Alpha / Beta) / g, nameof(parameters), n));
    }

    private void RequireBothTerms()
    {
        if (A <= 0 || B <= 0)
        {
            throw new InvalidOperationException($"Law {Id} has A = 0 or B = 0, so loss does not trade model size against data and no compute-optimal allocation exists.");
        }
    }
}
