using System.CommandLine;
using ScalingAdvisor.Cli.Files;
using ScalingAdvisor.Cli.Infrastructure;
using ScalingAdvisor.Cli.Options;
using ScalingAdvisor.Cli.Rendering;
using ScalingAdvisor.Footprint;
using ScalingAdvisor.Hardware;
using ScalingAdvisor.Serving;

namespace ScalingAdvisor.Cli.Commands;

/// <summary><c>serve --ttft-slo … --tpot-slo …</c>: the cheapest replica meeting the SLO, per device, and the fleet for a daily volume.</summary>
internal static class ServePlanReport
{
    /// <summary>The SLO bound used when only the other one is given: an hour, no bound in practice.</summary>
    private const double UnboundedSeconds = 3600;

    public static int Write(
        ParseResult parse, ModelSelection selection, ServedModel served, IReadOnlyList<AcceleratorProfile> devices, ServingOptions serving,
        ServingSetup setup, FootprintAssumptions assumptions, double? ttft, double? tpot, double? perDay, OutputFileOption plot)
    {
        foreach (var searched in new Option[] { serving.Gpus, serving.WeightsBits })
        {
            if (parse.GetResult(searched) is { Implicit: false })
            {
                throw new CliInputException($"{searched.Name} is searched by the SLO plan; leave it out (the plan tries 1, 2, 4, 8 GPUs and 16-, 8- and 4-bit weights).");
            }
        }

        int cap = parse.GetResult(serving.Batch) is { Implicit: false } ? setup.Batch : ServingPlanner.DefaultMaxBatch;
        var slo = new ServingSlo(ttft ?? UnboundedSeconds, tpot ?? UnboundedSeconds);
        var plan = ServingPlanner.Plan(served, devices, slo, setup, assumptions, perDay, cap);

        var report = new Report("Serving plan for an SLO");
        report.RowsField = "candidates";
        if (report.AddObjectOrNull("plan", plan.Best is not null) is { } best && plan.Best is { } chosen)
        {
            AddOption(best, chosen);
        }

        if (report.AddObjectOrNull("fleet", plan.Fleet is not null) is { } fleet && plan.Fleet is { } f)
        {
            fleet.Add("outputTokensPerDay", f.OutputTokensPerDay);
            fleet.Add("replicas", f.Replicas);
            fleet.Add("gpus", f.Gpus);
            fleet.Add("dailyGpuHours", f.Daily.GpuHours);
            fleet.Add("dailyCostUsd", f.Daily.Cost?.Usd);
            fleet.Add("dailyEnergyKwh", f.Daily.Energy?.TotalKilowattHours);
            fleet.Add("dailyCo2eKg", f.Daily.Carbon?.Kilograms);
            fleet.Add("annualGpuHours", f.Annual.GpuHours);
            fleet.Add("annualCostUsd", f.Annual.Cost?.Usd);
            fleet.Add("annualEnergyKwh", f.Annual.Energy?.TotalKilowattHours);
            fleet.Add("annualCo2eKg", f.Annual.Carbon?.Kilograms);
        }

        var rows = report.AddArray("candidates");
        foreach (var option in plan.PerAccelerator)
        {
            AddOption(ReportObject.NewItem(rows), option);
        }

        var misses = report.AddArray("unmet");
        foreach (var miss in plan.Unmet)
        {
            ReportObject.NewItem(misses).Add("hardware", miss.AcceleratorId).Add("reason", miss.Reason);
        }

        report.Add("configurationsEvaluated", plan.Evaluated);
        ShapeReport.AddAssumptions(report, selection);
        var a = report.Assumptions;
        a.Add("ttftSloSeconds", ttft);
        a.Add("tpotSloSeconds", tpot);
        a.Add("maxBatchSearched", cap);
        a.Add("search", "per device: G in 1, 2, 4, 8 (dividing the heads) × weights 16, 8, 4 bits × the largest batch meeting memory and both SLOs (bisection)");
        a.Add("ranking", assumptions.PricePerGpuHour is null
            ? "GPU-hours per million output tokens (no --price-per-gpu-hour)"
            : "cost per million output tokens at one price per GPU-hour for every device");
        a.Add("fleet", "replicas = ⌈tokens per day ÷ (output tokens/s × 86,400)⌉, provisioned 24 h a day; annual = 365 days");
        a.Add("promptTokens", setup.PromptTokens);
        a.Add("outputTokens", setup.OutputTokens);
        a.Add("kvBits", setup.KeyValueBits);
        a.Add("mfu", setup.Efficiency.Mfu);
        a.Add("bandwidthUtilisation", setup.Efficiency.BandwidthUtilisation);
        a.Add("memoryReserveFraction", setup.Reserve.Fraction);
        a.Add("definitions", ServingEstimator.Definitions);
        if (plan.Best is { } b)
        {
            FootprintOptions.Describe(a, b.Footprint.PerMillionOutputTokens);
        }

        if (plan.Best is null)
        {
            report.Findings.Add("No configuration meets the SLO on " + (devices.Count == 1 ? devices[0].Id : "any device") + "; see unmet for why.");
        }

        if (parse.GetValue(plot) is { } file)
        {
            if (plan.Best is { } choice)
            {
                var device = devices.First(d => d.Id == choice.Estimate.AcceleratorId);
                ServeCommand.WritePlot(parse, plot, report, selection, served, device, choice.Estimate.Setup, choice.Estimate, "SLO plan's choice", ttft, tpot);
            }
            else
            {
                report.Findings.Add($"No plot written to {file.Name}: no configuration meets the SLO.");
            }
        }

        return ReportWriter.Write(parse, report);
    }

    private static void AddOption(ReportObject row, ServingPlanOption option)
    {
        var e = option.Estimate;
        var perMillion = option.Footprint.PerMillionOutputTokens;
        row.Add("hardware", e.AcceleratorId);
        row.Add("gpus", e.Setup.Gpus);
        row.Add("weightsBits", e.Setup.Weights.Bits);
        row.Add("batch", e.Setup.Batch);
        row.Add("ttftSeconds", e.TimeToFirstToken.TotalSeconds);
        row.Add("tpotSeconds", e.TimePerOutputToken.TotalSeconds);
        row.Add("outputTokensPerSecond", e.OutputTokensPerSecond);
        row.Add("outputTokensPerSecondPerGpu", e.OutputTokensPerSecondPerGpu);
        row.Add("costUsdPerMillionOutputTokens", perMillion.Cost?.Usd);
        row.Add("costUsdPerMillionInputTokens", option.Footprint.CostPerMillionInputTokens?.Usd);
        row.Add("energyKwhPerMillionOutputTokens", perMillion.Energy?.TotalKilowattHours);
        row.Add("co2eKgPerMillionOutputTokens", perMillion.Carbon?.Kilograms);
        row.Add("gpuHoursPerMillionOutputTokens", e.GpuHoursPerMillionOutputTokens);
        row.Add("maxBatch", e.MaxBatch);
        row.Add("bindingLimit", option.BindingLimit switch
        {
            ServingLimit.Memory => "memory",
            ServingLimit.TimeToFirstTokenSlo => "ttft-slo",
            ServingLimit.TimePerOutputTokenSlo => "tpot-slo",
            _ => "batch-cap",
        });
        row.Add("boundBy", ServingOptions.IdOf(e.BoundBy));
    }
}
