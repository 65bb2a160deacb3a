using System.CommandLine;
using ScalingAdvisor.Compute;

namespace ScalingAdvisor.Cli.Options;

/// <summary><c>--recompute none|selective|full</c> (Korthikanti et al. 2022).</summary>
internal static class RecomputeOption
{
    public static Option<string> Create(string description)
    {
        var option = new Option<string>("--recompute") { Description = description, DefaultValueFactory = _ => Name(TrainingDefaults.Recomputation) };
        option.AcceptOnlyFromAmong("none", "selective", "full");
        return option;
    }

    public static ActivationRecomputation Read(ParseResult parse, Option<string> option) => parse.GetValue(option) switch
    {
        "none" => ActivationRecomputation.None,
        "selective" => ActivationRecomputation.Selective,
        "full" => ActivationRecomputation.Full,
        _ => TrainingDefaults.Recomputation,
    };

    public static string Name(ActivationRecomputation recomputation) => recomputation switch
    {
        ActivationRecomputation.Selective => "selective",
        ActivationRecomputation.Full => "full",
        _ => "none",
    };
}
