using System.CommandLine;
using ScalingAdvisor.Cli.Options;
using ScalingAdvisor.Cli.Rendering;
using ScalingAdvisor.Hardware;

namespace ScalingAdvisor.Cli.Commands;

/// <summary><c>list hardware</c>: the accelerator catalog (plus a user's file), dense peaks, with sources.</summary>
internal static class ListHardwareCommand
{
    public static Command Create()
    {
        var hardware = HardwareOptions.Create();
        var sources = SourcesOption.Create();
        var command = new Command("hardware", "Accelerators: dense peak FLOP/s per precision (never the sparse figure), memory, bandwidth, TDP, with sources.")
        {
            hardware.HardwareFile, sources,
        };
        command.SetAction(parse =>
        {
            var report = new Report("Hardware");
            var rows = report.AddArray("hardware");
            report.RowsField = "hardware";
            foreach (var profile in hardware.ReadCatalog(parse).Profiles)
            {
                var row = ReportObject.NewItem(rows);
                row.Add("id", profile.Id);
                row.Add("name", profile.Name);
                row.AddDetail("vendor", profile.Vendor);
                foreach (var precision in Precisions.All)
                {
                    double? peak = profile.Supports(precision) ? profile.DensePeak(precision).FlopsPerSecond : null;
                    string name = precision.ToId() + "DenseFlopsPerSecond";
                    // The table (one line per device within the terminal) shows the training precisions; JSON and CSV all.
                    if (precision is Precision.Bf16 or Precision.Fp8) row.Add(name, peak);
                    else row.AddDetail(name, peak);
                }

                row.Add("memoryBytes", profile.Memory.Bytes);
                row.Add("memoryBandwidthBytesPerSecond", profile.MemoryBandwidth.BytesPerSecond);
                row.Add("tdpWatts", profile.ThermalDesignPower?.Watts);
                row.AddDetail("interconnectBytesPerSecond", profile.InterconnectBandwidth?.BytesPerSecond);
                row.AddDetail("embodiedCo2eKgPerGpuHour", profile.EmbodiedCarbonPerGpuHour?.Kilograms);
                row.AddDetail("scaleUpBytesPerSecondPerDirection", profile.Fabric.ScaleUpBandwidthPerDirection?.BytesPerSecond);
                row.AddDetail("scaleOutBytesPerSecondPerDirection", profile.Fabric.ScaleOutBandwidthPerDirection?.BytesPerSecond);
                row.AddDetail("scaleUpDomainDevices", profile.Fabric.ScaleUpDomainDevices);
                row.AddCitations("sources", [.. profile.Sources.Select(s => $"{s.Key}: {s.Value}")]);
            }

            report.Assumptions.Add("peaks", "dense; int8 in operations per second");
            report.Assumptions.Add("memory", "binary capacity (GiB) as the devices report it");
            report.Assumptions.Add("interconnect", "interconnectBytesPerSecond is the bidirectional headline; scale-up and scale-out bandwidths are per device and direction");
            report.Findings.Add("All precisions, interconnect (scale-up, scale-out, domain size) and embodied carbon: --format json (or csv); each device's sources: --sources.");
            return ReportWriter.Write(parse, report);
        });
        return command;
    }
}
