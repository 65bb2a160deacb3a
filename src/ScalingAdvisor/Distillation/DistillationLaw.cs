using ScalingAdvisor.Laws;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Distillation;

/// <summary>
/// The distillation scaling law of Busbridge et al. 2025 ("Distillation Scaling Laws", arXiv 2502.08606): the
/// supervised law L(N, D) = E + (A/N^α + B/D^β)^γ (their Eq. 1) and the student cross-entropy of Eq. 8,
/// L_S = L_T + L_T^(−c₀)·(1 + (L_T/(L̃_S·d₁))^(1/f₁))^(−c₁·f₁)·(A′/N_S^α′ + B′/D_S^β′)^γ′, where L̃_S = L(N_S, D_S) is the
/// loss the same student would reach trained without a teacher. The teacher enters only through its cross-entropy L_T
/// (their finding 2, §1), given directly or from (N_T, D_T) through Eq. 1. N counts non-embedding parameters (Table 1);
/// losses are nats per token on C4.
/// </summary>
public sealed record DistillationLaw
{
    /// <summary>Creates the law from a constant set.</summary>
    /// <param name="constants">The coefficients of Eqs. 1 and 8.</param>
    /// <exception cref="ArgumentNullException">The constants are null.</exception>
    public DistillationLaw(DistillationConstants constants)
    {
        Constants = Preconditions.NotNull(constants);
    }

    /// <summary>The law with the coefficients of Busbridge et al. 2025 Table 6.</summary>
    public static DistillationLaw Busbridge2025 { get; } = new(DistillationConstants.Busbridge2025);

    /// <summary>The law's id in reports.</summary>
    public const string Id = "busbridge2025";

    /// <summary>Where the law and its constants come from.</summary>
    public const string Source = "Busbridge et al. 2025, Distillation Scaling Laws (arXiv 2502.08606): Eq. 1 (supervised), Eq. 8 (distillation), coefficients of Table 6 (App. F.3)";

    /// <summary>The coefficients.</summary>
    public DistillationConstants Constants { get; }

    /// <summary>
    /// The runs behind Table 6: students and teachers of 143M to 12.6B non-embedding parameters (§1, §4.1) on C4, trained or
    /// distilled on "a few billion to 512B tokens" (§1), so the smallest token count is not stated as a number.
    /// </summary>
    public static FittedRange FittedRange { get; } = new(
        new RangeAxis(143e6, 12.6e9, "non-embedding parameters of the students and teachers (Busbridge et al. 2025 §1, §4.1)"),
        new RangeAxis(null, 512e9, "Busbridge et al. 2025 §1: 'a few billion to 512B tokens'; the smallest count is not stated as a number"),
        RangeAxis.Unstated("Busbridge et al. 2025 state IsoFLOP budgets of 3e19 to 3e21 FLOPs for the profiles (Figures 2, 3), not the compute range of all runs"),
        "Busbridge et al. 2025 §1 and §4.1: models of 143M to 12.6B non-embedding parameters, up to 512B tokens, on C4");

    /// <summary>L(N, D) = E + (A/N^α + B/D^β)^γ (Busbridge et al. 2025 Eq. 1), nats per token.</summary>
    /// <param name="parameters">N, non-embedding parameters; &gt; 0.</param>
    /// <param name="tokens">D, training tokens; &gt; 0.</param>
    /// <returns>The supervised cross-entropy.</returns>
    /// <exception cref="ArgumentOutOfRangeException">N or D is zero, or the result cannot be represented.</exception>
    public double SupervisedLoss(ParameterCount parameters, TokenCount tokens)
    {
        var n = Preconditions.Positive(parameters.Count, nameof(parameters));
        var d = Preconditions.Positive(tokens.Count, nameof(tokens));
        var c = Constants;
        // Log space, as the paper fits it (App. F.1, Eq. 44): no intermediate overflows for extreme N or D.
        var inner = LogSumExp(Math.Log(c.A) - (c.Alpha * Math.Log(n)), Math.Log(c.B) - (c.Beta * Math.Log(d)));
        return Preconditions.FiniteResult(c.E + Math.Exp(c.Gamma * inner), n <= d ? nameof(parameters) : nameof(tokens), n <= d ? n : d);
    }

    /// <summary>
    /// The student cross-entropy L_S(N_S, D_S, L_T) of Busbridge et al. 2025 Eq. 8, nats per token, for a student of N_S
    /// non-embedding parameters distilled on D_S tokens from a teacher of cross-entropy L_T (pure distillation, λ = 1,
    /// temperature 1, as fitted, §4.1).
    /// </summary>
    /// <param name="teacherLoss">L_T, the teacher's cross-entropy, nats per token; &gt; 0.</param>
    /// <param name="studentParameters">N_S, non-embedding parameters; &gt; 0.</param>
    /// <param name="distillationTokens">D_S, distillation tokens; &gt; 0.</param>
    /// <returns>The student's cross-entropy, at least L_T (Eq. 8's first property).</returns>
    /// <exception cref="ArgumentOutOfRangeException">An input is zero, NaN or infinite, or the result cannot be represented.</exception>
    public double StudentLoss(double teacherLoss, ParameterCount studentParameters, TokenCount distillationTokens)
    {
        var lt = Preconditions.Positive(teacherLoss, nameof(teacherLoss));
        var n = Preconditions.Positive(studentParameters.Count, nameof(studentParameters));
        var d = Preconditions.Positive(distillationTokens.Count, nameof(distillationTokens));
        var c = Constants;
        var supervised = Preconditions.Attributed(() => SupervisedLoss(studentParameters, distillationTokens), nameof(studentParameters), n);
        // Eq. 48-49 of App. F.2: ln of the mimicry term = −c₀·ln L_T − c₁·f₁·softplus((ln L_T − ln L̃_S − ln d₁)/f₁)
        //   + γ′·LSE(ln A′ − α′ ln N_S, ln B′ − β′ ln D_S).
        var gap = -c.C1 * c.F1 * Softplus((Math.Log(lt) - Math.Log(supervised) - Math.Log(c.D1)) / c.F1);
        var mimicry = c.GammaPrime * LogSumExp(Math.Log(c.APrime) - (c.AlphaPrime * Math.Log(n)), Math.Log(c.BPrime) - (c.BetaPrime * Math.Log(d)));
        var term = Math.Exp((-c.C0 * Math.Log(lt)) + gap + mimicry);
        return Preconditions.FiniteResult(lt + term, nameof(studentParameters), n);
    }

    /// <summary>
    /// The teacher's cross-entropy from its size and data through the supervised law, L_T = L(N_T, D_T) (Busbridge et al.
    /// 2025 Table 1 and Eq. 1).
    /// </summary>
    /// <param name="teacherParameters">N_T, non-embedding parameters; &gt; 0.</param>
    /// <param name="teacherTokens">D_T, pretraining tokens; &gt; 0.</param>
    /// <returns>L_T, nats per token.</returns>
    /// <exception cref="ArgumentOutOfRangeException">N_T or D_T is zero, or the result cannot be represented.</exception>
    public double TeacherLoss(ParameterCount teacherParameters, TokenCount teacherTokens)
    {
        Preconditions.Positive(teacherParameters.Count, nameof(teacherParameters));
        Preconditions.Positive(teacherTokens.Count, nameof(teacherTokens));
        return Preconditions.Attributed(() => SupervisedLoss(teacherParameters, teacherTokens), nameof(teacherParameters), teacherParameters.Count);
    }

    // ln(e^x + e^y) without overflow.
    private static double LogSumExp(double x, double y)
    {
        var max = Math.Max(x, y);
        return max + Math.Log(Math.Exp(x - max) + Math.Exp(y - max));
    }

    // ln(1 + e^x) without overflow.
    private static double Softplus(double x) => x > 0 ? x + Math.Log(1.0 + Math.Exp(-x)) : Math.Log(1.0 + Math.Exp(x));
}
