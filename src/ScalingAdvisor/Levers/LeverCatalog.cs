using ScalingAdvisor.Compute;
using ScalingAdvisor.Footprint;

namespace ScalingAdvisor.Levers;

/// <summary>The standard set of levers, in the order the table shows them. Add a lever by appending an <see cref="ILever"/>.</summary>
public static class LeverCatalog
{
    /// <summary>
    /// The standard levers for a baseline: fp8 training; each other recomputation mode; flash attention; each other ZeRO
    /// stage; the tensor × pipeline layouts of <see cref="ParallelLayoutSearch.Levers"/>; 8- and 4-bit inference weights;
    /// LoRA and QLoRA fine-tuning; a distilled quarter-depth student (<see cref="DistillationLever"/>);
    /// a cleaner grid region; twice the GPUs.
    /// </summary>
    /// <param name="baseline">The baseline (it decides which modes, stages and layouts are "other").</param>
    /// <param name="region">The region to compare with; null for the cleanest of the built-in catalog.</param>
    /// <returns>The levers.</returns>
    /// <exception cref="ArgumentNullException">The baseline is null.</exception>
    public static IReadOnlyList<ILever> Standard(LeverScenario baseline, GridRegion? region = null)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        // Loops, not Where(…).Select(…): under Native AOT that chain is a generic virtual call resolved at run time on
        // first use (about 0.1 ms of every levers run).
        var levers = new List<ILever> { new Fp8TrainingLever() };
        foreach (var mode in Enum.GetValues<ActivationRecomputation>())
        {
            if (mode != baseline.Training.Activations.Recomputation)
            {
                levers.Add(new RecomputationLever(mode));
            }
        }

        levers.Add(new FlashAttentionLever());
        for (int stage = 0; stage < 4; stage++)
        {
            if (stage != baseline.Training.Layout.ZeroStage)
            {
                levers.Add(new ZeroStageLever(stage));
            }
        }

        levers.AddRange(ParallelLayoutSearch.Levers(baseline));
        levers.Add(new MixtureOfExpertsLever());
        levers.Add(new WeightQuantisationLever(8));
        levers.Add(new WeightQuantisationLever(4));
        levers.Add(new AdapterFinetuneLever(Memory.FinetuneMethod.Lora));
        levers.Add(new AdapterFinetuneLever(Memory.FinetuneMethod.Qlora));
        levers.Add(new DistillationLever());
        levers.Add(region is null ? CleanerRegionLever.Cleanest() : new CleanerRegionLever(region));
        levers.Add(new LargerClusterLever(2));
        return levers;
    }
}

/// <summary>The baseline's outcome and one row per lever: the <c>levers</c> table.</summary>
/// <param name="Baseline">The evaluated baseline.</param>
/// <param name="Rows">One row per lever, in the levers' order.</param>
public sealed record LeverComparison(ScenarioOutcome Baseline, IReadOnlyList<LeverRow> Rows)
{
    /// <summary>Evaluates the baseline and every lever against it.</summary>
    /// <param name="baseline">The baseline scenario.</param>
    /// <param name="levers">The levers; null for <see cref="LeverCatalog.Standard"/>.</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="ArgumentNullException">The baseline is null.</exception>
    /// <exception cref="ArgumentException">The accelerator has no TDP, or the scenario is otherwise inconsistent.</exception>
    public static LeverComparison Evaluate(LeverScenario baseline, IEnumerable<ILever>? levers = null)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        var outcome = ScenarioOutcome.Evaluate(baseline);
        var rows = (levers ?? LeverCatalog.Standard(baseline)).Select(lever => lever.Evaluate(outcome)).ToList();
        return new LeverComparison(outcome, rows);
    }
}
