namespace ScalingAdvisor.Laws;

/// <summary>
/// Capability: a law with numbers of its own that a report should state beside the law id (the granularity and
/// expansion rate of a mixture-of-experts law, the sparsity of a sparse one). <see cref="LawCatalog.SpecificQuantityNames"/>
/// gathers their names so that every report carries every field, null for a law without it.
/// </summary>
public interface ISpecificQuantitiesLaw : ILossLaw
{
    /// <summary>The quantities, in a stable order.</summary>
    IReadOnlyList<LawQuantity> SpecificQuantities { get; }
}
