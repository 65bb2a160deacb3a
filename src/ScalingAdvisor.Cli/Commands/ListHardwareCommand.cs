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
        var command = new Command("hardware", "Accelerators: dense peak FLOP/s per precision (never the sparse figure), memory, bandwidth, TDP, with sources.")
        {
            hardware.HardwareFile,
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
                row.Add("vendor", profile.Vendor);
                foreach (var precision in Precisions.All)
                {
                    row.Add(precision.ToId() + "DenseFlopsPerSecond", profile.Supports(precision) ? profile.DensePeak(precision).FlopsPerSecond : null);
                }

                row.Add("memoryBytes", profile.Memory.Bytes);
                row.Add("memoryBandwidthBytesPerSecond", profile.MemoryBandwidth.BytesPerSecond);
                row.Add("tdpWatts", profile.ThermalDesignPower?.Watts);
                row.Add("interconnectBytesPerSecond", profile.InterconnectBandwidth?.BytesPerSecond);
                row.Add("embodiedCo2eKgPerGpuHour", profile.EmbodiedCarbonPerGpuHour?.Kilograms);
                row.AddStrings("sources", [.. profile.Sources.Select(s => $"{s.Key}: {s.Value}")]);
            }

            report.Assumptions.Add("peaks", "dense; int8 in operations per second");
            report.Assumptions.Add("memory", "binary capacity (GiB) as the devices report it");
            return ReportWriter.Write(parse, report);
        });
        return command;
    }
}
