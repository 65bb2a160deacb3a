using System.Globalization;

namespace ScalingAdvisor.Laws;

/// <summary>
/// The five constants of L(N, D) = E + A/N^α + B/D^β (Hoffmann et al. 2022 eq. 2), validated once here: the
/// built-in laws, <c>fit</c>, the fitted-law file and the data-constrained law of Muennighoff et al. 2023 (whose
/// effective N′ and D′ enter the same form) all hold them as this record, so no caller passes five doubles in an order
/// of its own.
/// </summary>
public sealed record ChinchillaConstants
{
    /// <summary>Validates the five constants.</summary>
    /// <param name="e">E, the irreducible loss in nats per token; ≥ 0.</param>
    /// <param name="a">A, the model-term coefficient; &gt; 0 (with A = 0 the optimal model is infinitely large).</param>
    /// <param name="b">B, the data-term coefficient; &gt; 0 (with B = 0 the optimal data is infinite).</param>
    /// <param name="alpha">α, the model-term exponent; in (0, 10) (<see cref="LawArguments.MaxExponent"/> says why).</param>
    /// <param name="beta">β, the data-term exponent; in (0, 10).</param>
    /// <exception cref="ArgumentOutOfRangeException">A constant is NaN, infinite or out of range, or together they
    /// give an allocation coefficient G outside the range of a double.</exception>
    public ChinchillaConstants(double e, double a, double b, double alpha, double beta)
    {
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
            throw new ArgumentOutOfRangeException(nameof(a), a, string.Create(CultureInfo.InvariantCulture,
                $"A = {Preconditions.Show(a)} and B = {Preconditions.Show(b)} are too far apart for α = {alpha:R}, β = {beta:R}: the allocation coefficient (αA/(βB))^(1/(α+β)) is outside the range of a double."));
        }
    }

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
}
