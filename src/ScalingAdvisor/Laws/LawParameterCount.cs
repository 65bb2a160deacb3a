using ScalingAdvisor.Models;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Laws;

/// <summary>
/// The N a law wants, taken from a model's exact parameter counts by the law's own <see cref="ILossLaw.ParameterBasis"/>:
/// Chinchilla-form laws (Hoffmann et al. 2022, Besiroglu et al. 2024, Muennighoff et al. 2023) count all parameters,
/// Kaplan et al. 2020 counts non-embedding parameters (§1.3), Krajewski et al. 2024 active non-embedding parameters and
/// Frantar et al. 2023 non-zero non-embedding weights.
/// </summary>
public static class LawParameterCount
{
    /// <summary>N for <paramref name="law"/> from <paramref name="counts"/>.</summary>
    /// <param name="law">The law.</param>
    /// <param name="counts">The model's parameter counts (<see cref="ParameterCounter.Count"/>).</param>
    /// <returns>N as the law counts it.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static ParameterCount Of(ILossLaw law, ParameterCounts counts)
    {
        ArgumentNullException.ThrowIfNull(law);
        ArgumentNullException.ThrowIfNull(counts);
        return law.ParameterBasis switch
        {
            ParameterBasis.NonEmbedding => counts.NonEmbedding,
            ParameterBasis.ActiveNonEmbedding => counts.ActiveNonEmbedding,
            // A shape describes the dense weights the run stores; the law says how many of them it counts (a sparsity law
            // at S keeps (1 − S) of them non-zero).
            ParameterBasis.NonZeroNonEmbedding => law is IStoredParametersLaw storage ? storage.CountedOfStored(counts.NonEmbedding) : counts.NonEmbedding,
            _ => counts.Total,
        };
    }

    /// <summary>What a basis counts, in words: "all parameters", "non-embedding parameters", ….</summary>
    /// <param name="basis">The basis.</param>
    /// <returns>The description.</returns>
    public static string Describe(ParameterBasis basis) => basis switch
    {
        ParameterBasis.NonEmbedding => "non-embedding parameters",
        ParameterBasis.ActiveNonEmbedding => "active non-embedding parameters",
        ParameterBasis.NonZeroNonEmbedding => "non-zero non-embedding parameters",
        _ => "all parameters",
    };
}
