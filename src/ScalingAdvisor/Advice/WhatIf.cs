namespace ScalingAdvisor.Advice;

/// <summary>A named alternative to a scenario (e.g. "fp8 instead of bf16") and what the advisor says under it.</summary>
/// <param name="Name">What changed, in words.</param>
/// <param name="Result">The advisor's answer for the changed scenario.</param>
/// <param name="Baseline">The advisor's answer for the original scenario.</param>
public sealed record WhatIf(string Name, AdviceResult Result, AdviceResult Baseline)
{
    /// <summary>Runs the advisor on a baseline and on each named variant of it.</summary>
    /// <exception cref="ArgumentException">A scenario is inconsistent.</exception>
    public static IReadOnlyList<WhatIf> Compare(AdviceScenario baseline, IEnumerable<(string Name, AdviceScenario Scenario)> variants)
    {
        ArgumentNullException.ThrowIfNull(variants);
        var baseResult = Advisor.Advise(baseline);
        return variants.Select(v => new WhatIf(v.Name, Advisor.Advise(v.Scenario), baseResult)).ToList();
    }
}
