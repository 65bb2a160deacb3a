using ScalingAdvisor.Footprint;
using ScalingAdvisor.Laws;
using ScalingAdvisor.Performance;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Advice;

/// <summary>Everything the advisor needs: a law, a cluster, footprint settings, limits and the sweep range.</summary>
/// <param name="Law">The loss law (built-in or fitted).</param>
/// <param name="Cluster">Hardware, device count and precision.</param>
/// <param name="Efficiency">MFU or achieved rate.</param>
/// <param name="Footprint">PUE, grid intensity, power fraction, price.</param>
/// <param name="Limits">The user's hard limits.</param>
public sealed record AdviceScenario(
    ILossLaw Law,
    TrainingCluster Cluster,
    TrainingEfficiency Efficiency,
    FootprintAssumptions Footprint,
    ScalingLimits Limits)
{
    /// <summary>The smallest budget swept (default 1e18 FLOPs).</summary>
    public FlopCount From { get; init; } = FlopCount.FromFlops(1e18);

    /// <summary>The largest budget swept (default 1e27 FLOPs).</summary>
    public FlopCount To { get; init; } = FlopCount.FromFlops(1e27);

    /// <summary>Budgets per doubling of compute (default 1).</summary>
    public int StepsPerDoubling { get; init; } = 1;

    /// <summary>The diminishing-returns rule: the loss (nats) a doubling must buy (default 0.01).</summary>
    public double MinGainNats { get; init; } = 0.01;

    /// <summary>Lifetime inference tokens; when &gt; 0 allocations are inference-aware (Sardana et al. 2023).</summary>
    public TokenCount InferenceTokens { get; init; }

    /// <summary>How the memory check is made: states fully sharded over all devices plus activations (see <see cref="MemoryCheck"/>).</summary>
    public MemoryCheck Memory { get; init; } = MemoryCheck.Default;

    /// <summary>
    /// The law's uncertainty as resampled laws (e.g. a fitted law's bootstrap refits, <see cref="LawUncertainty.From"/>);
    /// when given, the recommendation carries a percentile interval (<see cref="AdviceResult.Interval"/>).
    /// </summary>
    public LawUncertainty? Uncertainty { get; init; }
}
