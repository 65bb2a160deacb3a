using ScalingAdvisor.Units;

namespace ScalingAdvisor.Laws;

/// <summary>
/// The parametric loss L(N, D) = E + A/N^α + B/D^β of Hoffmann et al. 2022 ("Chinchilla"), Approach 3,
/// eq. (2) and App. D.2: an irreducible loss E plus a model-limited and a data-limited power-law term.
/// Used by the built-in <c>hoffmann2022</c>, <c>hoffmann2022-unrounded</c> and <c>besiroglu2024</c> laws and by
/// laws fitted to a user's runs.
/// </summary>
public sealed partial record ChinchillaLaw : IChinchillaFormLaw, ILossBreakdownLaw, ILimitingLossLaw
{
    /// <summary>Creates a law from its five constants.</summary>
    /// <param name="id">An id for the law.</param>
    /// <param name="source">Where the constants come from.</param>
    /// <param name="constants">E, A, B, α and β, validated by <see cref="ChinchillaConstants"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="constants"/> is null.</exception>
    /// <exception cref="ArgumentException">The id or source is empty.</exception>
    public ChinchillaLaw(string id, string source, ChinchillaConstants constants)
    {
        (Id, Source) = LawIdentity.Require(id, source);
        ArgumentNullException.ThrowIfNull(constants);
        Constants = constants;
    }

    /// <summary>E, A, B, α and β as one record (the form <c>fit</c> and the fitted-law file use too).</summary>
    public ChinchillaConstants Constants { get; }

    /// <inheritdoc/>
    public string Id { get; }

    /// <inheritdoc/>
    public string Source { get; }

    /// <summary>
    /// The ranges of N, D and compute of the runs behind the constants (E, A, B, α, β); set on the built-in laws from their
    /// papers and on fitted laws from their runs.
    /// </summary>
    public FittedRange FittedRange { get; init; } = LawIdentity.ConstantsAlone;

    /// <summary>Chinchilla-form laws count all parameters, embeddings included (Hoffmann et al. 2022 §2).</summary>
    public ParameterBasis ParameterBasis => ParameterBasis.Total;

    /// <summary>E: the irreducible loss (entropy of natural text), nats per token.</summary>
    public double E => Constants.E;

    /// <summary>A: the coefficient of the model-limited term A/N^α.</summary>
    public double A => Constants.A;

    /// <summary>B: the coefficient of the data-limited term B/D^β.</summary>
    public double B => Constants.B;

    /// <summary>α: the exponent of the model-limited term.</summary>
    public double Alpha => Constants.Alpha;

    /// <summary>β: the exponent of the data-limited term.</summary>
    public double Beta => Constants.Beta;

    /// <summary>This law itself: it is the E + A/N^α + B/D^β form.</summary>
    public ChinchillaLaw AsChinchilla() => this;

    /// <summary>L(N, ∞) = E + A/N^α.</summary>
    /// <exception cref="ArgumentOutOfRangeException">N is zero.</exception>
    public double LossWithUnlimitedData(ParameterCount parameters) => E + ModelTerm(parameters);

    /// <summary>L(∞, D) = E + B/D^β.</summary>
    /// <exception cref="ArgumentOutOfRangeException">D is zero.</exception>
    public double LossWithUnlimitedParameters(TokenCount tokens) => E + DataTerm(tokens);

    /// <inheritdoc/>
    public double Loss(ParameterCount parameters, TokenCount tokens)
        => Preconditions.FiniteResult(E + ModelTerm(parameters) + DataTerm(tokens), nameof(parameters), parameters.Count);

    /// <summary>The model-limited term A/N^α, in nats per token.</summary>
    /// <exception cref="ArgumentOutOfRangeException">N is zero, or so small that the term is not representable.</exception>
    public double ModelTerm(ParameterCount parameters)
        => Preconditions.FiniteResult(A * Math.Pow(Preconditions.Positive(parameters.Count, nameof(parameters)), -Alpha), nameof(parameters), parameters.Count);

    /// <summary>The data-limited term B/D^β, in nats per token.</summary>
    /// <exception cref="ArgumentOutOfRangeException">D is zero, or so small that the term is not representable.</exception>
    public double DataTerm(TokenCount tokens)
        => Preconditions.FiniteResult(B * Math.Pow(Preconditions.Positive(tokens.Count, nameof(tokens)), -Beta), nameof(tokens), tokens.Count);
}
