using System.CommandLine;
using ScalingAdvisor.Compute;

namespace ScalingAdvisor.Cli.Options;

/// <summary><c>--recompute none|selective|full</c> (Korthikanti et al. 2022).</summary>
internal static class RecomputeOption
{
    private static readonly Choices<ActivationRecomputation> Ids = new(
        ("none", ActivationRecomputation.None), ("selective", ActivationRecomputation.Selective), ("full", ActivationRecomputation.Full));

    public static Option<ActivationRecomputation> Create(string description)
        => CliOptions.Choice("--recompute", description, Ids, TrainingDefaults.Recomputation);

    public static string Name(ActivationRecomputation recomputation) => Ids.IdOf(recomputation);
}
