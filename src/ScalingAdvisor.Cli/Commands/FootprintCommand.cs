using System.CommandLine;
using ScalingAdvisor.Cli.Infrastructure;
using ScalingAdvisor.Cli.Options;
using ScalingAdvisor.Cli.Rendering;
using ScalingAdvisor.Footprint;

namespace ScalingAdvisor.Cli.Commands;

/// <summary><c>footprint</c>: energy, carbon and cost of GPU-hours, given directly or from a training run.</summary>
internal static class FootprintCommand
{
    public static Command Create()
    {
        var gpuHoursOption = CliOptions.NonNegative("--gpu-hours", "Device-hours, instead of --flops or --params/--tokens with a cluster.");
        var compute = TrainingComputeOptions.Create();
        var cluster = ClusterOptions.Create();
        var footprint = FootprintOptions.Create();
        var command = new Command("footprint",
            "Energy (GPU-hours × TDP × power fraction × PUE), carbon (× grid intensity) and cost (× price per GPU-hour).")
        {
            gpuHoursOption,
        };
        compute.AddTo(command);
        cluster.AddTo(command);
        footprint.AddTo(command);
        command.SetAction(parse =>
        {
            var report = new Report("Training footprint");
            var assumptions = footprint.Read(parse);
            var hardware = cluster.Hardware.Read(parse);
            double gpuHours;
            double? flops = null, wallDays = null;
            if (parse.GetValue(gpuHoursOption) is { } given)
            {
                if (compute.AnyGiven(parse) || cluster.AnyTrainingOptionGiven(parse))
                {
                    throw new CliInputException("--gpu-hours cannot be combined with --flops, --params, --tokens, a model, --gpus, --mfu or --achieved-tflops.");
                }

                gpuHours = given;
                ClusterOptions.DescribeNoTraining(report.Assumptions, hardware.Id);
            }
            else
            {
                var time = compute.Estimate(parse, cluster.ReadCluster(parse), cluster.ReadEfficiency(parse), report.Assumptions);
                cluster.Describe(parse, report.Assumptions, time);
                gpuHours = time.GpuHours;
                flops = time.Flops.Flops;
                wallDays = time.WallTime.TotalDays;
            }

            report.Add("flops", flops);
            report.Add("wallDays", wallDays);

            var estimate = FootprintCalculator.Estimate(gpuHours, hardware, assumptions);
            report.Add("gpuHours", estimate.GpuHours);
            report.Add("energyKwh", estimate.Energy?.TotalKilowattHours);
            report.Add("co2eKg", estimate.Carbon?.Kilograms);
            report.Add("energyUnavailableReason", estimate.EnergyUnavailableReason);
            report.Add("embodiedCo2eKg", estimate.EmbodiedCarbon?.Kilograms);
            report.Add("costUsd", estimate.Cost?.Usd);
            FootprintOptions.Describe(report.Assumptions, estimate);
            if (estimate.EnergyUnavailableReason is { } noEnergy)
            {
                report.Findings.Add($"No energy or CO2e: {noEnergy} Give --power-per-device WATTS.");
            }

            if (estimate.Cost is null)
            {
                report.Findings.Add("No cost: give --price-per-gpu-hour USD for one.");
            }

            if (parse.GetValue(footprint.Region) is null && parse.GetValue(footprint.GridIntensity) is null)
            {
                report.Findings.Add($"Grid intensity of region '{FootprintOptions.DefaultRegion}' assumed; give --region or --grid-intensity.");
            }

            if (estimate.EmbodiedCarbon is not null)
            {
                report.Findings.Add("co2eKg is operational (energy × grid); embodiedCo2eKg is the hardware's manufacturing share, reported separately.");
            }

            return ReportWriter.Write(parse, report);
        });
        return command;
    }
}
