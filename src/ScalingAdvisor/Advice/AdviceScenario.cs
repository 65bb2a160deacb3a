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
    /// <summary>The default smallest budget, 1e18 FLOPs (a ~100M-parameter compute-optimal run).</summary>
    public const double DefaultFromFlops = 1e18;

    /// <summary>The default largest budget, 1e27 FLOPs (past every published run).</summary>
    public const double DefaultToFlops = 1e27;

    /// <summary>The default budgets per doubling of compute, 1.</summary>
    public const int DefaultStepsPerDoubling = 1;

    /// <summary>The default diminishing-returns threshold, 0.01 nats per doubling of compute.</summary>
    public const double DefaultMinGainNats = 0.01;

    /// <summary>The smallest budget swept (default <see cref="DefaultFromFlops"/>).</summary>
    public FlopCount From { get; init; } = FlopCount.FromFlops(DefaultFromFlops);

    /// <summary>The largest budget swept (default <see cref="DefaultToFlops"/>).</summary>
    public FlopCount To { get; init; } = FlopCount.FromFlops(DefaultToFlops);

    /// <summary>Budgets per doubling of compute (default <see cref="DefaultStepsPerDoubling"/>).</summary>
    public int StepsPerDoubling { get; init; } = DefaultStepsPerDoubling;

    /// <summary>The diminishing-returns rule: the loss (nats) a doubling must buy (default <see cref="DefaultMinGainNats"/>).</summary>
    public double MinGainNats { get; init; } = DefaultMinGainNats;

    /// <summary>Lifetime inference tokens; when &gt; 0 allocations are inference-aware (Sardana et al. 2023).</summary>
    public TokenCount InferenceTokens { get; init; }

    /// <summary>How the memory check is made: states fully sharded over all devices plus activations (see <see cref="MemoryCheck"/>).</summary>
    public MemoryCheck Memory { get; init; } = MemoryCheck.Default;

    /// <summary>
    /// The law's uncertainty as resampled laws (e.g. a fitted law's bootstrap refits, <see cref="LawUncertainty.From"/>);
    /// when given, the recommendation carries a percentile interval (<see cref="AdviceResult.Interval"/>).
    /// </summary>
    public LawUncertainty? Uncertainty { get; init; }

    /// <summary>
    /// When given, the diminishing-returns rule counts accuracy points on a task per doubling (<see cref="TaskGoal"/>)
    /// instead of <see cref="MinGainNats"/>; the result reports both.
    /// </summary>
    public TaskGoal? Task { get; init; }

    /// <summary>
    /// When true, each budget is priced at the MFU the step-time model (<see cref="StepTime.StepTimeModel"/>, issue 18)
    /// predicts for the nominal shape of its N on the layout the memory check assumes (<see cref="MemoryCheck.PredictionLayout"/>);
    /// <see cref="Efficiency"/> prices the budgets the model cannot predict. False (the default) prices every budget at
    /// <see cref="Efficiency"/>.
    /// </summary>
    public bool PredictMfu { get; init; }
}
