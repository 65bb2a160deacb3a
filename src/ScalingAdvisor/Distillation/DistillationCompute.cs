using ScalingAdvisor.Units;

namespace ScalingAdvisor.Distillation;

/// <summary>
/// The compute of a distillation, Busbridge et al. 2025 Eq. 9: FLOPs ≈ 3·F(N_S)·D_S (student training)
/// + F(N_T)·(δ_Lgt·D_S (teacher logits) + δ_Pre·3·D_T (teacher training)), with the δ of the scenario (Table 2).
/// </summary>
public sealed record DistillationCompute
{
    internal DistillationCompute(double studentTraining, double teacherLogits, double teacherTraining, string paramName, double input)
    {
        StudentTraining = FlopCount.FromFlops(studentTraining);
        TeacherLogits = FlopCount.FromFlops(teacherLogits);
        TeacherTraining = FlopCount.FromFlops(teacherTraining);
        Total = FlopCount.FromFlops(Preconditions.FiniteResult(studentTraining + teacherLogits + teacherTraining, paramName, input));
    }

    /// <summary>3·F(N_S)·D_S.</summary>
    public FlopCount StudentTraining { get; }

    /// <summary>δ_Lgt·F(N_T)·D_S; zero when not counted.</summary>
    public FlopCount TeacherLogits { get; }

    /// <summary>δ_Pre·3·F(N_T)·D_T; zero when not counted.</summary>
    public FlopCount TeacherTraining { get; }

    /// <summary>The total of Eq. 9.</summary>
    public FlopCount Total { get; }

    /// <summary>Eq. 9 for one configuration.</summary>
    /// <param name="scenario">Which teacher costs are counted (Table 2).</param>
    /// <param name="forwardFlops">F(N).</param>
    /// <param name="studentParameters">N_S, non-embedding; &gt; 0.</param>
    /// <param name="studentTokens">D_S; &gt; 0.</param>
    /// <param name="teacherParameters">N_T, non-embedding; &gt; 0.</param>
    /// <param name="teacherTokens">D_T; &gt; 0.</param>
    /// <returns>The three terms and their total.</returns>
    /// <exception cref="ArgumentNullException">The F(N) model is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is zero, or a term cannot be represented.</exception>
    public static DistillationCompute Of(DistillationScenario scenario, ForwardFlopsModel forwardFlops, ParameterCount studentParameters, TokenCount studentTokens,
        ParameterCount teacherParameters, TokenCount teacherTokens)
    {
        ArgumentNullException.ThrowIfNull(forwardFlops);
        var ds = Preconditions.Positive(studentTokens.Count, nameof(studentTokens));
        var dt = Preconditions.Positive(teacherTokens.Count, nameof(teacherTokens));
        var fs = PerToken(forwardFlops, studentParameters, nameof(studentParameters));
        var ft = PerToken(forwardFlops, teacherParameters, nameof(teacherParameters));
        return new(
            Preconditions.FiniteResult(3.0 * fs * ds, nameof(studentTokens), ds),
            Preconditions.FiniteResult(scenario.LogitIndicator() * ft * ds, nameof(studentTokens), ds),
            Preconditions.FiniteResult(scenario.PretrainingIndicator() * 3.0 * ft * dt, nameof(teacherTokens), dt),
            nameof(studentTokens), ds);
    }

    /// <summary>F(N) for a named parameter: an overflow is reported against that parameter.</summary>
    internal static double PerToken(ForwardFlopsModel model, ParameterCount parameters, string name)
    {
        var n = Preconditions.Positive(parameters.Count, name);
        return Preconditions.Attributed(() => model.PerToken(parameters).Flops, name, n);
    }
}
