using System.CommandLine;
using ScalingAdvisor.Cli.Options;
using ScalingAdvisor.Cli.Rendering;
using ScalingAdvisor.Footprint;

namespace ScalingAdvisor.Cli.Commands;

/// <summary><c>list regions</c>: grid carbon intensities with source, year and basis.</summary>
internal static class ListRegionsCommand
{
    public static Command Create()
    {
        var sources = SourcesOption.Create();
        var command = new Command("regions", "Grid carbon intensities (kgCO2e/kWh) by region, with source, year and basis.") { sources };
        command.SetAction(parse =>
        {
            var report = new Report("Grid regions");
            var rows = report.AddArray("regions");
            report.RowsField = "regions";
            foreach (var region in RegionCatalog.BuiltIn.Regions)
            {
                ReportObject.NewItem(rows)
                    .Add("id", region.Id)
                    .Add("name", region.Name)
                    .Add("gridIntensityKgPerKwh", region.Intensity.KilogramsPerKilowattHour)
                    .Add("year", region.Year)
                    .AddCitation("source", region.Source)
                    .Add("basis", region.Basis);
            }

            return ReportWriter.Write(parse, report);
        });
        return command;
    }
}
