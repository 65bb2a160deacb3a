using System.CommandLine;
using ScalingAdvisor.Cli.Files;
using ScalingAdvisor.Cli.Infrastructure;
using ScalingAdvisor.Cli.Options;
using ScalingAdvisor.Cli.Plotting;
using ScalingAdvisor.Cli.Rendering;
using ScalingAdvisor.Hardware;
using ScalingAdvisor.Serving;

namespace ScalingAdvisor.Cli.Commands;

/// <summary>
/// <c>serve</c> + model + hardware: time to first token, time per output token, fit and largest batch, throughput, and
/// the cost, energy and CO2e of a million tokens, for one replica of G tensor-parallel devices.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var model = ModelOptions.Create(acceptParams: true, "Parameters N instead of a model (e.g. 7B): a dense model with the nominal shape of N.", readsTrainingSequence: false);
        var hardware = HardwareOptions.Create();
        var serving = new ServingOptions();
        var footprint = FootprintOptions.Create();
        var ttftSlo = CliOptions.Seconds("--ttft-slo", "SLO plan: the largest time to first token (e.g. 0.5s); searches GPUs, weight width and batch for the cheapest replica.");
        var tpotSlo = CliOptions.Seconds("--tpot-slo", "SLO plan: the largest time per output token (e.g. 50ms).");
        var tokensPerDay = CliOptions.Count("--tokens-per-day", "SLO plan: output tokens served per day (e.g. 1B); gives replicas and daily and annual GPU-hours, cost, energy and CO2e.");
        var plot = CliOptions.OutputFile("--plot", "Draw TTFT and TPOT against output tokens/s per GPU over batch 1, 2, 4, … up to the largest that fits, the SLO lines, and the requested batch (or the SLO plan's choice) annotated.", OutputKind.Image);
        var command = new Command("serve",
            "Serving: TTFT (prefill of the batch), TPOT (mean decode step), fit and max batch, output tokens/s, and cost, energy and CO2e per million tokens, on G tensor-parallel GPUs.");
        model.AddTo(command);
        hardware.AddTo(command);
        serving.AddTo(command);
        footprint.AddTo(command);
        command.Add(ttftSlo);
        command.Add(tpotSlo);
        command.Add(tokensPerDay);
        command.Add(plot);
        command.SetAction(parse =>
        {
            var selection = model.Read(parse);
            var served = selection.Shape is { } shape ? ServedModel.Of(shape) : ServedModel.FromParameters(selection.Parameters!.Value);
            var setup = serving.Read(parse);
            var assumptions = footprint.Read(parse);
            double? ttft = parse.GetValue(ttftSlo), tpot = parse.GetValue(tpotSlo), perDay = parse.GetValue(tokensPerDay);
            bool all = string.Equals(parse.GetValue(hardware.Hardware), "all", StringComparison.OrdinalIgnoreCase);
            if (ttft is not null || tpot is not null)
            {
                var devices = all ? hardware.ReadCatalog(parse).Profiles : [hardware.Read(parse)];
                return ServePlanReport.Write(parse, selection, served, devices, serving, setup, assumptions, ttft, tpot, perDay, plot);
            }

            if (all || perDay is not null)
            {
                throw new CliInputException(all
                    ? "--hardware all needs an SLO plan: give --ttft-slo and/or --tpot-slo."
                    : "--tokens-per-day needs an SLO plan: give --ttft-slo and/or --tpot-slo.");
            }

            var accelerator = hardware.Read(parse);
            var estimate = ServingEstimator.Estimate(served, accelerator, setup);
            var cost = ServingEstimator.Footprint(estimate, accelerator, assumptions);

            var report = new Report("Serving (roofline)");
            bool fits = estimate.FitsInMemory;
            var perMillion = cost.PerMillionOutputTokens;
            report.Add("ttftSeconds", fits ? estimate.TimeToFirstToken.TotalSeconds : null);
            report.Add("tpotSeconds", fits ? estimate.TimePerOutputToken.TotalSeconds : null);
            report.Add("outputTokensPerSecond", fits ? estimate.OutputTokensPerSecond : null);
            report.Add("outputTokensPerSecondPerGpu", fits ? estimate.OutputTokensPerSecondPerGpu : null);
            report.Add("maxBatch", estimate.MaxBatch);
            report.Add("fitsInMemory", fits);
            report.Add("notFitReason", estimate.NotFitReason);
            report.Add("boundBy", fits ? ServingOptions.IdOf(estimate.BoundBy) : null);
            report.Add("prefillBoundBy", fits ? ServingOptions.IdOf(estimate.Prefill.BoundBy) : null);
            report.Add("communicationBound", fits ? estimate.BoundBy == ServingBound.Communication : null);
            report.Add("costUsdPerMillionOutputTokens", fits ? perMillion.Cost?.Usd : null);
            report.Add("costUsdPerMillionInputTokens", fits ? cost.CostPerMillionInputTokens?.Usd : null);
            report.Add("energyKwhPerMillionOutputTokens", fits ? perMillion.Energy?.TotalKilowattHours : null);
            report.Add("co2eKgPerMillionOutputTokens", fits ? perMillion.Carbon?.Kilograms : null);
            report.Add("gpuHoursPerMillionOutputTokens", fits ? estimate.GpuHoursPerMillionOutputTokens : null);
            report.Add("gpuHoursPerMillionInputTokens", fits ? estimate.GpuHoursPerMillionInputTokens : null);
            report.Add("weightsBytes", estimate.WeightBytes.Bytes);
            report.Add("kvCacheBytes", (estimate.KeyValueBytesPerSequence * setup.Batch).Bytes);
            report.Add("kvCacheBytesPerSequence", estimate.KeyValueBytesPerSequence.Bytes);
            report.Add("memoryRequiredBytes", estimate.RequiredMemory.Bytes);
            report.Add("replicaMemoryBytes", estimate.ReplicaMemory.Bytes);
            report.Add("expertsTouchedPerDecodeStep", estimate.Model.IsMixtureOfExperts ? estimate.ExpertsTouchedPerDecodeStep : null);
            AddPass(report.AddObject("prefill"), estimate.Prefill, fits);
            AddPass(report.AddObject("decode"), estimate.Decode, fits);

            ShapeReport.AddAssumptions(report, selection);
            ServingOptions.Describe(report.Assumptions, estimate, accelerator);
            FootprintOptions.Describe(report.Assumptions, perMillion);
            if (estimate.NotFitReason is { } reason)
            {
                report.Findings.Add("Does not fit: " + reason);
            }
            else if (estimate.BoundBy == ServingBound.Communication)
            {
                report.Findings.Add($"Communication-bound: the decode step's all-reduces ({Units.QuantityFormatter.FormatDuration(estimate.Decode.Communication.TotalSeconds)}) take longer than its compute and memory time; fewer GPUs per replica serve more tokens per GPU.");
            }

            if (fits && perMillion.EnergyUnavailableReason is { } noEnergy)
            {
                report.Findings.Add($"No energy or CO2e: {noEnergy} Give --power-per-device WATTS.");
            }

            if (perMillion.Cost is null)
            {
                report.Findings.Add("No cost: give --price-per-gpu-hour USD for one.");
            }

            if (parse.GetValue(plot) is not null)
            {
                WritePlot(parse, plot, report, selection, served, accelerator, setup, fits ? estimate : null, "requested", null, null);
            }

            return ReportWriter.Write(parse, report);
        });
        return command;
    }

    /// <summary>
    /// Writes <c>--plot</c>: the batch sweep of the configuration (<see cref="ServingEstimator.BatchSweep"/>) with
    /// <paramref name="chosen"/> annotated; when not even batch 1 fits there is nothing to draw, and a finding says so.
    /// </summary>
    internal static void WritePlot(
        ParseResult parse, OutputFileOption plot, Report report, ModelSelection selection, ServedModel served, AcceleratorProfile accelerator,
        ServingSetup setup, ServingEstimate? chosen, string chosenBy, double? ttftSlo, double? tpotSlo)
    {
        var sweep = ServingEstimator.BatchSweep(served, accelerator, setup);
        var file = parse.GetValue(plot)!;
        if (sweep.Count == 0)
        {
            report.Findings.Add($"No plot written to {file.Name}: not even batch 1 fits on {setup.Gpus} × {accelerator.Id}.");
            return;
        }

        new OutputPlan(parse).Add(plot, () => ServePlot.Create(selection.Description, sweep, chosen, chosenBy, ttftSlo, tpotSlo)).Commit();
        report.Findings.Add($"Plotted TTFT and TPOT against output tokens/s per GPU for batch {sweep[0].Setup.Batch}–{sweep[^1].Setup.Batch} to {file.Name}.");
    }

    private static void AddPass(ReportObject pass, ServingPass values, bool fits)
    {
        pass.Add("computeSeconds", fits ? values.Compute.TotalSeconds : null);
        pass.Add("memorySeconds", fits ? values.Memory.TotalSeconds : null);
        pass.Add("communicationSeconds", fits ? values.Communication.TotalSeconds : null);
        pass.Add("flops", values.Flops.Flops);
        pass.Add("bytesPerGpu", values.BytesPerDevice.Bytes);
    }
}
