using ScalingAdvisor.Units;

namespace ScalingAdvisor.Distillation;

/// <summary>
/// A student of a given size under a compute budget C (Busbridge et al. 2025 §5.2, §5.3): the distillation that the budget
/// buys in a scenario of Table 2, beside the same student trained on all of C without a teacher. For a teacher to be
/// trained, the teacher and the split are the compute-optimal ones of Eq. 10.
/// </summary>
public sealed record DistillationPlan
{
    internal DistillationPlan(DistillationScenario scenario, FlopCount budget, ParameterCount studentParameters, TokenCount studentTokens,
        double teacherLoss, ParameterCount? teacherParameters, TokenCount? teacherTokens, double studentLoss,
        TokenCount supervisedTokens, double supervisedLoss, DistillationCompute? compute, string method)
    {
        Scenario = scenario;
        Budget = budget;
        StudentParameters = studentParameters;
        StudentTokens = studentTokens;
        TeacherLoss = teacherLoss;
        TeacherParameters = teacherParameters;
        TeacherTokens = teacherTokens;
        StudentLoss = studentLoss;
        SupervisedTokens = supervisedTokens;
        SupervisedLoss = supervisedLoss;
        Compute = compute;
        Method = method;
    }

    /// <summary>Which teacher costs the budget counts.</summary>
    public DistillationScenario Scenario { get; }

    /// <summary>C, the total FLOPs of Eq. 9.</summary>
    public FlopCount Budget { get; }

    /// <summary>N_S.</summary>
    public ParameterCount StudentParameters { get; }

    /// <summary>D_S, the distillation tokens the budget allows.</summary>
    public TokenCount StudentTokens { get; }

    /// <summary>L_T: the existing teacher's, or the compute-optimal teacher's (the best teacher in the best case).</summary>
    public double TeacherLoss { get; }

    /// <summary>N_T: the existing or compute-optimal teacher; null in the best case, where any teacher reaching L_T will do.</summary>
    public ParameterCount? TeacherParameters { get; }

    /// <summary>D_T: the existing or compute-optimal teacher's pretraining tokens; null in the best case.</summary>
    public TokenCount? TeacherTokens { get; }

    /// <summary>L_S, the distilled student's cross-entropy (Eq. 8).</summary>
    public double StudentLoss { get; }

    /// <summary>The tokens the same student trains on without a teacher for all of C: C/(3·F(N_S)).</summary>
    public TokenCount SupervisedTokens { get; }

    /// <summary>L(N_S, C/(3·F(N_S))) (Eq. 1): the student trained on the whole budget without a teacher.</summary>
    public double SupervisedLoss { get; }

    /// <summary>The three terms of Eq. 9 for the plan; null in the best case without a sized teacher.</summary>
    public DistillationCompute? Compute { get; }

    /// <summary>How the plan was found (closed form, or the solver and its tolerance).</summary>
    public string Method { get; }

    /// <summary>Distill when L_S &lt; the supervised loss at the same compute.</summary>
    public DistillationChoice Recommendation => StudentLoss < SupervisedLoss ? DistillationChoice.Distill : DistillationChoice.Supervised;
}
