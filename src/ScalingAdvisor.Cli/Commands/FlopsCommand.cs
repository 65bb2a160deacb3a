using System.CommandLine;
using ScalingAdvisor.Cli.Options;
using ScalingAdvisor.Cli.Rendering;
using ScalingAdvisor.Compute;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Cli.Commands;

/// <summary><c>flops</c> + model or <c>--params</c>, <c>--tokens</c>: training and inference compute.</summary>
internal static class FlopsCommand
{
    public static Command Create()
    {
        var model = ModelOptions.Create(acceptParams: true, "Parameters N instead of a model (e.g. 175B): 6·N·D and 2·N only, attention omitted.");
        var tokens = CliOptions.Count("--tokens", "Training tokens D (e.g. 300B, 1.4T).", required: true);
        var context = CliOptions.Integer("--context", "Cached tokens a generated token attends to, for inference FLOPs (default: the model's context length).", 1);
        var recompute = RecomputeOption.Create("What the backward pass recomputes, counted in trainingFlops (hardware FLOPs).");
        var command = new Command("flops", "Training FLOPs (detailed with attention, and 6·N·D) and forward/inference FLOPs per token.") { tokens, context, recompute };
        model.AddTo(command);
        command.SetAction(parse =>
        {
            var selection = model.Read(parse);
            var d = TokenCount.FromCount(parse.GetValue(tokens)!.Value);
            ComputeEstimate estimate;
            if (selection.Shape is { } shape)
            {
                var options = new ComputeOptions
                {
                    SequenceLength = selection.SequenceLength,
                    InferenceContextLength = parse.GetValue(context),
                    Recomputation = parse.GetValue(recompute),
                };
                estimate = ComputeEstimator.Estimate(shape, d, options);
            }
            else
            {
                if (parse.GetValue(context) is not null)
                {
                    throw new Infrastructure.CliInputException("--context needs a model shape (--model, --hf-config or shape options); --params gives 2·N per token only.");
                }

                estimate = ComputeEstimator.Estimate(
                    selection.Parameters is { } parameters ? parameters : throw new InvalidOperationException("A model selection has a shape or a parameter count."), d);
            }

            var report = new Report($"Compute of {selection.Description} on {QuantityFormatter.FormatCount(d.Count)} tokens");
            report.Add("model", selection.Description);
            report.Add("params", estimate.Parameters.Count);
            report.Add("tokens", d.Count);
            report.Add("trainingFlops", estimate.TrainingFlops.Flops);
            report.Add("trainingFlops6ND", estimate.TrainingFlopsSixND.Flops);
            report.Add("forwardFlopsPerToken", estimate.ForwardFlopsPerToken.Flops);
            report.Add("inferenceFlopsPerToken", estimate.InferenceFlopsPerToken.Flops);

            ShapeReport.AddAssumptions(report, selection);
            report.Assumptions.Add("paramsBasis", "active parameters (compute follows active parameters for a mixture of experts)");
            report.Assumptions.Add("attentionIncluded", estimate.AttentionIncluded);
            report.Assumptions.Add("seqLen", estimate.SequenceLength);
            report.Assumptions.Add("seqLenSource", selection.Training?.Source);
            report.Assumptions.Add("inferenceContext", estimate.InferenceContextLength);
            report.Assumptions.Add("recompute", RecomputeOption.Name(estimate.Recomputation));
            report.Assumptions.AddStrings("notes", estimate.Assumptions);
            return ReportWriter.Write(parse, report);
        });
        return command;
    }
}
