using ScalingAdvisor.Units;

namespace ScalingAdvisor.Laws;

/// <summary>
/// The loss law of Kaplan et al. 2020 ("Scaling Laws for Neural Language Models", arXiv:2001.08361),
/// eq. 1.5 (= eq. 4.1): L(N, D) = [(N_c/N)^(α_N/α_D) + D_c/D]^α_D, in nats per token on WebText2, with N the
/// non-embedding parameters. It has no irreducible term. The paper publishes two constant sets (eqs. 1.1/1.2
/// and Table 2), built in as <c>kaplan2020</c> and <c>kaplan2020-table2</c>.
/// </summary>
/// <remarks>
/// Allocation follows the paper's compute-efficient frontier (Table 6, eq. 6.1), not the minimum of eq. 1.5 under
/// C = 6·N·D: the frontier was fitted from L(N, S_min) with the batch size at its critical value, which eq. 1.5
/// (an early-stopped loss at a fixed batch) does not model, and minimising eq. 1.5 gives N ∝ C^0.556 where the
/// paper finds N ∝ C_min^0.73. Both constant sets share the frontier, which does not depend on them.
/// </remarks>
public sealed record KaplanLaw : IDifferentiableLossLaw, IComputeFrontierLaw, ILimitingLossLaw
{
    /// <summary>Creates a law from its four constants.</summary>
    /// <param name="id">An id for the law.</param>
    /// <param name="source">Where the constants come from.</param>
    /// <param name="criticalParameters">N_c, non-embedding parameters; &gt; 0.</param>
    /// <param name="criticalTokens">D_c, tokens; &gt; 0.</param>
    /// <param name="alphaN">α_N, the model-size exponent; &gt; 0.</param>
    /// <param name="alphaD">α_D, the data-size exponent; &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A constant is NaN, infinite or not positive.</exception>
    /// <exception cref="ArgumentException">The id or source is empty.</exception>
    public KaplanLaw(string id, string source, double criticalParameters, double criticalTokens, double alphaN, double alphaD)
    {
        (Id, Source) = LawIdentity.Require(id, source);
        CriticalParameters = Preconditions.Positive(criticalParameters);
        CriticalTokens = Preconditions.Positive(criticalTokens);
        AlphaN = LawArguments.Exponent(alphaN, nameof(alphaN));
        AlphaD = LawArguments.Exponent(alphaD, nameof(alphaD));
    }

    /// <inheritdoc/>
    public string Id { get; }

    /// <inheritdoc/>
    public string Source { get; }

    /// <summary>
    /// The ranges of N, D and compute of the runs behind the constants (N_c, D_c, α_N, α_D); set on the built-in laws from their
    /// papers and on fitted laws from their runs.
    /// </summary>
    public FittedRange FittedRange { get; init; } = LawIdentity.ConstantsAlone;

    /// <summary>Kaplan et al. count non-embedding parameters (§1.3: N excludes vocabulary and positional embeddings).</summary>
    public ParameterBasis ParameterBasis => ParameterBasis.NonEmbedding;

    /// <summary>Zero: eq. 1.5 has no irreducible term, the loss tends to 0 as N and D grow.</summary>
    public double IrreducibleLoss => 0.0;

    /// <summary>N_e = 1.3e9 non-embedding parameters: the scale of the compute-efficient frontier N_opt = N_e·C_min^p_N (Kaplan et al. 2020 Table 6).</summary>
    public const double FrontierScaleParameters = 1.3e9;

    /// <summary>p_N = 0.73: the exponent of the compute-efficient frontier N_opt ∝ C_min^0.73 (Kaplan et al. 2020 Table 6, eq. 6.1).</summary>
    public const double FrontierExponent = 0.73;

    /// <summary>
    /// C_min / C = 1/2: training at the critical batch size takes twice the minimum compute, C = 2·C_min (Kaplan et al.
    /// 2020 §6.3, before eq. 6.7).
    /// </summary>
    public const double MinimumComputeFraction = 0.5;

    /// <summary>FLOPs in one PF-day, 1e15 FLOP/s × 86,400 s (Kaplan et al. 2020 §1.3): the unit of C_min in Table 6.</summary>
    public const double FlopsPerPetaflopDay = 8.64e19;

    /// <summary>
    /// N_opt = 1.3e9·C_min^0.73 non-embedding parameters with C_min = C/2 in PF-days (Kaplan et al. 2020 Table 6 and
    /// §6.3): the compute-efficient model size for training compute C. Hoffmann et al. 2022 App. D.4 quote 4.68B
    /// parameters at 1e21 FLOPs.
    /// </summary>
    /// <param name="trainingCompute">C, training FLOPs; &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">C is zero, or the result cannot be represented.</exception>
    public ParameterCount FrontierParameters(FlopCount trainingCompute)
    {
        var minimumPetaflopDays = Preconditions.Positive(trainingCompute.Flops, nameof(trainingCompute)) * MinimumComputeFraction / FlopsPerPetaflopDay;
        return ParameterCount.FromCount(Preconditions.FiniteResult(
            FrontierScaleParameters * Math.Pow(minimumPetaflopDays, FrontierExponent), nameof(trainingCompute), trainingCompute.Flops));
    }

    /// <summary>N_c, the critical non-embedding parameter count of eq. 1.1.</summary>
    public double CriticalParameters { get; }

    /// <summary>D_c, the critical token count of eq. 1.2.</summary>
    public double CriticalTokens { get; }

    /// <summary>α_N, the model-size exponent of eq. 1.1.</summary>
    public double AlphaN { get; }

    /// <summary>α_D, the data-size exponent of eq. 1.2.</summary>
    public double AlphaD { get; }

    /// <summary>L(N, D) = [(N_c/N)^(α_N/α_D) + D_c/D]^α_D (Kaplan et al. 2020 eq. 1.5).</summary>
    /// <param name="parameters">N, non-embedding parameters; must be &gt; 0.</param>
    /// <param name="tokens">D; must be &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">N or D is zero.</exception>
    public double Loss(ParameterCount parameters, TokenCount tokens)
        => Preconditions.FiniteResult(Math.Pow(Inner(parameters, tokens, out _, out _), AlphaD), nameof(parameters), parameters.Count);

    /// <summary>L(N) = (N_c/N)^α_N, the loss with unlimited data (Kaplan et al. 2020 eq. 1.1).</summary>
    /// <param name="parameters">N, non-embedding parameters; must be &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">N is zero.</exception>
    public double ModelLimitedLoss(ParameterCount parameters)
        => Preconditions.FiniteResult(Math.Pow(CriticalParameters / Preconditions.Positive(parameters.Count, nameof(parameters)), AlphaN), nameof(parameters), parameters.Count);

    /// <summary>L(D) = (D_c/D)^α_D, the loss of a large model trained with early stopping on D tokens (Kaplan et al. 2020 eq. 1.2).</summary>
    /// <param name="tokens">D; must be &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">D is zero.</exception>
    public double DataLimitedLoss(TokenCount tokens)
        => Preconditions.FiniteResult(Math.Pow(CriticalTokens / Preconditions.Positive(tokens.Count, nameof(tokens)), AlphaD), nameof(tokens), tokens.Count);

    /// <summary>L(N, ∞) = (N_c/N)^α_N (<see cref="ModelLimitedLoss"/>, eq. 1.1).</summary>
    /// <exception cref="ArgumentOutOfRangeException">N is zero.</exception>
    public double LossWithUnlimitedData(ParameterCount parameters) => ModelLimitedLoss(parameters);

    /// <summary>L(∞, D) = (D_c/D)^α_D (<see cref="DataLimitedLoss"/>, eq. 1.2).</summary>
    /// <exception cref="ArgumentOutOfRangeException">D is zero.</exception>
    public double LossWithUnlimitedParameters(TokenCount tokens) => DataLimitedLoss(tokens);

    /// <summary>
    /// The overfitting penalty δL = L(N, D) / L(N, ∞) − 1 (Kaplan et al. 2020 eq. 4.2), dimensionless:
    /// how much finite data costs relative to the unlimited-data loss.
    /// </summary>
    /// <param name="parameters">N, non-embedding parameters; must be &gt; 0.</param>
    /// <param name="tokens">D; must be &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">N or D is zero.</exception>
    public double OverfittingPenalty(ParameterCount parameters, TokenCount tokens)
        => Preconditions.FiniteResult((Loss(parameters, tokens) / ModelLimitedLoss(parameters)) - 1.0, nameof(tokens), tokens.Count);

    /// <summary>
    /// ∂L/∂ln N = −α_N·x^(α_D−1)·(N_c/N)^(α_N/α_D) and ∂L/∂ln D = −α_D·x^(α_D−1)·D_c/D with
    /// x = (N_c/N)^(α_N/α_D) + D_c/D (derivatives of Kaplan et al. 2020 eq. 1.5).
    /// </summary>
    /// <param name="parameters">N, non-embedding parameters; must be &gt; 0.</param>
    /// <param name="tokens">D; must be &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">N or D is zero.</exception>
    public LossGradient LogGradient(ParameterCount parameters, TokenCount tokens)
    {
        var x = Inner(parameters, tokens, out var modelPart, out var dataPart);
        var common = Math.Pow(x, AlphaD - 1.0);
        return new(
            Preconditions.FiniteResult(-AlphaN * common * modelPart, nameof(parameters), parameters.Count),
            Preconditions.FiniteResult(-AlphaD * common * dataPart, nameof(tokens), tokens.Count));
    }

    private double Inner(ParameterCount parameters, TokenCount tokens, out double modelPart, out double dataPart)
    {
        var n = Preconditions.Positive(parameters.Count, nameof(parameters));
        var d = Preconditions.Positive(tokens.Count, nameof(tokens));
        modelPart = Math.Pow(CriticalParameters / n, AlphaN / AlphaD);
        dataPart = CriticalTokens / d;
        return Preconditions.FiniteResult(modelPart + dataPart, modelPart >= dataPart ? nameof(parameters) : nameof(tokens), modelPart >= dataPart ? n : d);
    }
}
