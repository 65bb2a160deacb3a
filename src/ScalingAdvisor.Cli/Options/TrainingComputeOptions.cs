using System.CommandLine;
using ScalingAdvisor.Cli.Infrastructure;
using ScalingAdvisor.Cli.Rendering;
using ScalingAdvisor.Performance;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Cli.Options;

/// <summary>What a training run computes: <c>--flops C</c>, or <c>--params N</c> with <c>--tokens D</c> (C = 6·N·D).</summary>
internal sealed class TrainingComputeOptions
{
    private TrainingComputeOptions(NumberOption flops, NumberOption parameters, NumberOption tokens)
    {
        Flops = flops;
        Parameters = parameters;
        Tokens = tokens;
    }

    public NumberOption Flops { get; }

    public NumberOption Parameters { get; }

    public NumberOption Tokens { get; }

    public static TrainingComputeOptions Create() => new(
        CliOptions.Count("--flops", "Training compute C in FLOPs (e.g. 3.15e23)."),
        CliOptions.Count("--params", "Parameters N (e.g. 70B); with --tokens, C = 6·N·D."),
        CliOptions.Count("--tokens", "Training tokens D (e.g. 1.4T)."));

    public void AddTo(Command command)
    {
        command.Add(Flops);
        command.Add(Parameters);
        command.Add(Tokens);
    }

    public bool AnyGiven(ParseResult parse)
        => parse.GetValue(Flops) is not null || parse.GetValue(Parameters) is not null || parse.GetValue(Tokens) is not null;

    /// <summary>Estimates training time from whichever compute options were given.</summary>
    public TrainingTimeEstimate Estimate(ParseResult parse, TrainingCluster cluster, TrainingEfficiency efficiency, ReportObject assumptions)
    {
        var flops = parse.GetValue(Flops);
        var n = parse.GetValue(Parameters);
        var d = parse.GetValue(Tokens);
        if (flops is not null && (n is not null || d is not null))
        {
            throw new CliInputException("--flops cannot be combined with --params/--tokens; give one or the other.");
        }

        if (flops is { } c)
        {
            assumptions.Add("flopsFormula", "given (--flops)");
            return TrainingTime.Estimate(FlopCount.FromFlops(c), cluster, efficiency);
        }

        if (n is null || d is null)
        {
            throw new CliInputException("give --flops C, or both --params N and --tokens D.");
        }

        assumptions.Add("flopsFormula", Compute.TransformerFlops.SixNDFormula);
        return TrainingTime.Estimate(ParameterCount.FromCount(n.Value), TokenCount.FromCount(d.Value), cluster, efficiency);
    }
}
