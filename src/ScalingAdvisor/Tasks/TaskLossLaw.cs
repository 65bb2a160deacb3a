using ScalingAdvisor.Units;

namespace ScalingAdvisor.Tasks;

/// <summary>
/// Step 1 of the task scaling law of Bhagia et al. 2024 ("Establishing Task Scaling Laws via Compute-Efficient Model
/// Ladders", arXiv 2412.04403, §3.1 Eq. 1): the task loss L(N, D) = A/N^α + B/D^β + E, where L is the negative
/// log-likelihood of the correct answer in bits per byte of the answer, N the non-embedding parameters and D the
/// training tokens.
/// </summary>
public sealed record TaskLossLaw
{
    /// <summary>Creates step 1 from its five constants.</summary>
    /// <param name="a">A, the coefficient of the model term; &gt; 0.</param>
    /// <param name="alpha">α, the model-term exponent; &gt; 0.</param>
    /// <param name="b">B, the coefficient of the data term; &gt; 0.</param>
    /// <param name="beta">β, the data-term exponent; &gt; 0.</param>
    /// <param name="e">E, the irreducible task loss in bits per byte; ≥ 0 (Bhagia et al. bound it below by 0).</param>
    /// <exception cref="ArgumentOutOfRangeException">A constant is NaN, infinite or out of range.</exception>
    public TaskLossLaw(double a, double alpha, double b, double beta, double e)
    {
        A = Preconditions.Positive(a);
        Alpha = Preconditions.Positive(alpha);
        B = Preconditions.Positive(b);
        Beta = Preconditions.Positive(beta);
        E = Preconditions.NonNegative(e);
    }

    /// <summary>A, the coefficient of the model term.</summary>
    public double A { get; }

    /// <summary>α, the model-term exponent.</summary>
    public double Alpha { get; }

    /// <summary>B, the coefficient of the data term.</summary>
    public double B { get; }

    /// <summary>β, the data-term exponent.</summary>
    public double Beta { get; }

    /// <summary>E, the irreducible task loss, bits per byte.</summary>
    public double E { get; }

    /// <summary>L = A/N^α + B/D^β + E (Bhagia et al. 2024 Eq. 1), bits per byte.</summary>
    /// <param name="parameters">N (non-embedding parameters, as the paper counts them); &gt; 0.</param>
    /// <param name="tokens">D, training tokens; &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">N or D is zero, or the loss is not representable.</exception>
    public double TaskLoss(ParameterCount parameters, TokenCount tokens)
    {
        double n = Preconditions.Positive(parameters.Count, nameof(parameters));
        double d = Preconditions.Positive(tokens.Count, nameof(tokens));
        double model = Preconditions.FiniteResult(A * Math.Pow(n, -Alpha), nameof(parameters), n);
        double data = Preconditions.FiniteResult(B * Math.Pow(d, -Beta), nameof(tokens), d);
        return Preconditions.FiniteResult(model + data + E, nameof(parameters), n);
    }
}
