using System.Globalization;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Laws;

/// <summary>
/// The weight-sparsity loss law of Frantar et al. 2023 ("Scaling Laws for Sparsely-Connected Foundation Models",
/// arXiv:2309.08520), eq. 1: L(S, N, D) = (a_S·(1 − S)^b_S + c_S)·(1/N)^b_N + (a_D/D)^b_D + c, where S is the
/// fraction of weights that are zero, N the non-zero parameters and D the training data (tokens for T5/C4,
/// images for ViT/JFT-4B).
/// </summary>
/// <remarks>
/// <para>
/// N is the <b>non-zero</b> non-embedding parameter count: the authors sparsify the linear layers and count their
/// non-zeros (their fitting code computes N = P·scale·(1 − S) with P the per-scale linear-layer weights). The dense
/// model behind N non-zeros at sparsity S has N/(1 − S) weights.
/// </para>
/// <para>
/// At a fixed S the law is exactly E + A/N^α + B/D^β (Hoffmann et al. 2022 eq. 2) with E = c, A = a_S(1 − S)^b_S + c_S,
/// α = b_N, B = a_D^b_D, β = b_D; <see cref="AsChinchilla"/> returns that law, so <see cref="LawSolver"/> uses the closed
/// form. Compute is then priced as 6·N·D with N the non-zeros: that assumes an implementation whose FLOPs scale with the
/// non-zero weights. With dense kernels a sparse model costs what its dense shape costs, 6·N/(1 − S)·D.
/// </para>
/// </remarks>
public sealed record SparsityLaw : IChinchillaFormLaw, IDifferentiableLossLaw, IDimensionedLaw, IStoredParametersLaw, ISpecificQuantitiesLaw
{
    /// <summary>
    /// The sparsity S, the fraction of zero weights, in [0, 1) (Frantar et al. 2023 §2); the built-in law's default
    /// S = 0.5 is the lowest non-zero sparsity the paper trains.
    /// </summary>
    public static LawDimension SparsityDimension { get; } = new(
        "sparsity", "Weight sparsity S, the fraction of zero weights", Minimum: 0, Maximum: 1, MaximumInclusive: false,
        Default: 0.5, DefaultMeaning: "the lowest non-zero sparsity the paper trains", Source: "Frantar et al. 2023 §2");

    /// <summary>Creates the law from the seven constants of Frantar et al. 2023 eq. 1 at one sparsity.</summary>
    /// <param name="id">An id for the law.</param>
    /// <param name="source">Where the constants come from.</param>
    /// <param name="constants">a_S, b_S, c_S, b_N, a_D, b_D and c.</param>
    /// <param name="sparsity">S, the sparsity this instance uses for the two-argument loss; in [0, 1).</param>
    /// <exception cref="ArgumentNullException"><paramref name="constants"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">S is outside [0, 1), NaN or infinite, or together the constants give an allocation coefficient outside the range of a double.</exception>
    /// <exception cref="ArgumentException">The id or source is empty.</exception>
    public SparsityLaw(string id, string source, SparsityConstants constants, double sparsity)
    {
        (Id, Source) = LawIdentity.Require(id, source);
        ArgumentNullException.ThrowIfNull(constants);
        Constants = constants;
        Sparsity = LawArguments.Sparsity(sparsity);

        // Implementation note: the gradient and the closed-form allocations use this law as E + A/N^α + B/D^β; building
        // that law here checks its allocation coefficient once, against this constructor's constants, not lazily.
        try
        {
            _ = AsChinchilla();
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new ArgumentOutOfRangeException(nameof(constants), string.Create(CultureInfo.InvariantCulture,
                $"a_S = {Preconditions.Show(SparsityCoefficient)}, c_S = {Preconditions.Show(DenseFloorCoefficient)}, a_D = {Preconditions.Show(DataScale)} and the exponents give A(S) = {Preconditions.Show(ModelCoefficient(Sparsity))} and B = a_D^b_D = {Preconditions.Show(Math.Pow(DataScale, DataExponent))}: as E + A/N^α + B/D^β the law has no compute-optimal allocation a double can represent."));
        }
    }

    /// <summary>The constants of eq. 1.</summary>
    public SparsityConstants Constants { get; }

    /// <inheritdoc/>
    public string Id { get; }

    /// <inheritdoc/>
    public string Source { get; }

    /// <summary>
    /// The ranges of N, D and compute of the runs behind the constants (in non-zero parameters); set on the built-in laws from their
    /// papers and on fitted laws from their runs.
    /// </summary>
    public FittedRange FittedRange { get; init; } = LawIdentity.ConstantsAlone;

    /// <summary>N is the non-zero non-embedding parameter count (Frantar et al. 2023 §2, eq. 1).</summary>
    public ParameterBasis ParameterBasis => ParameterBasis.NonZeroNonEmbedding;

    /// <summary>c, the loss as N and D grow without bound, at any sparsity.</summary>
    public double IrreducibleLoss => C;

    /// <summary>a_S: the coefficient of (1 − S)^b_S in the model term.</summary>
    public double SparsityCoefficient => Constants.SparsityCoefficient;

    /// <summary>b_S: the exponent of (1 − S).</summary>
    public double SparsityExponent => Constants.SparsityExponent;

    /// <summary>c_S: the part of the model-term coefficient left as S → 1 (sparsity's gains saturate, §2.1).</summary>
    public double DenseFloorCoefficient => Constants.DenseFloorCoefficient;

    /// <summary>b_N: the exponent of 1/N.</summary>
    public double ParameterExponent => Constants.ParameterExponent;

    /// <summary>a_D: the data scale of the term (a_D/D)^b_D, in the law's units of D.</summary>
    public double DataScale => Constants.DataScale;

    /// <summary>b_D: the exponent of a_D/D.</summary>
    public double DataExponent => Constants.DataExponent;

    /// <summary>c: the irreducible loss.</summary>
    public double C => Constants.C;

    /// <summary>S: the sparsity used by the two-argument <see cref="Loss(ParameterCount, TokenCount)"/>.</summary>
    public double Sparsity { get; }

    /// <summary>This law at another sparsity, with the same constants.</summary>
    /// <param name="sparsity">S; must be in [0, 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">S is outside [0, 1), NaN or infinite.</exception>
    public SparsityLaw WithSparsity(double sparsity)
        => Preconditions.Attributed(
            () => new SparsityLaw(Id, Source, Constants, sparsity) { FittedRange = FittedRange },
            nameof(sparsity), sparsity);

    /// <summary>The model-term coefficient at sparsity S: A(S) = a_S·(1 − S)^b_S + c_S (Frantar et al. 2023 eq. 1).</summary>
    /// <param name="sparsity">S; must be in [0, 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">S is outside [0, 1), NaN or infinite.</exception>
    public double ModelCoefficient(double sparsity)
        => (SparsityCoefficient * Math.Pow(1.0 - LawArguments.Sparsity(sparsity), SparsityExponent)) + DenseFloorCoefficient;

    /// <summary>The loss at this instance's sparsity.</summary>
    /// <param name="parameters">N, non-zero parameters; must be &gt; 0.</param>
    /// <param name="tokens">D; must be &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">N or D is zero.</exception>
    public double Loss(ParameterCount parameters, TokenCount tokens)
        => DimensionedLoss.AtOwnValue(parameters, tokens, () => Loss(parameters, tokens, Sparsity));

    /// <summary>L(S, N, D) = (a_S(1 − S)^b_S + c_S)·(1/N)^b_N + (a_D/D)^b_D + c (Frantar et al. 2023 eq. 1).</summary>
    /// <param name="nonZeroParameters">N, non-zero parameters; must be &gt; 0.</param>
    /// <param name="tokens">D; must be &gt; 0.</param>
    /// <param name="sparsity">S; must be in [0, 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">N or D is zero, or S is outside [0, 1).</exception>
    public double Loss(ParameterCount nonZeroParameters, TokenCount tokens, double sparsity)
    {
        var n = Preconditions.Positive(nonZeroParameters.Count, nameof(nonZeroParameters));
        var d = Preconditions.Positive(tokens.Count, nameof(tokens));
        double modelTerm = Preconditions.FiniteResult(ModelCoefficient(sparsity) * Math.Pow(n, -ParameterExponent), nameof(nonZeroParameters), n);
        double dataTerm = Preconditions.FiniteResult(Math.Pow(DataScale / d, DataExponent), nameof(tokens), d);
        return Preconditions.FiniteResult(modelTerm + dataTerm + C, nameof(nonZeroParameters), n);
    }

    /// <summary>
    /// The dense model size with the same loss as N non-zeros at sparsity S, for any D:
    /// N·(A(0)/A(S))^(1/b_N) with A(S) = a_S(1 − S)^b_S + c_S (Frantar et al. 2023 eq. 1, model terms set equal).
    /// </summary>
    /// <param name="nonZeroParameters">N; must be &gt; 0.</param>
    /// <param name="sparsity">S; must be in [0, 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">N is zero, or S is outside [0, 1).</exception>
    public ParameterCount EquivalentDenseParameters(ParameterCount nonZeroParameters, double sparsity)
    {
        var n = Preconditions.Positive(nonZeroParameters.Count, nameof(nonZeroParameters));
        var ratio = ModelCoefficient(0.0) / ModelCoefficient(sparsity);
        return ParameterCount.FromCount(Preconditions.FiniteResult(n * Math.Pow(ratio, 1.0 / ParameterExponent), nameof(sparsity), sparsity));
    }

    /// <summary>
    /// ∂L/∂ln N and ∂L/∂ln D at this instance's sparsity (derivatives of Frantar et al. 2023 eq. 1 with S fixed).
    /// </summary>
    /// <param name="parameters">N; must be &gt; 0.</param>
    /// <param name="tokens">D; must be &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">N or D is zero.</exception>
    public LossGradient LogGradient(ParameterCount parameters, TokenCount tokens) => AsChinchilla().LogGradient(parameters, tokens);

    /// <inheritdoc/>
    public LawDimension Dimension => SparsityDimension;

    /// <summary>S, the sparsity (<see cref="Sparsity"/>).</summary>
    public double DimensionValue => Sparsity;

    /// <inheritdoc/>
    IDimensionedLaw IDimensionedLaw.WithDimension(double value) => WithSparsity(LawArguments.Sparsity(value, nameof(value)));

    /// <summary>1/(1 − S): N counts the non-zero weights, dense kernels hold the dense shape (Frantar et al. 2023 §2).</summary>
    public double StoredPerCountedParameter => 1 / (1 - Sparsity);

    /// <summary>The non-zero weights of a dense shape: (1 − S) of them.</summary>
    public ParameterCount CountedOfStored(ParameterCount stored) => stored * (1 - Sparsity);

    /// <inheritdoc/>
    public string StorageNote
        => $"N counts non-zero weights; the memory check holds {QuantityFormatter.Significant(StoredPerCountedParameter, 3)}× as many, as dense kernels store them (sparsity {QuantityFormatter.Significant(Sparsity, 3)}).";

    /// <summary>sparsity.</summary>
    public IReadOnlyList<LawQuantity> SpecificQuantities => [new("sparsity", Sparsity)];

    /// <summary>
    /// The law at this instance's sparsity as E + A/N^α + B/D^β: E = c, A = a_S(1 − S)^b_S + c_S, α = b_N,
    /// B = a_D^b_D, β = b_D.
    /// </summary>
    public ChinchillaLaw AsChinchilla()
        => new(Id, string.Create(CultureInfo.InvariantCulture, $"{Source}; at sparsity S = {Sparsity:R}"),
            new ChinchillaConstants(C, ModelCoefficient(Sparsity), Math.Pow(DataScale, DataExponent), ParameterExponent, DataExponent))
        { FittedRange = FittedRange };
}
