using ScalingAdvisor.Units;

namespace ScalingAdvisor.Laws;

/// <summary>
/// A rule N_opt = k·C^a with D = C/(6·N): the compute-efficient frontiers of Hoffmann et al. 2022 (Approaches 1 and 2),
/// whose Table 2 prints the exponents a but not the prefactors k. Both are fitted here to the rule's own table of optimal
/// (N, C) (Table 3 for Approach 1, Table A3 for Approach 2) by least squares in log space (<see cref="ComputeFrontierFit"/>).
/// </summary>
public sealed record ParameterFrontierRule : IAllocationRule
{
    /// <summary>Creates the rule from the table it is fitted to.</summary>
    /// <param name="id">The id.</param>
    /// <param name="source">The paper and table.</param>
    /// <param name="parameterCounting">What N counts.</param>
    /// <param name="table">The published optima (C, N); at least two rows.</param>
    /// <param name="fittedRange">The ranges of the runs behind the table.</param>
    /// <exception cref="ArgumentException">An id or source is empty, or the table cannot be fitted.</exception>
    public ParameterFrontierRule(string id, string source, string parameterCounting, IReadOnlyList<(double Flops, double Parameters)> table, FittedRange fittedRange)
    {
        (Id, Source, ParameterCounting, FittedRange) = LawIdentity.RequireRule(id, source, parameterCounting, fittedRange);
        Table = table;
        Frontier = ComputeFrontierFit.Fit(table);
    }

    /// <inheritdoc/>
    public string Id { get; }

    /// <inheritdoc/>
    public string Source { get; }

    /// <inheritdoc/>
    public string ParameterCounting { get; }

    /// <inheritdoc/>
    public FittedRange FittedRange { get; }

    /// <summary>The published optima (C, N) the frontier is fitted to.</summary>
    public IReadOnlyList<(double Flops, double Parameters)> Table { get; }

    /// <summary>N_opt = k·C^a, fitted to <see cref="Table"/>.</summary>
    public ComputeFrontierFit Frontier { get; }

    /// <summary>N = k·C^a and D = C/(6·N) (Kaplan et al. 2020 §2.1, as Hoffmann et al. 2022 count Table 3's tokens).</summary>
    /// <param name="trainingCompute">C, training FLOPs; &gt; 0.</param>
    /// <returns>N and D.</returns>
    /// <exception cref="ArgumentOutOfRangeException">C is zero, or a result cannot be represented.</exception>
    public RuleAllocation Allocate(FlopCount trainingCompute)
    {
        var c = Preconditions.Positive(trainingCompute.Flops, nameof(trainingCompute));
        var n = Preconditions.Attributed(() => Frontier.At(c), nameof(trainingCompute), c);
        var d = Preconditions.FiniteResult(c / (6.0 * n), nameof(trainingCompute), c);
        return new(Id, trainingCompute, ParameterCount.FromCount(Positive(n, c)), TokenCount.FromCount(Positive(d, c)), null);
    }

    internal static double Positive(double value, double trainingCompute)
        => value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(trainingCompute), trainingCompute, "trainingCompute takes the allocation below the smallest representable count; use a budget of a sane magnitude.");
}

/// <summary>
/// A rule D_opt = A·C^α with N = C/(6·D): Llama 3's compute-optimal training tokens (Dubey et al. 2024 §3.2.1, their
/// N*(C) is a number of tokens).
/// </summary>
public sealed record TokenFrontierRule : IAllocationRule
{
    /// <summary>Creates the rule.</summary>
    /// <param name="id">The id.</param>
    /// <param name="source">The paper and the place of the constants.</param>
    /// <param name="parameterCounting">What N counts.</param>
    /// <param name="scale">A; &gt; 0.</param>
    /// <param name="exponent">α; &gt; 0.</param>
    /// <param name="fittedRange">The ranges of the runs.</param>
    /// <exception cref="ArgumentException">An id or source is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A or α is not finite and positive.</exception>
    public TokenFrontierRule(string id, string source, string parameterCounting, double scale, double exponent, FittedRange fittedRange)
    {
        (Id, Source, ParameterCounting, FittedRange) = LawIdentity.RequireRule(id, source, parameterCounting, fittedRange);
        Scale = Preconditions.Positive(scale);
        Exponent = Preconditions.Positive(exponent);
    }

    /// <inheritdoc/>
    public string Id { get; }

    /// <inheritdoc/>
    public string Source { get; }

    /// <inheritdoc/>
    public string ParameterCounting { get; }

    /// <inheritdoc/>
    public FittedRange FittedRange { get; }

    /// <summary>A.</summary>
    public double Scale { get; }

    /// <summary>α.</summary>
    public double Exponent { get; }

    /// <summary>D = A·C^α and N = C/(6·D).</summary>
    /// <param name="trainingCompute">C, training FLOPs; &gt; 0.</param>
    /// <returns>N and D.</returns>
    /// <exception cref="ArgumentOutOfRangeException">C is zero, or a result cannot be represented.</exception>
    public RuleAllocation Allocate(FlopCount trainingCompute)
    {
        var c = Preconditions.Positive(trainingCompute.Flops, nameof(trainingCompute));
        var d = Preconditions.FiniteResult(Scale * Math.Pow(c, Exponent), nameof(trainingCompute), c);
        var n = Preconditions.FiniteResult(c / (6.0 * d), nameof(trainingCompute), c);
        return new(Id, trainingCompute, ParameterCount.FromCount(ParameterFrontierRule.Positive(n, c)), TokenCount.FromCount(ParameterFrontierRule.Positive(d, c)), null);
    }
}

/// <summary>
/// DeepSeek LLM's rule (Bi et al. 2024 §3.2): M_opt = M_base·C^a and D_opt = D_base·C^b with C = M·D, where M is the
/// non-embedding FLOPs per token (72·n_layer·d² + 12·n_layer·d·l_seq, attention included), not a parameter count. The
/// implied N = M/6 is the non-embedding parameter count if the attention term is neglected (6·N₁ = 72·n_layer·d²), an
/// upper bound on the true count.
/// </summary>
public sealed record FlopsPerTokenFrontierRule : IAllocationRule
{
    /// <summary>Creates the rule.</summary>
    /// <param name="id">The id.</param>
    /// <param name="source">The paper and section.</param>
    /// <param name="parameterCounting">What N counts.</param>
    /// <param name="flopsScale">M_base; &gt; 0.</param>
    /// <param name="flopsExponent">a; &gt; 0.</param>
    /// <param name="tokenScale">D_base; &gt; 0.</param>
    /// <param name="tokenExponent">b; &gt; 0.</param>
    /// <param name="fittedRange">The ranges of the runs.</param>
    /// <exception cref="ArgumentException">An id or source is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A constant is not finite and positive.</exception>
    public FlopsPerTokenFrontierRule(string id, string source, string parameterCounting, double flopsScale, double flopsExponent, double tokenScale, double tokenExponent, FittedRange fittedRange)
    {
        (Id, Source, ParameterCounting, FittedRange) = LawIdentity.RequireRule(id, source, parameterCounting, fittedRange);
        FlopsScale = Preconditions.Positive(flopsScale);
        FlopsExponent = Preconditions.Positive(flopsExponent);
        TokenScale = Preconditions.Positive(tokenScale);
        TokenExponent = Preconditions.Positive(tokenExponent);
    }

    /// <summary>FLOPs per token per parameter of the implied N: a training token costs 6 FLOPs per non-embedding parameter (6·N₁ = 72·n_layer·d², Bi et al. 2024 §3.2).</summary>
    public const double FlopsPerParameterPerToken = 6.0;

    /// <inheritdoc/>
    public string Id { get; }

    /// <inheritdoc/>
    public string Source { get; }

    /// <inheritdoc/>
    public string ParameterCounting { get; }

    /// <inheritdoc/>
    public FittedRange FittedRange { get; }

    /// <summary>M_base.</summary>
    public double FlopsScale { get; }

    /// <summary>a.</summary>
    public double FlopsExponent { get; }

    /// <summary>D_base.</summary>
    public double TokenScale { get; }

    /// <summary>b.</summary>
    public double TokenExponent { get; }

    /// <summary>M = M_base·C^a, D = D_base·C^b, and the implied N = M/6.</summary>
    /// <param name="trainingCompute">C, training FLOPs; &gt; 0.</param>
    /// <returns>N (implied), D and M.</returns>
    /// <exception cref="ArgumentOutOfRangeException">C is zero, or a result cannot be represented.</exception>
    public RuleAllocation Allocate(FlopCount trainingCompute)
    {
        var c = Preconditions.Positive(trainingCompute.Flops, nameof(trainingCompute));
        var m = Preconditions.FiniteResult(FlopsScale * Math.Pow(c, FlopsExponent), nameof(trainingCompute), c);
        var d = Preconditions.FiniteResult(TokenScale * Math.Pow(c, TokenExponent), nameof(trainingCompute), c);
        var n = m / FlopsPerParameterPerToken;
        return new(Id, trainingCompute, ParameterCount.FromCount(ParameterFrontierRule.Positive(n, c)), TokenCount.FromCount(ParameterFrontierRule.Positive(d, c)),
            FlopCount.FromFlops(ParameterFrontierRule.Positive(m, c)));
    }
}
