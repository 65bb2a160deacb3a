using System.CommandLine;
using ScalingAdvisor.Cli.Options;
using ScalingAdvisor.Cli.Rendering;
using ScalingAdvisor.Laws;
using ScalingAdvisor.Tasks;

namespace ScalingAdvisor.Cli.Commands;

/// <summary><c>list laws</c>: the built-in loss laws with citation, constant set, what N counts, the data and ranges fitted on, and what the allocation means.</summary>
internal static class ListLawsCommand
{
    public static Command Create()
    {
        var sources = SourcesOption.Create();
        var command = new Command("laws", "The built-in loss laws, with their papers, constants and the data they were fitted on.") { sources };
        command.SetAction(parse =>
        {
            var report = new Report("Loss laws");
            var rows = report.AddArray("laws");
            foreach (var info in LawCatalog.All)
            {
                var row = ReportObject.NewItem(rows);
                row
                    .Add("id", info.Id)
                    .Add("default", info.Id == LawCatalog.DefaultId)
                    .Add("description", info.Description)
                    .AddCitation("citation", info.Citation)
                    .Add("constants", info.ConstantSet)
                    .Add("parameterCounting", info.ParameterCounting)
                    .AddCitation("fittedOn", info.FittedOn)
                    .Add("requiresUniqueTokens", info.RequiresUniqueTokens)
                    .Add("givesLoss", true)
                    .Add("lossUnit", "nats per token")
                    .Add("tasks", (string?)null)
                    .Add("allocation", info.Allocation);
                var range = info.Law.FittedRange;
                var fitted = row.AddObject("fittedRange").AddCitation("source", range.Source);
                AddAxis(fitted.AddObject("params"), "Params", range.Parameters);
                AddAxis(fitted.AddObject("tokens"), "Tokens", range.Tokens);
                AddAxis(fitted.AddObject("flops"), "Flops", range.Flops);
            }

            // The published allocation rules: N and D for a budget, no loss (optimal --flops only).
            foreach (var info in AllocationRuleCatalog.All)
            {
                var row = ReportObject.NewItem(rows);
                row
                    .Add("id", info.Id)
                    .Add("default", false)
                    .Add("description", info.Description)
                    .AddCitation("citation", info.Citation)
                    .Add("constants", info.ConstantSet)
                    .Add("parameterCounting", info.ParameterCounting)
                    .AddCitation("fittedOn", info.FittedOn)
                    .Add("requiresUniqueTokens", false)
                    .Add("givesLoss", false)
                    .Add("lossUnit", (string?)null)
                    .Add("tasks", (string?)null)
                    .Add("allocation", info.Allocation);
                var range = info.Rule.FittedRange;
                var fitted = row.AddObject("fittedRange").AddCitation("source", range.Source);
                AddAxis(fitted.AddObject("params"), "Params", range.Parameters);
                AddAxis(fitted.AddObject("tokens"), "Tokens", range.Tokens);
                AddAxis(fitted.AddObject("flops"), "Flops", range.Flops);
            }

            // The task law: a loss of its own (task loss in bits per byte) and accuracy, for 'task' only; the loss
            // commands refuse its id.
            {
                var row = ReportObject.NewItem(rows);
                row
                    .Add("id", TaskLawCatalog.Ladder2024Id)
                    .Add("default", false)
                    .Add("description", TaskLawCatalog.Description)
                    .AddCitation("citation", TaskLawCatalog.Source)
                    .Add("constants", "per task: A, α, B, β, E (Eq. 1) and a, k, L0, b (Eq. 2); see 'task --law ladder2024 --task ID'. " + TaskLawCatalog.Caveat)
                    .Add("parameterCounting", TaskLawCatalog.ParameterCounting)
                    .AddCitation("fittedOn", TaskLawCatalog.FittedRange.Source)
                    .Add("requiresUniqueTokens", false)
                    .Add("givesLoss", true)
                    .Add("lossUnit", TaskLawCatalog.LossUnit)
                    .Add("tasks", string.Join(", ", TaskLawCatalog.Tasks))
                    .Add("allocation", "none: predicts task loss and accuracy at a given (N, D) ('task'); not accepted by the LM loss commands");
                var range = TaskLawCatalog.FittedRange;
                var fitted = row.AddObject("fittedRange").AddCitation("source", range.Source);
                AddAxis(fitted.AddObject("params"), "Params", range.Parameters);
                AddAxis(fitted.AddObject("tokens"), "Tokens", range.Tokens);
                AddAxis(fitted.AddObject("flops"), "Flops", range.Flops);
            }

            report.RowsField = "laws";
            // Per row too: the task law ladder2024 gives bits per byte, the allocation rules no loss.
            report.Assumptions.Add("lossUnit", "nats per token (the loss laws; each row's lossUnit says, ladder2024: bits per byte)");
            return ReportWriter.Write(parse, report);
        });
        return command;
    }

    private static void AddAxis(ReportObject axis, string unit, RangeAxis range)
        => axis.Add("min" + unit, range.Min).Add("max" + unit, range.Max).AddCitation("note", range.Note);
}
