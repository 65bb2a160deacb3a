using ScalingAdvisor.Units;

namespace ScalingAdvisor.Distillation;

/// <summary>Whether distilling beats training the same student without a teacher.</summary>
public enum DistillationChoice
{
    /// <summary>The distilled student's cross-entropy is lower.</summary>
    Distill,

    /// <summary>The same student trained without a teacher (on the same tokens, or the same compute) is at least as good.</summary>
    Supervised,
}

/// <summary>
/// A distilled student at fixed tokens: its cross-entropy (Busbridge et al. 2025 Eq. 8) beside the same student trained on
/// the same tokens without a teacher (Eq. 1). Losses in nats per token; N counts non-embedding parameters.
/// </summary>
public sealed record DistillationEstimate
{
    internal DistillationEstimate(double teacherLoss, ParameterCount? teacherParameters, TokenCount? teacherTokens,
        ParameterCount studentParameters, TokenCount studentTokens, double studentLoss, double supervisedLoss)
    {
        TeacherLoss = teacherLoss;
        TeacherParameters = teacherParameters;
        TeacherTokens = teacherTokens;
        StudentParameters = studentParameters;
        StudentTokens = studentTokens;
        StudentLoss = studentLoss;
        SupervisedLoss = supervisedLoss;
    }

    /// <summary>L_T, the teacher's cross-entropy (given, or from (N_T, D_T) through Eq. 1).</summary>
    public double TeacherLoss { get; }

    /// <summary>N_T when the teacher was given by size, else null.</summary>
    public ParameterCount? TeacherParameters { get; }

    /// <summary>D_T when the teacher was given by size, else null.</summary>
    public TokenCount? TeacherTokens { get; }

    /// <summary>N_S.</summary>
    public ParameterCount StudentParameters { get; }

    /// <summary>D_S, the distillation tokens.</summary>
    public TokenCount StudentTokens { get; }

    /// <summary>L_S, the distilled student's cross-entropy (Eq. 8).</summary>
    public double StudentLoss { get; }

    /// <summary>L̃_S = L(N_S, D_S): the same student trained on D_S tokens without a teacher (Eq. 1).</summary>
    public double SupervisedLoss { get; }

    /// <summary>L̃_S − L_S, nats per token: what distillation buys (negative when it costs).</summary>
    public double GainOverSupervised => SupervisedLoss - StudentLoss;

    /// <summary>Distill when L_S &lt; L̃_S.</summary>
    public DistillationChoice Recommendation => StudentLoss < SupervisedLoss ? DistillationChoice.Distill : DistillationChoice.Supervised;
}
