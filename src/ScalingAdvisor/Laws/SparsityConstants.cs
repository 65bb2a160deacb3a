namespace ScalingAdvisor.Laws;

/// <summary>
/// The seven constants of the weight-sparsity law of Frantar et al. 2023 eq. 1,
/// L(S, N, D) = (a_S·(1 − S)^b_S + c_S)·(1/N)^b_N + (a_D/D)^b_D + c, named as the paper names them.
/// </summary>
public sealed record SparsityConstants
{
    /// <summary>Validates the constants.</summary>
    /// <param name="aS">a_S, the sparsity-dependent part of the model-term coefficient; ≥ 0.</param>
    /// <param name="bS">b_S, the exponent of (1 − S); ≥ 0.</param>
    /// <param name="cS">c_S, the sparsity-independent part of the model-term coefficient; ≥ 0.</param>
    /// <param name="bN">b_N, the exponent of 1/N; in (0, 10).</param>
    /// <param name="aD">a_D, the data scale, in the law's units of D; &gt; 0.</param>
    /// <param name="bD">b_D, the exponent of a_D/D; in (0, 10).</param>
    /// <param name="c">c, the irreducible loss; ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A constant is NaN, infinite or out of range.</exception>
    public SparsityConstants(double aS, double bS, double cS, double bN, double aD, double bD, double c)
    {
        SparsityCoefficient = Preconditions.NonNegative(aS);
        SparsityExponent = Preconditions.NonNegative(bS);
        DenseFloorCoefficient = Preconditions.NonNegative(cS);
        ParameterExponent = LawArguments.Exponent(bN, nameof(bN));
        DataScale = Preconditions.Positive(aD);
        DataExponent = LawArguments.Exponent(bD, nameof(bD));
        C = Preconditions.NonNegative(c);
    }

    /// <summary>a_S: the coefficient of (1 − S)^b_S in the model term.</summary>
    public double SparsityCoefficient { get; }

    /// <summary>b_S: the exponent of (1 − S).</summary>
    public double SparsityExponent { get; }

    /// <summary>c_S: the part of the model-term coefficient left as S → 1 (sparsity's gains saturate, §2.1).</summary>
    public double DenseFloorCoefficient { get; }

    /// <summary>b_N: the exponent of 1/N.</summary>
    public double ParameterExponent { get; }

    /// <summary>a_D: the data scale of the term (a_D/D)^b_D, in the law's units of D.</summary>
    public double DataScale { get; }

    /// <summary>b_D: the exponent of a_D/D.</summary>
    public double DataExponent { get; }

    /// <summary>c: the irreducible loss.</summary>
    public double C { get; }
}
