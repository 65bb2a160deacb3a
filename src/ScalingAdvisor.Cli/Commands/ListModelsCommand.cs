using System.CommandLine;
using ScalingAdvisor.Cli.Options;
using ScalingAdvisor.Cli.Rendering;
using ScalingAdvisor.Models;

namespace ScalingAdvisor.Cli.Commands;

/// <summary><c>list models</c>: the built-in model presets with their shapes, counts and sources.</summary>
internal static class ListModelsCommand
{
    public static Command Create()
    {
        var sources = SourcesOption.Create();
        var command = new Command("models", "The built-in model presets (use with --model), with shapes, parameter counts and sources.") { sources };
        command.SetAction(parse =>
        {
            var report = new Report("Model presets");
            report.RowsField = "models";
            var rows = report.AddArray("models");
            foreach (var preset in ModelCatalog.BuiltIn.Presets)
            {
                var shape = preset.Shape;
                var counts = ParameterCounter.Count(shape);
                // The table stays one line per preset: names and stated counts are JSON and CSV details, sources and
                // notes long prose shown with --sources.
                ReportObject.NewItem(rows).Add("id", preset.Id)
                    .AddDetail("name", preset.Name)
                    .Add("totalParams", counts.Total.Count)
                    .Add("activeParams", counts.Active.Count)
                    .AddDetail("statedParams", preset.StatedParameters.Count)
                    .AddDetail("statedActiveParams", preset.StatedActiveParameters?.Count)
                    .AddDetail("statedActiveExcludesEmbedding", preset.StatedActiveParameters is null ? null : preset.StatedActiveExcludesEmbedding)
                    .Add("exactShape", preset.ExactShape)
                    .Add("layers", shape.Layers)
                    .Add("dModel", shape.ModelWidth)
                    .Add("heads", shape.Heads)
                    .Add("kvHeads", shape.KeyValueHeads)
                    .Add("ffn", shape.FeedForwardWidth)
                    .Add("vocab", shape.VocabularySize)
                    .Add("contextLength", shape.ContextLength)
                    .AddCitation("source", preset.Source)
                    .AddCitation("notes", preset.Notes.Length == 0 ? null : preset.Notes);
            }

            report.Findings.Add("Each preset's source and notes: --sources (or --format json or csv). Shapes marked not exact are reconstructed from papers.");
            report.Assumptions.Add("catalog", "presets.catalog.json embedded in the ScalingAdvisor library");
            return ReportWriter.Write(parse, report);
        });
        return command;
    }
}
