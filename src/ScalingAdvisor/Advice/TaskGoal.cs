using ScalingAdvisor.Tasks;

namespace ScalingAdvisor.Advice;

/// <summary>
/// The diminishing-returns rule on a downstream task instead of loss: keep doubling compute while a doubling buys at
/// least <see cref="MinGainPoints"/> accuracy points on the task, as the task law (Bhagia et al. 2024) predicts them at
/// each budget's allocation.
/// </summary>
/// <param name="Law">The task law (e.g. from <c>fit-task --out</c>); it is evaluated at the loss law's N and D.</param>
/// <param name="MinGainPoints">The accuracy points (percent) a doubling must buy; &gt; 0.</param>
public sealed record TaskGoal(TaskLaw Law, double MinGainPoints)
{
    /// <summary>The default minimum gain, 0.5 accuracy points per doubling of compute (about the run-to-run noise of the larger OLMES tasks, Bhagia et al. 2024 §5).</summary>
    public const double DefaultMinGainPoints = 0.5;
}
