using ScalingAdvisor.Units;

namespace ScalingAdvisor.Laws;

/// <summary>
/// What an allocation must take into account besides the law: the unique data available and the
/// tokens the model will serve over its lifetime. <c>new AllocationOptions()</c> (or null) is plain
/// compute-optimal training under C = 6·N·D.
/// </summary>
public sealed record AllocationOptions
{
    /// <summary>
    /// U, the unique training tokens available, or null for unlimited fresh data. A data-constrained law
    /// (<see cref="IDataConstrainedLossLaw"/>, Muennighoff et al. 2023) requires it and lets D repeat the U
    /// tokens; laws fitted on single-epoch data do not model repetition, so for them U caps D (D ≤ U).
    /// </summary>
    public TokenCount? UniqueTokens { get; init; }

    /// <summary>
    /// D_inf, the tokens the model will process at inference over its lifetime (Sardana et al. 2023);
    /// each costs 2·N FLOPs (Kaplan et al. 2020 §2.1). Zero (the default) ignores inference.
    /// </summary>
    public TokenCount InferenceTokens { get; init; }
}
