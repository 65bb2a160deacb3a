using System.CommandLine;
using ScalingAdvisor.Cli.Options;
using ScalingAdvisor.Cli.Rendering;
using ScalingAdvisor.Models;

namespace ScalingAdvisor.Cli.Commands;

/// <summary><c>params</c> + model: the exact parameter count and its breakdown.</summary>
internal static class ParamsCommand
{
    public static Command Create()
    {
        var model = ModelOptions.Create(acceptParams: false, readsTrainingSequence: false);
        var command = new Command("params", "Exact parameter count of a model, with its breakdown (total, non-embedding, active).");
        model.AddTo(command);
        command.SetAction(parse =>
        {
            var selection = model.Read(parse);
            var counts = ParameterCounter.Count(selection.Shape!);

            var report = new Report($"Parameters of {selection.Description}");
            report.Add("model", selection.Description);
            report.Add("totalParams", counts.Total.Count);
            report.Add("nonEmbeddingParams", counts.NonEmbedding.Count);
            report.Add("activeParams", counts.Active.Count);
            var breakdown = report.AddObject("breakdown");
            breakdown.Add("attention", counts.Breakdown.Attention.Count, UnitKind.Count);
            breakdown.Add("feedForward", counts.Breakdown.FeedForward.Count, UnitKind.Count);
            breakdown.Add("norms", counts.Breakdown.Norms.Count, UnitKind.Count);
            breakdown.Add("embedding", counts.Breakdown.Embedding.Count, UnitKind.Count);
            breakdown.Add("unembedding", counts.Breakdown.Unembedding.Count, UnitKind.Count);
            breakdown.Add("positions", counts.Breakdown.Positions.Count, UnitKind.Count);
            breakdown.Add("router", counts.Breakdown.Router.Count, UnitKind.Count);
            breakdown.Add("embeddingProjection", counts.Breakdown.EmbeddingProjection.Count, UnitKind.Count);

            // Reported apart, not in totalParams (issue 16); null when the model has no such module.
            report.Add("multiTokenPredictionParams", selection.Shape!.MultiTokenPredictionModules > 0 ? counts.MultiTokenPrediction.Count : null);

            ShapeReport.AddAssumptions(report, selection);
            report.Assumptions.Add("nonEmbedding", Models.ParameterCounts.NonEmbeddingRule);
            report.Assumptions.Add("activeParams", Models.ParameterCounts.ActiveRule);
            return ReportWriter.Write(parse, report);
        });
        return command;
    }
}
