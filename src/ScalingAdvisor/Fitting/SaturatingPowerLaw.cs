namespace ScalingAdvisor.Fitting;

/// <summary>Which input a single-variable law's x is.</summary>
public enum PowerLawAxis
{
    /// <summary>Training compute C in FLOPs (C ≈ 6·N·D for runs, Kaplan et al. 2020 §2.1).</summary>
    Compute,

    /// <summary>The parameter count N.</summary>
    Parameters,

    /// <summary>The training tokens D.</summary>
    Tokens,
}

/// <summary>
/// A single-variable saturating power law L(x) = E + k·x^(−γ): loss against compute, parameters or tokens
/// alone (the one-axis form of Kaplan et al. 2020 eqs. 1.1–1.3 with an irreducible term, as along the
/// compute-optimal frontier, FORMULAS.md §8).
/// </summary>
public sealed record SaturatingPowerLaw
{
    /// <summary>Creates a law.</summary>
    /// <param name="axis">What x is.</param>
    /// <param name="e">E, the irreducible loss; ≥ 0.</param>
    /// <param name="k">k, the coefficient; ≥ 0.</param>
    /// <param name="gamma">γ, the exponent; &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A constant is NaN, infinite or out of range.</exception>
    public SaturatingPowerLaw(PowerLawAxis axis, double e, double k, double gamma)
    {
        Axis = axis;
        E = Preconditions.NonNegative(e);
        K = Preconditions.NonNegative(k);
        Gamma = Laws.LawArguments.Exponent(gamma, nameof(gamma));
    }

    /// <summary>What x is.</summary>
    public PowerLawAxis Axis { get; }

    /// <summary>E, the irreducible loss in nats per token.</summary>
    public double E { get; }

    /// <summary>k, the coefficient of x^(−γ).</summary>
    public double K { get; }

    /// <summary>γ, the exponent.</summary>
    public double Gamma { get; }

    /// <summary>The predicted loss E + k·x^(−γ), nats per token.</summary>
    /// <param name="x">The input (FLOPs, parameters or tokens as <see cref="Axis"/> says); &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">x is not finite and positive.</exception>
    public double Loss(double x) => Preconditions.FiniteResult(E + (K * Math.Pow(Preconditions.Positive(x), -Gamma)), nameof(x), x);
}
