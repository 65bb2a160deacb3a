using System.CommandLine;
using ScalingAdvisor.Cli.Options;
using ScalingAdvisor.Cli.Rendering;
using ScalingAdvisor.Laws;

namespace ScalingAdvisor.Cli.Commands;

/// <summary><c>list laws</c>: the built-in loss laws with citation, constant set, what N counts and the data fitted on.</summary>
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
                ReportObject.NewItem(rows)
                    .Add("id", info.Id)
                    .Add("default", info.Id == LawCatalog.DefaultId)
                    .Add("description", info.Description)
                    .AddCitation("citation", info.Citation)
                    .Add("constants", info.ConstantSet)
                    .Add("parameterCounting", info.ParameterCounting)
                    .AddCitation("fittedOn", info.FittedOn)
                    .Add("requiresUniqueTokens", info.RequiresUniqueTokens);
            }

            report.RowsField = "laws";
            report.Assumptions.Add("lossUnit", "nats per token");
            return ReportWriter.Write(parse, report);
        });
        return command;
    }
}
