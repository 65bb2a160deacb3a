using System.CommandLine;
using ScalingAdvisor.Cli.Rendering;
using ScalingAdvisor.Models;

namespace ScalingAdvisor.Cli.Commands;

/// <summary><c>list models</c>: the built-in model presets with their shapes, counts and sources.</summary>
internal static class ListModelsCommand
{
    public static Command Create()
    {
        var command = new Command("models", "The built-in model presets (use with --model), with shapes, parameter counts and sources.");
        command.SetAction(parse =>
        {
            var report = new Report("Model presets");
            report.RowsField = "models";
            var rows = report.AddArray("models");
            // The table stays narrow enough to read; sources and notes are long prose, so only JSON and CSV carry them.
            bool table = ReportWriter.FormatOf(parse) == OutputFormat.Table;
            foreach (var preset in ModelCatalog.BuiltIn.Presets)
            {
                var shape = preset.Shape;
                var counts = ParameterCounter.Count(shape);
                var row = ReportObject.NewItem(rows).Add("id", preset.Id);
                if (!table)
                {
                    row.Add("name", preset.Name);
                }

                row.Add("totalParams", counts.Total.Count)
                    .Add("activeParams", counts.Active.Count);
                if (!table)
                {
                    row.Add("statedParams", preset.StatedParameters.Count);
                }

                row.Add("exactShape", preset.ExactShape)
                    .Add("layers", shape.Layers)
                    .Add("dModel", shape.ModelWidth)
                    .Add("heads", shape.Heads)
                    .Add("kvHeads", shape.KeyValueHeads)
                    .Add("ffn", shape.FeedForwardWidth)
                    .Add("vocab", shape.VocabularySize)
                    .Add("contextLength", shape.ContextLength);
                if (!table)
                {
                    row.Add("source", preset.Source)
                        .Add("notes", preset.Notes.Length == 0 ? null : preset.Notes);
                }
            }

            if (table)
            {
                report.Findings.Add("Each preset's source and notes: `list models --format json` (or csv). Shapes marked not exact are reconstructed from papers.");
            }

            report.Assumptions.Add("catalog", "presets.catalog.json embedded in the ScalingAdvisor library");
            return ReportWriter.Write(parse, report);
        });
        return command;
    }
}
