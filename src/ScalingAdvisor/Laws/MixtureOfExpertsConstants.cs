using System.Globalization;

namespace ScalingAdvisor.Laws;

/// <summary>
/// The constants of the fine-grained mixture-of-experts law of Krajewski et al. 2024 eq. 9,
/// L = c + (g/G^γ + a)/N_total^α + b/D^β, fitted at one expansion rate E (§5), named as the paper names them.
/// </summary>
public sealed record MixtureOfExpertsConstants
{
    /// <summary>Validates the constants.</summary>
    /// <param name="c">c, the irreducible loss in nats per token; ≥ 0.</param>
    /// <param name="a">a, the granularity-independent part of the model-term coefficient; &gt; 0.</param>
    /// <param name="b">b, the data-term coefficient; &gt; 0.</param>
    /// <param name="alpha">α, the exponent of N_total; in (0, 10).</param>
    /// <param name="beta">β, the exponent of D; in (0, 10).</param>
    /// <param name="g">g, the coefficient of the granularity term g/G^γ; ≥ 0.</param>
    /// <param name="gamma">γ, the exponent of G; ≥ 0.</param>
    /// <param name="expansionRate">E, total over active parameters of a MoE layer (§4); ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A constant is NaN, infinite or out of range.</exception>
    public MixtureOfExpertsConstants(double c, double a, double b, double alpha, double beta, double g, double gamma, double expansionRate)
    {
        C = Preconditions.NonNegative(c);
        A = Preconditions.Positive(a);
        Alpha = LawArguments.Exponent(alpha, nameof(alpha));
        B = Preconditions.Positive(b);
        Beta = LawArguments.Exponent(beta, nameof(beta));
        GranularityCoefficient = Preconditions.NonNegative(g);
        GranularityExponent = Preconditions.NonNegative(gamma);
        if (!double.IsFinite(expansionRate) || expansionRate < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(expansionRate), expansionRate, string.Create(CultureInfo.InvariantCulture,
                $"expansionRate should be in [1, ∞) (total over active parameters of a MoE layer) but was {expansionRate:R}."));
        }

        ExpansionRate = expansionRate;
    }

    /// <summary>c: the irreducible loss, nats per token.</summary>
    public double C { get; }

    /// <summary>a: the part of the model-term coefficient that no granularity removes (§5.3).</summary>
    public double A { get; }

    /// <summary>b: the coefficient of the data term b/D^β.</summary>
    public double B { get; }

    /// <summary>α: the exponent of N_total.</summary>
    public double Alpha { get; }

    /// <summary>β: the exponent of D.</summary>
    public double Beta { get; }

    /// <summary>g: the coefficient of the granularity term g/G^γ.</summary>
    public double GranularityCoefficient { get; }

    /// <summary>γ: the exponent of G.</summary>
    public double GranularityExponent { get; }

    /// <summary>E: the expansion rate the constants were fitted at (total over active parameters of a MoE layer).</summary>
    public double ExpansionRate { get; }
}
