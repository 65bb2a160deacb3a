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
    /// <param name="a">A, the model-term coefficient; &gt; 0 (with A = 0 the optimal model is infinitely large).</param>
    /// <param name="b">B, the data-term coefficient; &gt; 0 (with B = 0 the optimal data is infinite).</param>
    /// <param name="alpha">α, the model-term exponent; in (0, 10) (<see cref="LawArguments.MaxExponent"/> says why).</param>
    /// <param name="beta">β, the data-term exponent; in (0, 10).</param>
    /// <exception cref="ArgumentOutOfRangeException">A constant is NaN, infinite or out of range, or together they
    /// give an allocation coefficient G outside the range of a double.</exception>
    /// <exception cref="ArgumentException">The id or source is empty.</exception>
    public ChinchillaLaw(string id, string source, double e, double a, double b, double alpha, double beta)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        Id = id;
        Source = source;
        E = Preconditions.NonNegative(e);
        A = Preconditions.Positive(a);
        B = Preconditions.Positive(b);
        Alpha = LawArguments.Exponent(alpha, nameof(alpha));
        Beta = LawArguments.Exponent(beta, nameof(beta));

        // The closed forms divide by G and k: both must be finite and non-zero for every budget to have an answer.
        double g = Math.Pow(Alpha * A / (Beta * B), 1.0 / (Alpha + Beta));
        double k = (A * Math.Pow(g, -Alpha)) + (B * Math.Pow(g, Beta));
        if (!double.IsFinite(g) || g <= 0 || !double.IsFinite(k) || k <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(a), a, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"A = {Preconditions.Show(a)} and B = {Preconditions.Show(b)} are too far apart for α = {alpha:R}, β = {beta:R}: the allocation coefficient (αA/(βB))^(1/(α+β)) is outside the range of a double."));
        }
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
