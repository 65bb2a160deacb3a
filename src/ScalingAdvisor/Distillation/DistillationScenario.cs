namespace ScalingAdvisor.Distillation;

/// <summary>
/// The four compute scenarios of Busbridge et al. 2025 Table 2: which teacher costs the budget of Eq. 9 counts.
/// </summary>
public enum DistillationScenario
{
    /// <summary>Best case, a fully amortised teacher: δ_Lgt = 0, δ_Pre = 0; the teacher is free, so the best one is chosen.</summary>
    BestCase,

    /// <summary>Teacher inference: the teacher exists (δ_Lgt = 1, δ_Pre = 0); its logits for the student are paid for.</summary>
    TeacherInference,

    /// <summary>Teacher pretraining: the teacher is trained, its logits stored for reuse (δ_Lgt = 0, δ_Pre = 1).</summary>
    TeacherPretraining,

    /// <summary>Teacher pretraining + inference: a teacher trained for this one student (δ_Lgt = 1, δ_Pre = 1), the worst case.</summary>
    TeacherPretrainingAndInference,
}

/// <summary>The δ indicators of each scenario (Busbridge et al. 2025 Table 2).</summary>
public static class DistillationScenarios
{
    /// <summary>δ_Lgt: 1 when the teacher's logits on the D_S distillation tokens are counted.</summary>
    /// <param name="scenario">The scenario.</param>
    /// <returns>0 or 1.</returns>
    public static double LogitIndicator(this DistillationScenario scenario)
        => scenario is DistillationScenario.TeacherInference or DistillationScenario.TeacherPretrainingAndInference ? 1.0 : 0.0;

    /// <summary>δ_Pre: 1 when the teacher's pretraining on D_T tokens is counted.</summary>
    /// <param name="scenario">The scenario.</param>
    /// <returns>0 or 1.</returns>
    public static double PretrainingIndicator(this DistillationScenario scenario)
        => scenario is DistillationScenario.TeacherPretraining or DistillationScenario.TeacherPretrainingAndInference ? 1.0 : 0.0;

    /// <summary>The scenario in words, as Table 2 names it.</summary>
    /// <param name="scenario">The scenario.</param>
    /// <returns>The description.</returns>
    public static string Describe(this DistillationScenario scenario) => scenario switch
    {
        DistillationScenario.BestCase => "best case (fully amortised teacher: no teacher FLOPs counted)",
        DistillationScenario.TeacherInference => "teacher inference (the teacher exists; its logits on the distillation tokens are counted)",
        DistillationScenario.TeacherPretraining => "teacher pretraining (the teacher is trained and its logits stored for reuse; its training is counted)",
        _ => "teacher pretraining + inference (a teacher trained for this one student; its training and logits are counted)",
    };
}
