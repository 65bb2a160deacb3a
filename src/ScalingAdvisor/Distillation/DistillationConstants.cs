namespace ScalingAdvisor.Distillation;

/// <summary>
/// The coefficients of the supervised law (Eq. 1) and the distillation law (Eq. 8) of Busbridge et al. 2025,
/// "Distillation Scaling Laws" (arXiv 2502.08606, ICML 2025). N counts non-embedding parameters (their Table 1), losses
/// are cross-entropies in nats per token on C4 (English).
/// </summary>
/// <remarks>
/// Implementation note: every coefficient is validated finite and positive (the paper: "positive coefficients"), so a
/// constant set a caller builds cannot make the law return a NaN.
/// </remarks>
public sealed record DistillationConstants
{
    /// <summary>Creates a constant set; every value must be finite and &gt; 0.</summary>
    /// <param name="e">E, the supervised irreducible loss.</param>
    /// <param name="a">A, the supervised model-size scale.</param>
    /// <param name="b">B, the supervised data scale.</param>
    /// <param name="alpha">α, the supervised model-size exponent.</param>
    /// <param name="beta">β, the supervised data exponent.</param>
    /// <param name="gamma">γ, the supervised outer exponent.</param>
    /// <param name="aPrime">A′, the distillation model-size scale.</param>
    /// <param name="bPrime">B′, the distillation data scale.</param>
    /// <param name="alphaPrime">α′, the distillation model-size exponent.</param>
    /// <param name="betaPrime">β′, the distillation data exponent.</param>
    /// <param name="gammaPrime">γ′, the distillation outer exponent.</param>
    /// <param name="c0">c₀, the exponent of the teacher cross-entropy in the mimicry term.</param>
    /// <param name="c1">c₁, the capacity-gap power.</param>
    /// <param name="f1">f₁, the sharpness of the capacity-gap transition.</param>
    /// <param name="d1">d₁, the teacher-to-student learning-capacity ratio at the transition.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN, infinite or not positive.</exception>
    public DistillationConstants(double e, double a, double b, double alpha, double beta, double gamma,
        double aPrime, double bPrime, double alphaPrime, double betaPrime, double gammaPrime,
        double c0, double c1, double f1, double d1)
    {
        E = Preconditions.Positive(e);
        A = Preconditions.Positive(a);
        B = Preconditions.Positive(b);
        Alpha = Preconditions.Positive(alpha);
        Beta = Preconditions.Positive(beta);
        Gamma = Preconditions.Positive(gamma);
        APrime = Preconditions.Positive(aPrime);
        BPrime = Preconditions.Positive(bPrime);
        AlphaPrime = Preconditions.Positive(alphaPrime);
        BetaPrime = Preconditions.Positive(betaPrime);
        GammaPrime = Preconditions.Positive(gammaPrime);
        C0 = Preconditions.Positive(c0);
        C1 = Preconditions.Positive(c1);
        F1 = Preconditions.Positive(f1);
        D1 = Preconditions.Positive(d1);
    }

    /// <summary>
    /// Busbridge et al. 2025 Table 6 (App. F.3), point estimates: supervised E = 1.220, A = 3355, B = 18186, α = 0.408,
    /// β = 0.431, γ = 0.452 (73 runs); distillation A′ = 2243, B′ = 24181, α′ = 0.321, β′ = 0.637, γ′ = 0.764,
    /// c₀ = 2.549, c₁ = 522.6, f₁ = 0.090, d₁ = 1.315 (697 runs).
    /// </summary>
    public static DistillationConstants Busbridge2025 { get; } = new(
        e: 1.220, a: 3355, b: 18186, alpha: 0.408, beta: 0.431, gamma: 0.452,
        aPrime: 2243, bPrime: 24181, alphaPrime: 0.321, betaPrime: 0.637, gammaPrime: 0.764,
        c0: 2.549, c1: 522.6, f1: 0.090, d1: 1.315);

    /// <summary>E, the irreducible loss of the supervised law (Eq. 1), nats per token.</summary>
    public double E { get; }

    /// <summary>A of Eq. 1.</summary>
    public double A { get; }

    /// <summary>B of Eq. 1.</summary>
    public double B { get; }

    /// <summary>α of Eq. 1.</summary>
    public double Alpha { get; }

    /// <summary>β of Eq. 1.</summary>
    public double Beta { get; }

    /// <summary>γ of Eq. 1.</summary>
    public double Gamma { get; }

    /// <summary>A′ of Eq. 8.</summary>
    public double APrime { get; }

    /// <summary>B′ of Eq. 8.</summary>
    public double BPrime { get; }

    /// <summary>α′ of Eq. 8.</summary>
    public double AlphaPrime { get; }

    /// <summary>β′ of Eq. 8.</summary>
    public double BetaPrime { get; }

    /// <summary>γ′ of Eq. 8.</summary>
    public double GammaPrime { get; }

    /// <summary>c₀ of Eq. 8.</summary>
    public double C0 { get; }

    /// <summary>c₁ of Eq. 8.</summary>
    public double C1 { get; }

    /// <summary>f₁ of Eq. 8.</summary>
    public double F1 { get; }

    /// <summary>d₁ of Eq. 8.</summary>
    public double D1 { get; }

    /// <summary>
    /// a = β/(α + β), the exponent of N_opt ∝ C^a that the supervised law implies under C = 6·N·D (Hoffmann et al. 2022
    /// eq. 4); Table 6 prints 0.513.
    /// </summary>
    public double SupervisedParameterExponent => Beta / (Alpha + Beta);

    /// <summary>a′ = β′/(α′ + β′), the same exponent for the distillation term; Table 6 prints 0.664.</summary>
    public double DistillationParameterExponent => BetaPrime / (AlphaPrime + BetaPrime);
}
