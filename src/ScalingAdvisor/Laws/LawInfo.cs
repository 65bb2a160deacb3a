namespace ScalingAdvisor.Laws;

/// <summary>A catalog entry: a built-in law with its citation and what it was fitted on.</summary>
/// <param name="Id">The id (<c>--law ID</c>).</param>
/// <param name="Description">One line on what the law is.</param>
/// <param name="Citation">The paper, and the section, table or equation of the constants.</param>
/// <param name="ConstantSet">The constants, as published.</param>
/// <param name="ParameterCounting">What N counts.</param>
/// <param name="FittedOn">The runs and data the constants were fitted on.</param>
/// <param name="RequiresUniqueTokens">True when the law needs U, the unique tokens (data-constrained laws).</param>
/// <param name="Allocation">What the law's compute-optimal allocation means (what is minimised, or which published frontier is followed).</param>
/// <param name="Law">The law itself; its <see cref="ILossLaw.FittedRange"/> holds the ranges of the runs, with their citation.</param>
public sealed record LawInfo(
    string Id,
    string Description,
    string Citation,
    string ConstantSet,
    string ParameterCounting,
    string FittedOn,
    bool RequiresUniqueTokens,
    string Allocation,
    ILossLaw Law);
