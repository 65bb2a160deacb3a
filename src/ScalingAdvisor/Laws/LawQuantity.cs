namespace ScalingAdvisor.Laws;

/// <summary>A law-specific number a report shows among its assumptions, e.g. the expansion rate of a mixture of experts.</summary>
/// <param name="Name">The report field, camelCase, e.g. <c>expansionRate</c>.</param>
/// <param name="Value">The value.</param>
public readonly record struct LawQuantity(string Name, double Value);
