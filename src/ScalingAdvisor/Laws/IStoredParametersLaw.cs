using ScalingAdvisor.Units;

namespace ScalingAdvisor.Laws;

/// <summary>
/// Capability: a law whose N (the parameters it counts, and that compute follows) differs from the parameters a
/// training run holds in memory. A mixture of experts counts active parameters but holds every expert (Krajewski et al.
/// 2024 §6.1); a sparse model counts its non-zero weights while dense kernels hold its dense shape (Frantar et al. 2023
/// §2). The advisor's memory check multiplies N by <see cref="StoredPerCountedParameter"/>; a law without this
/// capability holds what it counts.
/// </summary>
public interface IStoredParametersLaw : ILossLaw
{
    /// <summary>Parameters held in memory per parameter N counts; ≥ 1.</summary>
    double StoredPerCountedParameter { get; }

    /// <summary>
    /// N from the stored (dense-shape) weights a shape's parameter count gives: for a sparse law, the non-zero share of them.
    /// Used by <see cref="LawParameterCount"/> for a basis that a shape alone does not give.
    /// </summary>
    /// <param name="stored">The stored parameters, e.g. a shape's non-embedding count.</param>
    /// <returns>N as the law counts it.</returns>
    ParameterCount CountedOfStored(ParameterCount stored);

    /// <summary>One sentence for reports on what the memory check holds and why, with the numbers.</summary>
    string StorageNote { get; }
}
