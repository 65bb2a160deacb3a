using ScalingAdvisor.Units;

namespace ScalingAdvisor.Distillation;

/// <summary>
/// "Distil an N_S student from this model": a student of a fraction of the teacher's (non-embedding) parameters, distilled on
/// as many tokens as the teacher was trained on, with its loss (Busbridge et al. 2025 Eq. 8, teacher from Eq. 1), the
/// teacher-logit compute it costs (Eq. 9, δ_Lgt = 1) and the serving saving in forward FLOPs per token, F(N_T)/F(N_S).
/// </summary>
public sealed record DistilledStudent
{
    /// <summary>
    /// The default student: a quarter of the teacher's parameters. A choice, not a published constant; it lies within the
    /// teacher-to-student ratios of Busbridge et al. 2025 (students of 143M to 12.6B from teachers of 198M to 7.75B, §4.2).
    /// </summary>
    public const double DefaultStudentFraction = 0.25;

    private DistilledStudent(DistillationEstimate estimate, FlopCount teacherLogitFlops, double servingFlopRatio)
    {
        Estimate = estimate;
        TeacherLogitFlops = teacherLogitFlops;
        ServingFlopRatio = servingFlopRatio;
    }

    /// <summary>Teacher loss, student loss, and the student trained without a teacher on the same tokens.</summary>
    public DistillationEstimate Estimate { get; }

    /// <summary>F(N_T)·D_S: the teacher's logits on the distillation tokens (Eq. 9, δ_Lgt = 1).</summary>
    public FlopCount TeacherLogitFlops { get; }

    /// <summary>F(N_T)/F(N_S): how many times fewer forward FLOPs the student spends per served token.</summary>
    public double ServingFlopRatio { get; }

    /// <summary>The student of a teacher.</summary>
    /// <param name="teacherParameters">N_T, non-embedding; &gt; 0.</param>
    /// <param name="teacherTokens">D_T, the teacher's tokens, also the distillation tokens; &gt; 0.</param>
    /// <param name="studentFraction">N_S/N_T, in (0, 1].</param>
    /// <param name="planner">The planner (law and F(N)); null for <see cref="DistillationPlanner.Default"/>.</param>
    /// <returns>The student.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An input is zero, not finite or out of range, or a result cannot be represented.</exception>
    public static DistilledStudent Of(ParameterCount teacherParameters, TokenCount teacherTokens, double studentFraction = DefaultStudentFraction, DistillationPlanner? planner = null)
    {
        planner ??= DistillationPlanner.Default;
        var nt = Preconditions.Positive(teacherParameters.Count, nameof(teacherParameters));
        Preconditions.Positive(teacherTokens.Count, nameof(teacherTokens));
        var fraction = Preconditions.Fraction(studentFraction);
        if (!(fraction > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(studentFraction), studentFraction, "should be in (0, 1]");
        }

        var student = ParameterCount.FromCount(Preconditions.Positive(nt * fraction, nameof(studentFraction)));
        var estimate = Preconditions.Attributed(() => planner.Estimate(teacherParameters, teacherTokens, student, teacherTokens), nameof(teacherParameters), nt);
        var ft = DistillationCompute.PerToken(planner.ForwardFlops, teacherParameters, nameof(teacherParameters));
        var fs = DistillationCompute.PerToken(planner.ForwardFlops, student, nameof(studentFraction));
        var logits = Preconditions.FiniteResult(ft * teacherTokens.Count, nameof(teacherTokens), teacherTokens.Count);
        return new(estimate, FlopCount.FromFlops(logits), Preconditions.FiniteResult(ft / fs, nameof(studentFraction), studentFraction));
    }
}
