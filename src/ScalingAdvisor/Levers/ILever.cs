namespace ScalingAdvisor.Levers;

/// <summary>
/// One efficiency technique. A lever looks at the evaluated baseline and returns a typed row: what it changes in memory,
/// time, throughput, energy, carbon, cost and loss, or why it does not apply. Most levers change the scenario and let the
/// library re-evaluate it (<see cref="ScenarioLever"/>); a lever needing another calculator implements this directly and
/// builds its row with <see cref="LeverRow.Compare"/>.
/// </summary>
public interface ILever
{
    /// <summary>Stable id, e.g. <c>zero-3</c>.</summary>
    string Id { get; }

    /// <summary>What the lever does, in words.</summary>
    string Name { get; }

    /// <summary>Evaluates the lever against a baseline.</summary>
    /// <param name="baseline">The evaluated baseline scenario.</param>
    /// <returns>The row; not applicable rows carry the reason.</returns>
    LeverRow Evaluate(ScenarioOutcome baseline);
}

/// <summary>
/// A lever that is a change of scenario: <see cref="Vary"/> returns the changed scenario (or why the lever does not apply),
/// and the row compares the library's evaluation of both.
/// </summary>
public abstract class ScenarioLever : ILever
{
    /// <inheritdoc/>
    public abstract string Id { get; }

    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public LeverRow Evaluate(ScenarioOutcome baseline)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        var variant = Vary(baseline.Scenario);
        if (variant.Scenario is not { } scenario)
        {
            return LeverRow.NotApplicable(Id, Name, variant.NotApplicableReason!);
        }

        var outcome = ScenarioOutcome.Evaluate(scenario);
        return LeverRow.Compare(Id, Name, baseline.Metrics, outcome.Metrics, variant.Loss!, variant.Note);
    }

    /// <summary>The scenario with this lever applied, or why it does not apply.</summary>
    /// <param name="baseline">The baseline scenario.</param>
    /// <returns>The variant.</returns>
    protected abstract LeverVariant Vary(LeverScenario baseline);
}

/// <summary>A lever's changed scenario with its loss effect and a note, or the reason it does not apply.</summary>
public sealed record LeverVariant
{
    private LeverVariant(LeverScenario? scenario, LossEffect? loss, string note, string? notApplicableReason)
    {
        Scenario = scenario;
        Loss = loss;
        Note = note;
        NotApplicableReason = notApplicableReason;
    }

    /// <summary>The changed scenario; null when the lever does not apply.</summary>
    public LeverScenario? Scenario { get; }

    /// <summary>The loss effect; null when the lever does not apply.</summary>
    public LossEffect? Loss { get; }

    /// <summary>How the lever was modelled and what is left out.</summary>
    public string Note { get; }

    /// <summary>Why the lever does not apply; null when it does.</summary>
    public string? NotApplicableReason { get; }

    /// <summary>The lever applied.</summary>
    /// <param name="scenario">The changed scenario.</param>
    /// <param name="loss">The loss effect.</param>
    /// <param name="note">How it was modelled.</param>
    /// <returns>The variant.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static LeverVariant Of(LeverScenario scenario, LossEffect loss, string note)
        => new(Preconditions.NotNull(scenario), Preconditions.NotNull(loss), Preconditions.NotNull(note), null);

    /// <summary>The lever does not apply.</summary>
    /// <param name="reason">Why.</param>
    /// <returns>The variant.</returns>
    /// <exception cref="ArgumentException">The reason is empty.</exception>
    public static LeverVariant NotApplicable(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new(null, null, reason, reason);
    }
}
