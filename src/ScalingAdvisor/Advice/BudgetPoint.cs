using ScalingAdvisor.Units;

namespace ScalingAdvisor.Advice;

/// <summary>One budget of the sweep, allocated and priced.</summary>
public sealed record BudgetPoint(
    FlopCount Budget,
    ParameterCount Parameters,
    TokenCount Tokens,
    double Loss,
    double GainNextDoubling,
    Duration WallTime,
    double GpuHours,
    Energy Energy,
    CarbonMass Co2e,
    Money? Cost,
    ByteSize StateBytesPerGpu,
    bool FitsMemory,
    double? Epochs);

/// <summary>Where to stop, why, and the numbers that decided it.</summary>
/// <param name="Point">The recommended budget; null when even the first budget breaks a limit.</param>
/// <param name="BoundBy">What stopped the sweep.</param>
/// <param name="Reason">One sentence with the numbers.</param>
public sealed record Recommendation(BudgetPoint? Point, StopBound BoundBy, string Reason);

/// <summary>The advisor's answer: the recommendation, the swept frontier and findings.</summary>
public sealed record AdviceResult(
    AdviceScenario Scenario,
    Recommendation Recommendation,
    IReadOnlyList<BudgetPoint> Frontier,
    int? RecommendedIndex,
    IReadOnlyList<string> Findings);
