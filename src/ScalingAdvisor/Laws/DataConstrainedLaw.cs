using System.Globalization;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Laws;

/// <summary>
/// The data-constrained loss law of Muennighoff et al. 2023 ("Scaling Data-Constrained Language Models",
/// NeurIPS 2023, §3.1 eq. 5 and App. A): L = E + A/N′^α + B/D′^β with effective data and effective parameters
/// <list type="bullet">
/// <item>D′ = U_D + U_D·R*_D·(1 − e^(−R_D/R*_D)), R_D = max(D/U_D − 1, 0) repetitions of U_D = min(D, U) unique tokens;</item>
/// <item>N′ = U_N + U_N·R*_N·(1 − e^(−R_N/R*_N)), U_N = min(N, N_opt(U_D)), R_N = max(N/U_N − 1, 0),</item>
/// </list>
/// where N_opt(D) = (D·G)^(β/α)·G is the compute-optimal model size for D tokens (G as in Hoffmann et al. 2022
/// eq. 4). Repeated tokens and parameters beyond N_opt decay in value with "half-lives" R*_D and R*_N.
/// This follows the authors' reference implementation (github.com/huggingface/datablations); for D &lt; U it
/// takes U_D = D (all data fresh), where the reference code requires U ≤ D.
/// </summary>
public sealed record DataConstrainedLaw : IDataConstrainedLossLaw
{
    /// <summary>Creates a law from its seven constants.</summary>
    /// <param name="id">An id for the law.</param>
    /// <param name="source">Where the constants come from.</param>
    /// <param name="constants">E, A, B, α and β of the E + A/N′^α + B/D′^β form.</param>
    /// <param name="dataRepetitionConstant">R*_D, the repetition scale of data; &gt; 0.</param>
    /// <param name="parameterRepetitionConstant">R*_N, the repetition scale of excess parameters; &gt; 0.</param>
    /// <exception cref="ArgumentNullException"><paramref name="constants"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A constant is NaN, infinite or out of range.</exception>
    /// <exception cref="ArgumentException">The id or source is empty.</exception>
    public DataConstrainedLaw(string id, string source, ChinchillaConstants constants,
        double dataRepetitionConstant, double parameterRepetitionConstant)
    {
        (Id, Source) = LawIdentity.Require(id, source);
        ArgumentNullException.ThrowIfNull(constants);
        Constants = constants;
        DataRepetitionConstant = Preconditions.Positive(dataRepetitionConstant);
        ParameterRepetitionConstant = Preconditions.Positive(parameterRepetitionConstant);
    }

    /// <summary>E, A, B, α and β.</summary>
    public ChinchillaConstants Constants { get; }

    /// <inheritdoc/>
    public string Id { get; }

    /// <inheritdoc/>
    public string Source { get; }

    /// <summary>
    /// The ranges of N, D and compute of the runs behind the constants (the constants of eq. 5); set on the built-in laws from their
    /// papers and on fitted laws from their runs.
    /// </summary>
    public FittedRange FittedRange { get; init; } = LawIdentity.ConstantsAlone;

    /// <summary>Muennighoff et al. count all parameters, as Hoffmann et al. do.</summary>
    public ParameterBasis ParameterBasis => ParameterBasis.Total;

    /// <summary>E: the loss with unlimited unique data and compute. With U unique tokens the floor is higher (<see cref="LossFloor"/>).</summary>
    public double IrreducibleLoss => E;

    /// <summary>E, the irreducible loss, nats per token.</summary>
    public double E => Constants.E;

    /// <summary>A, the coefficient of the model term.</summary>
    public double A => Constants.A;

    /// <summary>B, the coefficient of the data term.</summary>
    public double B => Constants.B;

    /// <summary>α, the model-term exponent.</summary>
    public double Alpha => Constants.Alpha;

    /// <summary>β, the data-term exponent.</summary>
    public double Beta => Constants.Beta;

    /// <summary>R*_D: after R*_D repetitions a repeated token is worth 1/e of a fresh one (Muennighoff et al. 2023 eq. 5).</summary>
    public double DataRepetitionConstant { get; }

    /// <summary>R*_N: the same decay constant for parameters in excess of the compute-optimal size for the unique data.</summary>
    public double ParameterRepetitionConstant { get; }

    /// <summary>The loss with every one of the D tokens unique (U = D): no data repetition, but parameters beyond N_opt(D) still count as excess.</summary>
    /// <param name="parameters">N; must be &gt; 0.</param>
    /// <param name="tokens">D; must be &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">N or D is zero.</exception>
    public double Loss(ParameterCount parameters, TokenCount tokens) => Loss(parameters, tokens, tokens);

    /// <summary>L = E + A/N′^α + B/D′^β (Muennighoff et al. 2023 eq. 5), nats per token.</summary>
    /// <param name="parameters">N; must be &gt; 0.</param>
    /// <param name="tokens">D, repeats included; must be &gt; 0.</param>
    /// <param name="uniqueTokens">U; must be &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">N, D or U is zero.</exception>
    public double Loss(ParameterCount parameters, TokenCount tokens, TokenCount uniqueTokens)
        => Breakdown(parameters, tokens, uniqueTokens).Total;

    /// <summary>The loss split into E, A/N′^α and B/D′^β (Muennighoff et al. 2023 eq. 5).</summary>
    /// <param name="parameters">N; must be &gt; 0.</param>
    /// <param name="tokens">D, repeats included; must be &gt; 0.</param>
    /// <param name="uniqueTokens">U; must be &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">N, D or U is zero.</exception>
    public LossBreakdown Breakdown(ParameterCount parameters, TokenCount tokens, TokenCount uniqueTokens)
    {
        var s = Effective(Check(parameters, tokens, uniqueTokens, out var d, out var u), d, u);
        double modelTerm = Preconditions.FiniteResult(A * Math.Pow(s.Parameters, -Alpha), nameof(parameters), parameters.Count);
        double dataTerm = Preconditions.FiniteResult(B * Math.Pow(s.Tokens, -Beta), nameof(tokens), tokens.Count);
        Preconditions.FiniteResult(E + modelTerm + dataTerm, nameof(parameters), parameters.Count);
        return new(E, modelTerm, dataTerm);
    }

    /// <summary>D′, the effective data of D tokens drawn from U unique ones (Muennighoff et al. 2023 eq. 5); at most U·(1 + R*_D).</summary>
    /// <param name="tokens">D; must be &gt; 0.</param>
    /// <param name="uniqueTokens">U; must be &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">D or U is zero.</exception>
    public TokenCount EffectiveTokens(TokenCount tokens, TokenCount uniqueTokens)
        => TokenCount.FromCount(Effective(1.0, Preconditions.Positive(tokens.Count, nameof(tokens)), Preconditions.Positive(uniqueTokens.Count, nameof(uniqueTokens))).Tokens);

    /// <summary>N′, the effective parameters (Muennighoff et al. 2023 eq. 5): N up to N_opt(min(D, U)), then decaying returns.</summary>
    /// <param name="parameters">N; must be &gt; 0.</param>
    /// <param name="tokens">D; must be &gt; 0.</param>
    /// <param name="uniqueTokens">U; must be &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">N, D or U is zero.</exception>
    public ParameterCount EffectiveParameters(ParameterCount parameters, TokenCount tokens, TokenCount uniqueTokens)
        => ParameterCount.FromCount(Effective(Check(parameters, tokens, uniqueTokens, out var d, out var u), d, u).Parameters);

    /// <summary>
    /// N_opt(D) = (D·G)^(β/α)·G with G = (α·A/(β·B))^(1/(α+β)): the compute-optimal model size for D tokens under
    /// this law's constants (datablations' <c>D_to_N</c>; Hoffmann et al. 2022 eq. 4 eliminating C).
    /// </summary>
    /// <param name="tokens">D; must be &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">D is zero.</exception>
    public ParameterCount OptimalParametersForTokens(TokenCount tokens)
        => ParameterCount.FromCount(Preconditions.FiniteResult(OptimalN(Preconditions.Positive(tokens.Count, nameof(tokens))), nameof(tokens), tokens.Count));

    /// <summary>
    /// The lowest loss reachable with U unique tokens, however large N and D:
    /// E + A/(N_opt(U)·(1 + R*_N))^α + B/(U·(1 + R*_D))^β (the limits of N′ and D′ in Muennighoff et al. 2023 eq. 5).
    /// </summary>
    /// <param name="uniqueTokens">U; must be &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">U is zero.</exception>
    public double LossFloor(TokenCount uniqueTokens)
    {
        var u = Preconditions.Positive(uniqueTokens.Count, nameof(uniqueTokens));
        var nMax = OptimalN(u) * (1.0 + ParameterRepetitionConstant);
        var dMax = u * (1.0 + DataRepetitionConstant);
        return Preconditions.FiniteResult(E + (A * Math.Pow(nMax, -Alpha)) + (B * Math.Pow(dMax, -Beta)), nameof(uniqueTokens), u);
    }

    /// <inheritdoc/>
    public ILossLaw WithUniqueTokens(TokenCount uniqueTokens)
    {
        LossFloor(uniqueTokens); // the returned law's IrreducibleLoss: checked here, so that reading it never throws
        return new UniqueTokensLaw(this, Preconditions.Positive(uniqueTokens.Count, nameof(uniqueTokens)));
    }

    /// <summary>∂L/∂ln N and ∂L/∂ln D with U fixed (analytic derivatives of eq. 5, continuous across its kinks).</summary>
    internal LossGradient LogGradient(double n, double d, double u)
    {
        var s = Effective(n, d, u);
        var model = A * Math.Pow(s.Parameters, -Alpha);
        var data = B * Math.Pow(s.Tokens, -Beta);
        return new(-Alpha * model * s.LogParametersPerLogN,
            (-Beta * data * s.LogTokensPerLogD) - (Alpha * model * s.LogParametersPerLogD));
    }

    private static double Check(ParameterCount parameters, TokenCount tokens, TokenCount uniqueTokens, out double d, out double u)
    {
        d = Preconditions.Positive(tokens.Count, nameof(tokens));
        u = Preconditions.Positive(uniqueTokens.Count, nameof(uniqueTokens));
        return Preconditions.Positive(parameters.Count, nameof(parameters));
    }

    private double G => Math.Pow(Alpha * A / (Beta * B), 1.0 / (Alpha + Beta));

    private double OptimalN(double d)
    {
        var g = G;
        return Math.Pow(d * g, Beta / Alpha) * g;
    }

    // Implementation note: one pass computes N′, D′ and their log-derivatives, so loss and gradient agree exactly.
    private EffectiveState Effective(double n, double d, double u)
    {
        double dEff, dLnDeffDLnD;
        var uD = Math.Min(d, u);
        if (d > u)
        {
            var decay = Math.Exp(-((d / u) - 1.0) / DataRepetitionConstant);
            dEff = u + (u * DataRepetitionConstant * (1.0 - decay));
            dLnDeffDLnD = d * decay / dEff;
        }
        else
        {
            dEff = d;
            dLnDeffDLnD = 1.0;
        }

        double nEff, dLnNeffDLnN, dLnNeffDLnD;
        var nStar = OptimalN(uD);
        if (n > nStar)
        {
            var rN = (n / nStar) - 1.0;
            var decay = Math.Exp(-rN / ParameterRepetitionConstant);
            var saturation = 1.0 - decay;
            nEff = nStar + (nStar * ParameterRepetitionConstant * saturation);
            dLnNeffDLnN = n * decay / nEff;

            // U_N = N_opt(U_D) moves with D only while D < U; d ln N_opt / d ln D = β/α.
            dLnNeffDLnD = d < u
                ? nStar / nEff * (1.0 + (ParameterRepetitionConstant * saturation) - (n / nStar * decay)) * (Beta / Alpha)
                : 0.0;
        }
        else
        {
            nEff = n;
            dLnNeffDLnN = 1.0;
            dLnNeffDLnD = 0.0;
        }

        return new EffectiveState(
            Preconditions.FiniteResult(nEff, "uniqueTokens", u),
            Preconditions.FiniteResult(dEff, "uniqueTokens", u),
            dLnNeffDLnN, dLnNeffDLnD, dLnDeffDLnD);
    }

    private readonly record struct EffectiveState(double Parameters, double Tokens, double LogParametersPerLogN, double LogParametersPerLogD, double LogTokensPerLogD);

    /// <summary>The data-constrained law with U fixed: a law of (N, D) alone.</summary>
    private sealed class UniqueTokensLaw(DataConstrainedLaw law, double uniqueTokens) : IDifferentiableLossLaw, ILossBreakdownLaw
    {
        public string Id => law.Id;

        public string Source => string.Create(CultureInfo.InvariantCulture, $"{law.Source}; unique tokens U = {uniqueTokens:R}");

        public ParameterBasis ParameterBasis => law.ParameterBasis;

        public double IrreducibleLoss => law.LossFloor(TokenCount.FromCount(uniqueTokens));

        public FittedRange FittedRange => law.FittedRange;

        public double Loss(ParameterCount parameters, TokenCount tokens) => law.Loss(parameters, tokens, TokenCount.FromCount(uniqueTokens));

        public LossBreakdown Breakdown(ParameterCount parameters, TokenCount tokens) => law.Breakdown(parameters, tokens, TokenCount.FromCount(uniqueTokens));

        public LossGradient LogGradient(ParameterCount parameters, TokenCount tokens)
            => law.LogGradient(Preconditions.Positive(parameters.Count, nameof(parameters)), Preconditions.Positive(tokens.Count, nameof(tokens)), uniqueTokens);
    }
}
