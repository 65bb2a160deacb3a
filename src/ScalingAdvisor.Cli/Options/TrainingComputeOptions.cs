using System.CommandLine;
using ScalingAdvisor.Cli.Infrastructure;
using ScalingAdvisor.Cli.Rendering;
using ScalingAdvisor.Models;
using ScalingAdvisor.Performance;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Cli.Options;

/// <summary>
/// What a training run computes: <c>--flops C</c>, or <c>--tokens D</c> with N from <c>--params N</c> or the model group
/// (<c>--model</c>, <c>--hf-config</c>, shape options; N is then the model's active parameter count), C = 6·N·D.
/// </summary>
internal sealed class TrainingComputeOptions
{
    private TrainingComputeOptions(Option<double?> flops, ModelOptions model, Option<double?> tokens)
    {
        Flops = flops;
        Model = model;
        Tokens = tokens;
    }

    public Option<double?> Flops { get; }

    /// <summary>The model group, with <c>--params N</c>.</summary>
    public ModelOptions Model { get; }

    public Option<double?> Tokens { get; }

    /// <summary>Creates the group.</summary>
    /// <param name="readsTrainingSequence">True when the command can use the training sequence length (<c>time --predict-mfu</c>).</param>
    public static TrainingComputeOptions Create(bool readsTrainingSequence = false) => new(
        CliOptions.Count("--flops", "Training compute C in FLOPs (e.g. 3.15e23)."),
        ModelOptions.Create(acceptParams: true, "Parameters N (e.g. 70B) instead of a model; with --tokens, C = 6·N·D.", readsTrainingSequence),
        CliOptions.Count("--tokens", "Training tokens D (e.g. 1.4T)."));

    public void AddTo(Command command)
    {
        command.Add(Flops);
        Model.AddTo(command);
        command.Add(Tokens);
    }

    public bool AnyGiven(ParseResult parse)
        => parse.GetValue(Flops) is not null || Model.AnyGiven(parse) || parse.GetValue(Tokens) is not null;

    /// <summary>Estimates training time from whichever compute options were given.</summary>
    public TrainingTimeEstimate Estimate(ParseResult parse, TrainingCluster cluster, TrainingEfficiency efficiency, ReportObject assumptions)
    {
        var flops = parse.GetValue(Flops);
        var d = parse.GetValue(Tokens);
        bool modelGiven = Model.AnyGiven(parse);
        if (flops is not null && (modelGiven || d is not null))
        {
            throw new CliInputException("--flops cannot be combined with --tokens, --params or a model; give one or the other.");
        }

        if (flops is { } c)
        {
            assumptions.Add("flopsFormula", "given (--flops)");
            return TrainingTime.Estimate(FlopCount.FromFlops(c), cluster, efficiency);
        }

        if (!modelGiven || d is null)
        {
            throw new CliInputException("give --flops C, or --tokens D with --params N or a model (--model, --hf-config or shape options).");
        }

        var selection = Model.Read(parse);
        if (selection.Parameters is { } n)
        {
            assumptions.Add("flopsFormula", Compute.TransformerFlops.SixNDFormula);
            return TrainingTime.Estimate(n, TokenCount.FromCount(d.Value), cluster, efficiency);
        }

        // Training compute follows the parameters a token passes through: all of a dense model, the routed experts of a
        // mixture of experts (Fedus et al. 2022).
        var active = ParameterCounter.Count(selection.Shape!).Active;
        assumptions.Add("model", selection.Description);
        assumptions.Add("params", active.Count);
        assumptions.Add("paramsBasis", "active parameters of the model (all of them for a dense model)");
        assumptions.Add("flopsFormula", Compute.TransformerFlops.SixNDFormula);
        return TrainingTime.Estimate(active, TokenCount.FromCount(d.Value), cluster, efficiency);
    }
}
