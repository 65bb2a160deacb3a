using System.CommandLine;
using System.Globalization;
using ScalingAdvisor.Cli.Files;
using ScalingAdvisor.Cli.Options;
using ScalingAdvisor.Cli.Plotting;
using ScalingAdvisor.Cli.Rendering;
using ScalingAdvisor.Footprint;
using ScalingAdvisor.Hardware;
using ScalingAdvisor.Levers;
using ScalingAdvisor.Memory;
using ScalingAdvisor.Performance;
using ScalingAdvisor.Serving;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Cli.Commands;

/// <summary>
/// <c>levers</c> + model + cluster + footprint: one row per efficiency technique with its change in memory per GPU,
/// training time, decode tokens/s, energy, carbon, cost and loss against a stated baseline (library <see cref="LeverComparison"/>).
/// </summary>
internal static class LeversCommand
{
    public static Command Create()
    {
        var model = ModelOptions.Create(acceptParams: false);
        var cluster = ClusterOptions.Create();
        var footprint = FootprintOptions.Create();
        var tokens = CliOptions.Count("--tokens", $"Training tokens D (default: {LeverScenario.DefaultTokensRule}).");
        var inferenceTokens = CliOptions.Count("--inference-tokens", "Lifetime inference tokens: adds serving energy, carbon and cost at the roofline decode rate.");
        var zero = CliOptions.Integer("--zero", "Baseline ZeRO stage.", 0, 3, defaultValue: LeverScenario.DefaultZeroStage);
        var recompute = RecomputeOption.Create("Baseline activation recomputation.");
        var microBatch = CliOptions.Integer("--micro-batch", "Baseline sequences per micro-batch b.", 1, defaultValue: Compute.TrainingDefaults.MicroBatchSize);
        var flash = FlashAttentionOption.Create("The baseline uses memory-efficient attention.");
        var batch = CliOptions.Integer("--batch", "Sequences decoded together by one serving replica.", 1, defaultValue: InferenceSetup.DefaultBatchSize);
        var context = CliOptions.Integer("--context", "Tokens of context per served sequence (default: the model's context length).", 1);
        var plot = CliOptions.OutputFile("--plot", "Draw each lever's change in training time, memory per GPU, cost and CO2e as horizontal bars.", OutputKind.Image);
        var leverRegion = new Option<string?>("--lever-region") { Description = "Region for the cleaner-grid lever (see `list regions`; default: the lowest-intensity region)." };
        var command = new Command("levers",
            string.Create(CultureInfo.InvariantCulture, $"What each efficiency technique buys against a baseline (default {Compute.TrainingDefaults.Devices} × {Compute.TrainingDefaults.AcceleratorId}, ZeRO-{LeverScenario.DefaultZeroStage}, {RecomputeOption.Name(Compute.TrainingDefaults.Recomputation)} recomputation): memory per GPU, training days, decode tokens/s, energy, CO2e, cost and loss, side by side."))
        {
            tokens, inferenceTokens, zero, recompute, microBatch, flash, batch, context, leverRegion, plot,
        };
        model.AddTo(command);
        cluster.AddTo(command);
        footprint.AddTo(command);
        command.SetAction(parse =>
        {
            var selection = model.Read(parse);
            var shape = selection.Shape!;
            var trainingCluster = cluster.ReadClusterOrDefault(parse);
            var created = LeverScenario.Create(
                shape,
                trainingCluster,
                footprint.Read(parse),
                parse.GetValue(tokens) is { } d ? TokenCount.FromCount(d) : null,
                cluster.ReadEfficiency(parse));
            var scenario = (created with
            {
                Training = created.Training with
                {
                    Layout = new ParallelLayout(gpus: trainingCluster.Devices, zeroStage: parse.GetValue(zero)!.Value),
                    Activations = new ActivationSetup(
                        parse.GetValue(microBatch)!.Value, selection.SequenceLength, parse.GetValue(recompute), parse.GetValue(flash)),
                },
                Inference = new InferenceSetup(batchSize: parse.GetValue(batch)!.Value, contextLength: parse.GetValue(context)),
                InferenceTokens = parse.GetValue(inferenceTokens) is { } i ? TokenCount.FromCount(i) : TokenCount.Zero,
            }).WithExpertParallelism();

            // Without --mfu or --achieved-tflops the baseline's MFU is predicted for its layout (issue 18).
            string? mfuSource = null;
            if (!cluster.AnyEfficiencyGiven(parse))
            {
                var baselineLayout = scenario.StepTimeLayout(scenario.Training.Layout);
                var (predicted, whyNot) = StepTime.PredictedEfficiency.Predict(shape, trainingCluster, baselineLayout);
                if (predicted is not null)
                {
                    scenario = scenario with { Efficiency = TrainingEfficiency.FromMfu(predicted.Mfu), PredictedMfuLayout = baselineLayout };
                    string experts = baselineLayout.ExpertParallel > 1
                        ? string.Create(CultureInfo.InvariantCulture, $", expert parallel {baselineLayout.ExpertParallel}")
                        : "";
                    mfuSource = string.Create(CultureInfo.InvariantCulture,
                        $"predicted by the step-time model for the baseline layout (data parallel{experts}, {predicted.Layout.GlobalBatchSize} sequences per step); --mfu overrides");
                }
                else
                {
                    mfuSource = "default (--mfu not given; no step-time prediction: " + whyNot + ")";
                }
            }

            GridRegion? region = parse.GetValue(leverRegion) is { } id ? RegionCatalog.BuiltIn.Get(id) : null;
            var comparison = LeverComparison.Evaluate(scenario, LeverCatalog.Standard(scenario, region));

            var report = ReportWriter.FormatOf(parse) == OutputFormat.Table ? TableReport(comparison) : FullReport(comparison);
            if (parse.GetValue(plot) is { } plotFile)
            {
                new OutputPlan(parse).Add(plot, () => LeversPlot.Create(comparison)).Commit();
                report.Findings.Add($"Plotted each lever's changes to {plotFile.Name}.");
            }

            AddBaseline(report, comparison.Baseline);
            AddFindings(report, comparison, parse.GetValue(tokens) is null);
            AddAssumptions(report, selection, comparison.Baseline, parse.GetValue(tokens) is null, cluster, parse, mfuSource);
            return ReportWriter.Write(parse, report);
        });
        return command;
    }

    // JSON and CSV: every metric as {baseline, lever, change} in SI units, the loss effect, the note.
    private static Report FullReport(LeverComparison comparison)
    {
        var report = new Report("Efficiency levers against the baseline");
        var rows = report.AddArray("levers");
        foreach (var lever in comparison.Rows)
        {
            var row = ReportObject.NewItem(rows)
                .Add("id", lever.Id)
                .Add("name", lever.Name)
                .Add("applicable", lever.Applicable)
                .Add("notApplicableReason", lever.NotApplicableReason);
            Metric(row, "memoryPerGpuBytes", lever.TrainingMemoryPerGpu, m => m.Bytes);
            if (lever.TrainingFit is { } fit)
            {
                row.Add("fitsInGpuMemory", fit.Fits);
            }
            else
            {
                row.AddNull("fitsInGpuMemory");
            }

            Metric(row, "trainingSeconds", lever.TrainingTime, t => t.TotalSeconds);
            Metric(row, "inferenceMemoryBytes", lever.InferenceMemory, m => m.Bytes);
            Metric(row, "inferenceTokensPerSecond", lever.InferenceTokensPerSecond, r => r);
            Metric(row, "energyKwh", lever.Energy, e => e.TotalKilowattHours);
            Metric(row, "co2eKg", lever.Carbon, c => c.Kilograms);
            Metric(row, "costUsd", lever.Cost, c => c.Usd);
            row.Add("lossEffect", lever.Loss is { } loss ? LossEffectId(loss.Kind) : "not-applicable");
            row.Add("lossChangeNats", lever.Loss?.ChangeNats);
            row.Add("lossSource", lever.Loss?.Source);
            row.Add("note", lever.Note);
        }

        report.RowsField = "levers";
        return report;
    }

    // The human table: one line per lever, each cell the change with its unit and the relative change.
    private static Report TableReport(LeverComparison comparison)
    {
        var report = new Report("Efficiency levers against the baseline (change: lever − baseline)");
        var rows = report.AddArray("levers");
        foreach (var lever in comparison.Rows)
        {
            var row = ReportObject.NewItem(rows).Add("lever", lever.Name);
            if (!lever.Applicable)
            {
                foreach (string column in (string[])["memoryPerGpu", "trainingDays", "decodeTokPerSecond", "energy", "co2e", "cost"])
                {
                    row.Add(column, "n/a");
                }

                row.Add("loss", "n/a: " + lever.NotApplicableReason);
                continue;
            }

            string fits = lever.TrainingFit is { Fits: false } ? " (does not fit)" : "";
            row.Add("memoryPerGpu", Delta(lever.TrainingMemoryPerGpu, m => m.Bytes, v => QuantityFormatter.FormatBytesBinary(v)) + fits)
                .Add("trainingDays", Delta(lever.TrainingTime, t => t.TotalDays, v => QuantityFormatter.Significant(v, 3) + " d"))
                .Add("decodeTokPerSecond", Delta(lever.InferenceTokensPerSecond, r => r, v => QuantityFormatter.Significant(v, 3)))
                .Add("energy", Delta(lever.Energy, e => e.TotalKilowattHours, v => QuantityFormatter.Significant(v, 3) + " kWh"))
                .Add("co2e", Delta(lever.Carbon, c => c.Kilograms, v => QuantityFormatter.Significant(v, 3) + " kg"))
                .Add("cost", lever.Cost is null ? "no price" : Delta(lever.Cost, c => c.Usd, QuantityFormatter.FormatMoney))
                .Add("loss", lever.Loss!.Kind switch
                {
                    LossEffectKind.Unchanged => "0 (same computation)",
                    LossEffectKind.Quantified => QuantityFormatter.Significant(lever.Loss.ChangeNats!.Value, 3) + " nats",
                    _ => "not modelled",
                });
        }

        report.RowsField = "levers";
        return report;
    }

    private static void Metric<T>(ReportObject row, string name, MetricChange<T>? change, Func<T, double> value)
        where T : struct
    {
        if (change is null)
        {
            row.AddNull(name);
            return;
        }

        double baseline = value(change.Baseline);
        double lever = value(change.Lever);
        row.AddObject(name).Add("baseline", baseline).Add("lever", lever).Add("change", lever - baseline);
    }

    private static string Delta<T>(MetricChange<T>? change, Func<T, double> value, Func<double, string> format)
        where T : struct
    {
        if (change is null)
        {
            return "—";
        }

        double delta = value(change.Lever) - value(change.Baseline);
        if (delta == 0)
        {
            return "0";
        }

        string sign = delta < 0 ? "−" : "+";
        string relative = change.RelativeChange is { } r ? string.Create(CultureInfo.InvariantCulture, $" ({(r < 0 ? "−" : "+")}{Math.Abs(r) * 100:0.#}%)") : "";
        return sign + format(Math.Abs(delta)) + relative;
    }

    private static void AddBaseline(Report report, ScenarioOutcome baseline)
    {
        var b = report.AddObject("baseline");
        if (baseline.TrainingMemory.Fit is { } fit)
        {
            b.Add("fitsInGpuMemory", fit.Fits);
        }
        else
        {
            b.AddNull("fitsInGpuMemory");
        }

        b.Add("trainingTokens", baseline.Scenario.TrainingTokens.Count)
            .Add("trainingFlops", baseline.Compute.TrainingFlops.Flops)
            .Add("memoryPerGpuBytes", baseline.TrainingMemory.Total.Bytes)
            .Add("trainingSeconds", baseline.TrainingTime.WallTime.TotalSeconds)
            .Add("gpuHours", baseline.TrainingTime.GpuHours)
            .Add("inferenceMemoryBytes", baseline.InferenceMemory.Total.Bytes)
            .Add("inferenceTokensPerSecond", baseline.Inference.DecodeTokensPerSecond)
            .Add("servingGpuHours", baseline.InferenceFootprint?.GpuHours)
            .Add("energyKwh", baseline.Energy?.TotalKilowattHours)
            .Add("co2eKg", baseline.Carbon?.Kilograms)
            .Add("costUsd", baseline.Cost?.Usd)
            .Add("energyUnavailableReason", baseline.TrainingFootprint.EnergyUnavailableReason);
    }

    private static void AddFindings(Report report, LeverComparison comparison, bool defaultTokens)
    {
        var baseline = comparison.Baseline;
        if (baseline.TrainingMemory.Fit is { Fits: false } fit)
        {
            report.Findings.Add($"The baseline needs {QuantityFormatter.FormatBytesBinary(fit.Required.Bytes)} per GPU but {baseline.Scenario.Cluster.Accelerator.Id} has {QuantityFormatter.FormatBytesBinary(fit.Available.Bytes)}; see the layout and ZeRO rows.");
        }

        if (!baseline.Inference.FitsInMemory)
        {
            report.Findings.Add("The serving replica does not fit on one device; its decode speed is a single-device roofline (a real deployment shards the model).");
        }

        if (defaultTokens)
        {
            report.Findings.Add($"Training tokens default to {LeverScenario.DefaultTokensRule}; give --tokens for your run.");
        }

        if (baseline.TrainingFootprint.EnergyUnavailableReason is { } noEnergy)
        {
            report.Findings.Add($"No energy or CO2e: {noEnergy} Give --power-per-device WATTS.");
        }

        if (baseline.Cost is null)
        {
            report.Findings.Add("No cost: give --price-per-gpu-hour USD for one.");
        }

        if (baseline.InferenceFootprint is null)
        {
            report.Findings.Add("Energy, CO2e and cost are training only; give --inference-tokens to add serving.");
        }

        report.Findings.Add("Loss: 'same computation' rows train the identical model; 'not modelled' means no published law gives the change in nats, so none is guessed.");
    }

    private static void AddAssumptions(Report report, ModelSelection selection, ScenarioOutcome baseline, bool defaultTokens, ClusterOptions cluster, ParseResult parse, string? mfuSource)
    {
        var scenario = baseline.Scenario;
        var training = scenario.Training;
        ShapeReport.AddAssumptions(report, selection);
        cluster.Describe(parse, report.Assumptions, baseline.TrainingTime, mfuSource);
        report.Assumptions
            .Add("tokensSource", defaultTokens ? LeverScenario.DefaultTokensRule : "given")
            .Add("optimizer", training.Optimizer == OptimizerKind.AdamW ? "adamw" : training.Optimizer.ToString())
            .Add("bytesPerParam", ModelStateBytes.For(training.Optimizer).TotalBytes)
            .Add("zeroStage", training.Layout.ZeroStage)
            .Add("tp", training.Layout.TensorParallel)
            .Add("pp", training.Layout.PipelineParallel)
            .Add("ep", training.Layout.ExpertParallel)
            .Add("recompute", RecomputeOption.Name(training.Activations.Recomputation))
            .Add("flashAttention", training.Activations.FlashAttention)
            .Add("microBatch", training.Activations.MicroBatchSize)
            .Add("seqLen", training.Activations.SequenceLength)
            .Add("seqLenSource", selection.Training?.Source)
            .Add("timeRule", ScenarioOutcome.TrainingTimeRule)
            .Add("weightsBits", scenario.Inference.WeightBits)
            .Add("inferenceBatch", scenario.Inference.BatchSize)
            .Add("inferenceContext", baseline.InferenceMemory.ContextLength)
            .Add("bandwidthUtilisation", scenario.InferenceEfficiency.BandwidthUtilisation)
            .Add("inferenceTokens", scenario.InferenceTokens.Count)
            .Add("servingRule", ScenarioOutcome.ServingRule)
            .Add("layoutSearch", ParallelLayoutSearch.Rule)
            .Add("epRule", scenario.Shape.IsMixtureOfExperts ? ParallelLayoutSearch.ExpertParallelRule : null);
        FootprintOptions.Describe(report.Assumptions, baseline.TrainingFootprint);
    }

    private static string LossEffectId(LossEffectKind kind) => kind switch
    {
        LossEffectKind.Unchanged => "unchanged",
        LossEffectKind.Quantified => "quantified",
        _ => "not-modelled",
    };
}
