using ScalingAdvisor.Units;

namespace ScalingAdvisor.Laws;

/// <summary>
/// The parametric loss L(N, D) = E + A/N^α + B/D^β of Hoffmann et al. 2022 ("Chinchilla"), Approach 3,
/// eq. (2) and App. D.2: an irreducible loss E plus a model-limited and a data-limited power-law term.
/// Used by the built-in <c>hoffmann2022</c>, <c>hoffmann2022-unrounded</c> and <c>besiroglu2024</c> laws and by
/// laws fitted to a user's runs.
/// </summary>
public sealed partial record ChinchillaLaw : ILossLaw
{
    /// <summary>Creates a law from its five constants.</summary>
    /// <param name="id">An id for the law.</param>
    /// <param name="source">Where the constants come from.</param>
    /// <param name="e">E, the irreducible loss in nats per token; ≥ 0.</param>
    /// <param name="a">A, the model-term coefficient; ≥ 0.</param>
    /// <param name="b">B, the data-term coefficient; ≥ 0.</param>
    /// <param name="alpha">α, the model-term exponent; &gt; 0.</param>
    /// <param name="beta">β, the data-term exponent; &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A constant is NaN, infinite or out of range.</exception>
    /// <exception cref="ArgumentException">The id or source is empty.</exception>
    public ChinchillaLaw(string id, string source, double e, double a, double b, double alpha, double beta)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        Id = id;
        Source = source;
        E = Preconditions.NonNegative(e);
        A = Preconditions.NonNegative(a);
        B = Preconditions.NonNegative(b);
        Alpha = Preconditions.Positive(alpha);
        Beta = Preconditions.Positive(beta);
    }

    /// <inheritdoc/>
    public string Id { get; }

    /// <inheritdoc/>
    public string Source { get; }

    /// <summary>
    /// The ranges of N, D and compute of the runs behind the constants (E, A, B, α, β); set on the built-in laws from their
    /// papers and on fitted laws from their runs.
    /// </summary>
    public FittedRange FittedRange { get; init; } = FittedRange.Unknown("this law was built from constants alone, with no record of the runs they were fitted on");

    /// <summary>Chinchilla-form laws count all parameters, embeddings included (Hoffmann et al. 2022 §2).</summary>
    public ParameterBasis ParameterBasis => ParameterBasis.Total;

    /// <summary>E: the irreducible loss (entropy of natural text), nats per token.</summary>
    public double E { get; }

    /// <summary>A: the coefficient of the model-limited term A/N^α.</summary>
    public double A { get; }

    /// <summary>B: the coefficient of the data-limited term B/D^β.</summary>
    public double B { get; }

    /// <summary>α: the exponent of the model-limited term.</summary>
    public double Alpha { get; }

    /// <summary>β: the exponent of the data-limited term.</summary>
    public double Beta { get; }

    /// <inheritdoc/>
    public double Loss(ParameterCount parameters, TokenCount tokens)
        => E + ModelTerm(parameters) + DataTerm(tokens);

    /// <summary>The model-limited term A/N^α, in nats per token.</summary>
    /// <exception cref="ArgumentOutOfRangeException">N is zero.</exception>
    public double ModelTerm(ParameterCount parameters)
        => A * Math.Pow(Preconditions.Positive(parameters.Count, nameof(parameters)), -Alpha);

    /// <summary>The data-limited term B/D^β, in nats per token.</summary>
    /// <exception cref="ArgumentOutOfRangeException">D is zero.</exception>
    public double DataTerm(TokenCount tokens)
        => B * Math.Pow(Preconditions.Positive(tokens.Count, nameof(tokens)), -Beta);
}
