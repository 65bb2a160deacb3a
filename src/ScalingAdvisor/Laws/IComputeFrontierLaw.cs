using ScalingAdvisor.Units;

namespace ScalingAdvisor.Laws;

/// <summary>
/// A law whose paper publishes its compute-efficient allocation directly, as a fit of the optimal model size against
/// compute, rather than leaving it to be derived by minimising the loss law under C = 6·N·D. <see cref="LawSolver"/>
/// follows the published frontier for every training-compute question about such a law (N from the frontier,
/// D = C/(6·N)), and reports the law's own loss at that (N, D).
/// </summary>
public interface IComputeFrontierLaw : ILossLaw
{
    /// <summary>The compute-efficient model size for training compute C, as the paper's frontier gives it.</summary>
    /// <param name="trainingCompute">C, training FLOPs; &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">C is zero, or the result cannot be represented.</exception>
    ParameterCount FrontierParameters(FlopCount trainingCompute);
}
