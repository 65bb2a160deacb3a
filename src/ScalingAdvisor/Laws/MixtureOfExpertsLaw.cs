using System.Globalization;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Laws;

/// <summary>
/// The fine-grained mixture-of-experts loss law of Krajewski et al. 2024 ("Scaling Laws for Fine-Grained Mixture of
/// Experts", arXiv:2402.07871), eq. 9: L(N_total, D, G) = c + (g/G^γ + a)/N_total^α + b/D^β, where N_total is the total
/// number of non-embedding parameters, D the training tokens and G the granularity d_ff / d_expert (§4; G = 1 is the
/// standard MoE layer whose experts are the size of the dense feed-forward layer). The constants were fitted at one
/// expansion rate E (E = 64 in the paper, §5).
/// </summary>
/// <remarks>
/// <para>
/// N as this library uses it (<see cref="ILossLaw.Loss"/>, <see cref="LawSolver"/>, <c>--params</c>) is the
/// <b>active</b> non-embedding parameter count N_act, because training compute follows active parameters:
/// C = 6·N_act·D (§6.1 eq. 10 with c_f = 6, routing FLOPs left out). The paper's N_total follows from the shape it
/// assumes (§6.1): N_act = 12·d_model²·n_blocks and N_total = (8E + 4)·d_model²·n_blocks, so
/// N_total = N_act·(8E + 4)/12 (43× at E = 64). Memory for training states scales with N_total, not N_act.
/// </para>
/// <para>
/// At a fixed G the law is exactly E + A/N^α + B/D^β (Hoffmann et al. 2022 eq. 2) with E = c, B = b, β = β and
/// A = (g/G^γ + a)·((8E + 4)/12)^(−α); <see cref="AsChinchilla"/> returns that law, so <see cref="LawSolver"/> uses the
/// closed-form compute-optimal allocation. Leaving routing out understates compute by about 4–13% at the
/// configurations of the paper's Table 2 (there, routing adds d_model·E·G·c_r with c_r = 14 per block and token).
/// </para>
/// </remarks>
public sealed record MixtureOfExpertsLaw : IChinchillaFormLaw, IDifferentiableLossLaw, IDimensionedLaw, IStoredParametersLaw, ISpecificQuantitiesLaw
{
    /// <summary>
    /// The granularity G = d_ff / d_expert (Krajewski et al. 2024 §4), at least 1; the built-in law's default G = 1 is the
    /// standard MoE layer whose experts are the size of the dense feed-forward layer (§3.1).
    /// </summary>
    public static LawDimension GranularityDimension { get; } = new(
        "granularity", "Expert granularity G = d_ff / d_expert", Minimum: 1, Maximum: null, MaximumInclusive: false,
        Default: 1, DefaultMeaning: "the standard MoE layer", Source: "Krajewski et al. 2024 §4");

    /// <summary>Creates the law from the constants of Krajewski et al. 2024 eq. 9 at one granularity.</summary>
    /// <param name="id">An id for the law.</param>
    /// <param name="source">Where the constants come from.</param>
    /// <param name="constants">c, a, b, α, β, g, γ and the expansion rate E.</param>
    /// <param name="granularity">G, the granularity this instance uses for the two-argument loss; ≥ 1.</param>
    /// <exception cref="ArgumentNullException"><paramref name="constants"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">G is below 1, NaN or infinite.</exception>
    /// <exception cref="ArgumentException">The id or source is empty.</exception>
    public MixtureOfExpertsLaw(string id, string source, MixtureOfExpertsConstants constants, double granularity)
    {
        (Id, Source) = LawIdentity.Require(id, source);
        ArgumentNullException.ThrowIfNull(constants);
        Constants = constants;
        Granularity = LawArguments.Granularity(granularity);
    }

    /// <summary>The constants of eq. 9 (Table 1) and the expansion rate they were fitted at.</summary>
    public MixtureOfExpertsConstants Constants { get; }

    /// <inheritdoc/>
    public string Id { get; }

    /// <inheritdoc/>
    public string Source { get; }

    /// <summary>
    /// The ranges of N, D and compute of the runs behind the constants (in active parameters, as N is counted here); set on the built-in laws from their
    /// papers and on fitted laws from their runs.
    /// </summary>
    public FittedRange FittedRange { get; init; } = LawIdentity.ConstantsAlone;

    /// <summary>
    /// N is the active non-embedding parameter count N_act (Krajewski et al. 2024 §4 excludes embeddings; compute
    /// follows active parameters, §6.1). <see cref="TotalParameters"/> converts to the paper's N_total.
    /// </summary>
    public ParameterBasis ParameterBasis => ParameterBasis.ActiveNonEmbedding;

    /// <summary>c, the irreducible loss (entropy of the data, independent of granularity, §5.3), nats per token.</summary>
    public double IrreducibleLoss => C;

    /// <summary>c: the irreducible loss, nats per token.</summary>
    public double C => Constants.C;

    /// <summary>a: the part of the model-term coefficient that no granularity removes (§5.3).</summary>
    public double A => Constants.A;

    /// <summary>α: the exponent of N_total.</summary>
    public double Alpha => Constants.Alpha;

    /// <summary>b: the coefficient of the data term b/D^β.</summary>
    public double B => Constants.B;

    /// <summary>β: the exponent of D.</summary>
    public double Beta => Constants.Beta;

    /// <summary>g: the coefficient of the granularity term g/G^γ.</summary>
    public double GranularityCoefficient => Constants.GranularityCoefficient;

    /// <summary>γ: the exponent of G.</summary>
    public double GranularityExponent => Constants.GranularityExponent;

    /// <summary>E: the expansion rate the constants were fitted at (total over active parameters of a MoE layer).</summary>
    public double ExpansionRate => Constants.ExpansionRate;

    /// <summary>G: the granularity used by the two-argument <see cref="Loss(ParameterCount, TokenCount)"/>.</summary>
    public double Granularity { get; }

    /// <summary>
    /// N_total / N_act = (8E + 4)/12 under the shape Krajewski et al. 2024 assume (§6.1: 8E·d_model² expert and
    /// 4·d_model² attention parameters per block, of which 12·d_model² are active); 43 at E = 64.
    /// </summary>
    public double TotalPerActiveParameters => ((8.0 * ExpansionRate) + 4.0) / 12.0;

    /// <summary>This law at another granularity, with the same constants.</summary>
    /// <param name="granularity">G; must be ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">G is below 1, NaN or infinite.</exception>
    public MixtureOfExpertsLaw WithGranularity(double granularity)
        => new(Id, Source, Constants, granularity) { FittedRange = FittedRange };

    /// <summary>N_total = N_act·(8E + 4)/12, the total non-embedding parameters of a model with N_act active ones (§6.1).</summary>
    /// <param name="activeParameters">N_act; must be &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">N_act is zero.</exception>
    public ParameterCount TotalParameters(ParameterCount activeParameters)
        => ParameterCount.FromCount(Preconditions.FiniteResult(
            Preconditions.Positive(activeParameters.Count, nameof(activeParameters)) * TotalPerActiveParameters, nameof(activeParameters), activeParameters.Count));

    /// <summary>
    /// The model-term coefficient in active parameters at granularity G: A(G) = (g/G^γ + a)·((8E + 4)/12)^(−α), so that
    /// the model term is A(G)/N_act^α = (g/G^γ + a)/N_total^α (Krajewski et al. 2024 eq. 9).
    /// </summary>
    /// <param name="granularity">G; must be ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">G is below 1, NaN or infinite.</exception>
    public double ModelCoefficient(double granularity)
        => GranularityFactor(granularity) * Math.Pow(TotalPerActiveParameters, -Alpha);

    /// <summary>The loss at this instance's granularity, in nats per token.</summary>
    /// <param name="parameters">N_act, active non-embedding parameters; must be &gt; 0.</param>
    /// <param name="tokens">D, training tokens; must be &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">N or D is zero.</exception>
    public double Loss(ParameterCount parameters, TokenCount tokens)
        => DimensionedLoss.AtOwnValue(parameters, tokens, () => Loss(parameters, tokens, Granularity));

    /// <summary>
    /// L = c + (g/G^γ + a)/N_total^α + b/D^β with N_total = N_act·(8E + 4)/12 (Krajewski et al. 2024 eq. 9 and §6.1),
    /// in nats per token.
    /// </summary>
    /// <param name="activeParameters">N_act, active non-embedding parameters; must be &gt; 0.</param>
    /// <param name="tokens">D, training tokens; must be &gt; 0.</param>
    /// <param name="granularity">G; must be ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">N or D is zero, or G is below 1, NaN or infinite.</exception>
    public double Loss(ParameterCount activeParameters, TokenCount tokens, double granularity)
    {
        // D and G are checked under their own names; what remains out of range comes from N (N_total = E_r·N overflows).
        Preconditions.Positive(tokens.Count, nameof(tokens));
        GranularityFactor(granularity);
        return Preconditions.Attributed(
            () => LossAtTotalParameters(TotalParameters(activeParameters), tokens, granularity), nameof(activeParameters), activeParameters.Count);
    }

    /// <summary>
    /// Eq. 9 of Krajewski et al. 2024 as printed, in the paper's own N: L = c + (g/G^γ + a)/N_total^α + b/D^β, nats per token.
    /// </summary>
    /// <param name="totalParameters">N_total, all non-embedding parameters (every expert counted); must be &gt; 0.</param>
    /// <param name="tokens">D, training tokens; must be &gt; 0.</param>
    /// <param name="granularity">G; must be ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">N or D is zero, or G is below 1, NaN or infinite.</exception>
    public double LossAtTotalParameters(ParameterCount totalParameters, TokenCount tokens, double granularity)
    {
        var n = Preconditions.Positive(totalParameters.Count, nameof(totalParameters));
        var d = Preconditions.Positive(tokens.Count, nameof(tokens));
        double modelTerm = Preconditions.FiniteResult(GranularityFactor(granularity) * Math.Pow(n, -Alpha), nameof(totalParameters), n);
        double dataTerm = Preconditions.FiniteResult(B * Math.Pow(d, -Beta), nameof(tokens), d);
        return Preconditions.FiniteResult(C + modelTerm + dataTerm, nameof(totalParameters), n);
    }

    /// <summary>
    /// ∂L/∂ln N and ∂L/∂ln D at this instance's granularity (derivatives of Krajewski et al. 2024 eq. 9 with G fixed).
    /// </summary>
    /// <param name="parameters">N_act; must be &gt; 0.</param>
    /// <param name="tokens">D; must be &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">N or D is zero.</exception>
    public LossGradient LogGradient(ParameterCount parameters, TokenCount tokens) => AsChinchilla().LogGradient(parameters, tokens);

    /// <inheritdoc/>
    public LawDimension Dimension => GranularityDimension;

    /// <summary>G, the granularity (<see cref="Granularity"/>).</summary>
    public double DimensionValue => Granularity;

    /// <inheritdoc/>
    IDimensionedLaw IDimensionedLaw.WithDimension(double value) => WithGranularity(LawArguments.Granularity(value, nameof(value)));

    /// <summary>(8E + 4)/12 (<see cref="TotalPerActiveParameters"/>): training holds every expert's states.</summary>
    public double StoredPerCountedParameter => TotalPerActiveParameters;

    /// <summary>N_act of N_total stored parameters: N_total·12/(8E + 4).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The count is not positive.</exception>
    public ParameterCount CountedOfStored(ParameterCount stored)
        => ParameterCount.FromCount(Preconditions.Positive(stored.Count, nameof(stored)) / TotalPerActiveParameters);

    /// <inheritdoc/>
    public string StorageNote
        => $"N is active parameters; the memory check holds all {QuantityFormatter.Significant(StoredPerCountedParameter, 3)}× as many (every expert's states, E = {QuantityFormatter.Significant(ExpansionRate, 3)}).";

    /// <summary>granularity, expansionRate and totalPerActiveParams, in that order.</summary>
    public IReadOnlyList<LawQuantity> SpecificQuantities
        => [new("granularity", Granularity), new("expansionRate", ExpansionRate), new("totalPerActiveParams", TotalPerActiveParameters)];

    /// <summary>
    /// The law at this instance's granularity as E + A/N^α + B/D^β with N = N_act: E = c, A = A(G)
    /// (<see cref="ModelCoefficient"/>), B = b, α, β unchanged.
    /// </summary>
    public ChinchillaLaw AsChinchilla()
        => new(Id, string.Create(CultureInfo.InvariantCulture, $"{Source}; at granularity G = {Granularity:R}, E = {ExpansionRate:R}"),
            new ChinchillaConstants(C, ModelCoefficient(Granularity), B, Alpha, Beta))
        { FittedRange = FittedRange };

    // g/G^γ + a (Krajewski et al. 2024 eq. 9): the model-term coefficient in N_total.
    private double GranularityFactor(double granularity)
        => (GranularityCoefficient * Math.Pow(LawArguments.Granularity(granularity), -GranularityExponent)) + A;
}
