using ScalingAdvisor.Units;

namespace ScalingAdvisor.Advice;

/// <summary>One budget of the sweep, allocated and priced. A value type, so a sweep allocates nothing per point.</summary>
/// <param name="Budget">C, the compute budget (lifetime FLOPs when inference tokens are given).</param>
/// <param name="Parameters">N, the allocated model size.</param>
/// <param name="Tokens">D, the allocated training tokens.</param>
/// <param name="Loss">The law's loss at (N, D), nats per token.</param>
/// <param name="GainNextDoubling">The loss the allocation at 2C saves over this one, nats.</param>
/// <param name="WallTime">Training wall time on the cluster.</param>
/// <param name="GpuHours">Device-hours of training.</param>
/// <param name="Energy">Facility energy of training; null when the device has no power figure (no TDP, no average power given).</param>
/// <param name="Co2e">Operational emissions of training; null when <paramref name="Energy"/> is.</param>
/// <param name="Cost">Training cost; null without a price per GPU-hour.</param>
/// <param name="StateBytesPerGpu">Model states per GPU, fully sharded (ZeRO-3) over all devices.</param>
/// <param name="ActivationBytesPerGpu">Activations per GPU at the scenario's micro-batch with selective recomputation.</param>
/// <param name="FitsMemory">Whether states plus activations fit one device's memory.</param>
/// <param name="Epochs">Passes over the unique data; null when no unique-token count was given.</param>
public readonly record struct BudgetPoint(
    FlopCount Budget,
    ParameterCount Parameters,
    TokenCount Tokens,
    double Loss,
    double GainNextDoubling,
    Duration WallTime,
    double GpuHours,
    Energy? Energy,
    CarbonMass? Co2e,
    Money? Cost,
    ByteSize StateBytesPerGpu,
    ByteSize ActivationBytesPerGpu,
    bool FitsMemory,
    double? Epochs)
{
    /// <summary>States plus activations per GPU: what the memory check compares with the device's memory.</summary>
    public ByteSize MemoryBytesPerGpu => StateBytesPerGpu + ActivationBytesPerGpu;

    /// <summary>The MFU this point is priced at: the step-time model's prediction, or the scenario's (achieved ÷ peak when it gives a rate).</summary>
    public double Mfu { get; init; }

    /// <summary>Whether <see cref="Mfu"/> is the step-time model's prediction (<see cref="AdviceScenario.PredictMfu"/>).</summary>
    public bool MfuPredicted { get; init; }

    /// <summary>
    /// e, the expert-parallel degree of the layout a mixture-of-experts law's MFU was predicted on
    /// (<see cref="StepTime.ExpertParallelRule"/>); null for a dense shape or when the MFU was not predicted.
    /// </summary>
    public int? ExpertParallel { get; init; }
}

/// <summary>Where to stop, why, and the numbers that decided it.</summary>
/// <param name="Point">The recommended budget; null when even the first budget breaks a limit.</param>
/// <param name="BoundBy">What stopped the sweep.</param>
/// <param name="Reason">One sentence with the numbers.</param>
public sealed record Recommendation(BudgetPoint? Point, StopBound BoundBy, string Reason);

/// <summary>The advisor's answer: the recommendation, the swept frontier and findings.</summary>
/// <param name="Scenario">The scenario advised on.</param>
/// <param name="Recommendation">Where to stop and why.</param>
/// <param name="Frontier">Every swept budget, in ascending order.</param>
/// <param name="RecommendedIndex">The recommended budget's index in <paramref name="Frontier"/>; null when none.</param>
/// <param name="Findings">Typed remarks in words (epochs of unique data, MFU, uncertainty).</param>
public sealed record AdviceResult(
    AdviceScenario Scenario,
    Recommendation Recommendation,
    IReadOnlyList<BudgetPoint> Frontier,
    int? RecommendedIndex,
    IReadOnlyList<string> Findings)
{
    /// <summary>
    /// The recommendation's bootstrap interval when the scenario carries <see cref="AdviceScenario.Uncertainty"/>
    /// (a fitted law with its resampled refits) and a recommendation was made; otherwise null.
    /// </summary>
    public RecommendationInterval? Interval { get; init; }

    /// <summary>
    /// Why every point's energy and CO2e are null (the device has no published TDP and no average power was given);
    /// null when they have values.
    /// </summary>
    public string? EnergyUnavailableReason { get; init; }

    /// <summary>With <see cref="AdviceScenario.Task"/>, the task law's loss and accuracy at each frontier point (same order); otherwise null.</summary>
    public IReadOnlyList<Tasks.TaskPrediction>? TaskPredictions { get; init; }

    /// <summary>
    /// The accuracy points the doubling after frontier point <paramref name="index"/> buys (to the point
    /// <see cref="AdviceScenario.StepsPerDoubling"/> budgets on); null without a task goal or past the sweep's end.
    /// </summary>
    /// <param name="index">A frontier index.</param>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside the frontier.</exception>
    public double? GainPointsNextDoubling(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Frontier.Count);
        int next = index + Scenario.StepsPerDoubling;
        return TaskPredictions is { } p && next < p.Count ? p[next].AccuracyPoints - p[index].AccuracyPoints : null;
    }
}
