using ScalingAdvisor.Fitting;

namespace ScalingAdvisor.Cli.Rendering;

/// <summary>
/// The per-parameter object of the <c>intervals</c> of <c>fit</c> and <c>fit-task</c> (docs/CLI.md): <c>low</c>,
/// <c>high</c> and <c>estimate</c> of one fitted constant's bootstrap interval.
/// </summary>
internal static class ParameterIntervalFields
{
    /// <summary>Adds the object named <paramref name="name"/> to <paramref name="parent"/>.</summary>
    public static void AddInterval(ReportObject parent, string name, ParameterInterval interval)
        => parent.AddObject(name).Add("low", interval.Low).Add("high", interval.High).Add("estimate", interval.Estimate);
}
