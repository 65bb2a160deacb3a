using System.CommandLine;
using ScalingAdvisor.Cli.Options;
using ScalingAdvisor.Cli.Rendering;

namespace ScalingAdvisor.Cli.Commands;

/// <summary><c>time</c>: training wall time and GPU-hours on a cluster.</summary>
internal static class TimeCommand
{
    public static Command Create()
    {
        var compute = TrainingComputeOptions.Create();
        var cluster = ClusterOptions.Create();
        var command = new Command("time", "Training wall time and GPU-hours: C ÷ (GPUs × dense peak × MFU).");
        compute.AddTo(command);
        cluster.AddTo(command);
        command.SetAction(parse =>
        {
            var report = new Report("Training time");
            var estimate = compute.Estimate(parse, cluster.ReadCluster(parse), cluster.ReadEfficiency(parse), report.Assumptions);
            report.Add("flops", estimate.Flops.Flops);
            report.Add("wallSeconds", estimate.WallTime.TotalSeconds);
            report.Add("wallDays", estimate.WallTime.TotalDays);
            report.Add("gpuHours", estimate.GpuHours);
            cluster.Describe(parse, report.Assumptions, estimate);
            return ReportWriter.Write(parse, report);
        });
        return command;
    }
}
