using System.CommandLine;
using System.Globalization;
using ScalingAdvisor.Advice;
using ScalingAdvisor.Cli.Options;
using ScalingAdvisor.Cli.Plotting;
using ScalingAdvisor.Cli.Rendering;
using ScalingAdvisor.Fitting;
using ScalingAdvisor.Hardware;
using ScalingAdvisor.Performance;
using ScalingAdvisor.Serving;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Cli.Commands;

/// <summary><c>advise</c>: where to stop scaling, which limit decided it, and the frontier behind it.</summary>
internal static class AdviseCommand
{
    public static Command Create()
    {
        var law = new LawOptions();
        var cluster = ClusterOptions.Create();
        var footprint = FootprintOptions.Create();
        var from = CliOptions.Count("--from", "Smallest compute budget in FLOPs.", defaultValue: AdviceScenario.DefaultFromFlops);
        var to = CliOptions.Count("--to", "Largest compute budget in FLOPs.", defaultValue: AdviceScenario.DefaultToFlops);
        var steps = CliOptions.Integer("--steps-per-doubling", "Budgets per doubling of compute.", min: 1, max: 64, defaultValue: AdviceScenario.DefaultStepsPerDoubling);
        var minGain = CliOptions.Positive("--min-gain", "Minimum loss (nats) a doubling of compute must buy.", defaultValue: AdviceScenario.DefaultMinGainNats);
        var maxDays = CliOptions.Positive("--max-days", "Longest acceptable training run in days.", defaultValue: ScalingLimits.DefaultMaxDays);
        var maxCost = CliOptions.Positive("--max-cost-usd", "Cost limit in USD (needs --price-per-gpu-hour).");
        var maxCo2e = CliOptions.Positive("--max-co2e-kg", "Emissions limit in kgCO2e.");
        var targetLoss = CliOptions.Positive("--target-loss", "Stop at the first budget reaching this loss (nats per token).");
        var unique = CliOptions.Count("--unique-tokens", "Unique training tokens available (enables the data limit).");
        var maxEpochs = CliOptions.Positive("--max-epochs", "Most repetitions of the unique data.", defaultValue: ScalingLimits.DefaultMaxEpochs);
        var inference = CliOptions.Count("--inference-tokens", "Lifetime inference tokens (inference-aware sizing).");
        var promptTokens = CliOptions.Integer("--prompt-tokens", "With --inference-tokens: prompt tokens P per served request.", min: 1, defaultValue: LifetimeServing.DefaultPromptTokens);
        var outputTokens = CliOptions.Integer("--output-tokens", "With --inference-tokens: generated tokens O per served request.", min: 1, defaultValue: LifetimeServing.DefaultOutputTokens);
        var serveBatch = CliOptions.Integer("--serve-batch", "With --inference-tokens: requests B served together.", min: 1, defaultValue: LifetimeServing.DefaultBatch);
        var whatIfPrecision = new Option<string?>("--what-if-precision") { Description = "Also advise at this precision (e.g. fp8) and compare." };
        var whatIfGpus = CliOptions.Integer("--what-if-gpus", "Also advise on this many GPUs and compare (time versus cost).", min: 1);
        var whatIfRegion = new Option<string?>("--what-if-region") { Description = "Also advise on this grid region (see list regions) and compare carbon." };
        var microBatch = CliOptions.Integer("--micro-batch", "Memory check: sequences per micro-batch.", min: 1, defaultValue: MemoryCheck.Default.MicroBatchSize);
        var seqLen = CliOptions.Integer("--seq-len", "Memory check: training tokens per sequence (a law's nominal model states none).", min: 1, defaultValue: MemoryCheck.Default.SequenceLength);
        var tp = CliOptions.Integer("--tp", string.Create(CultureInfo.InvariantCulture, $"Memory check: tensor-parallel degree with sequence parallelism, dividing activations (default {MemoryCheck.TensorParallelLimit}, or the GPU count if fewer)."), min: 1);
        var whatIfWeightBits = CliOptions.Integer("--what-if-weights-bits", "Also size serving the recommended model with weights at this many bits (e.g. 8 or 4) against 16-bit.", min: 1, max: 16);
        var taskLaw = CliOptions.ExistingFile("--task-law", "A task law saved by 'fit-task --out': the diminishing-returns rule then counts accuracy points per doubling (--min-gain-points) instead of nats.");
        var minGainPoints = CliOptions.Positive("--min-gain-points", "With --task-law: minimum accuracy points a doubling of compute must buy.", defaultValue: TaskGoal.DefaultMinGainPoints);
        var plot = CliOptions.OutputFile("--plot", "Draw loss against compute (with its bootstrap band from a bootstrapped --law-file), GPU-hours (or cost, with a price) on a second axis, the fitted range shaded and the stop point annotated.", Files.OutputKind.Image);

        var command = new Command("advise", "Sweep compute budgets, apply your limits and the diminishing-returns rule, and say where to stop scaling and why.");
        law.AddTo(command);
        cluster.AddTo(command);
        footprint.AddTo(command);
        foreach (var option in new Option[] { from, to, steps, minGain, maxDays, maxCost, maxCo2e, targetLoss, unique, maxEpochs, inference, promptTokens, outputTokens, serveBatch, microBatch, seqLen, tp, taskLaw, minGainPoints, plot, whatIfPrecision, whatIfGpus, whatIfRegion, whatIfWeightBits })
        {
            command.Add(option);
        }

        command.SetAction(parse =>
        {
            var trainingCluster = cluster.ReadClusterOrDefault(parse);
            var accelerator = trainingCluster.Accelerator;
            var limits = new ScalingLimits
            {
                MaxDays = parse.GetValue(maxDays),
                MaxCost = parse.GetValue(maxCost) is { } usd ? Money.FromUsd(usd) : null,
                MaxCo2e = parse.GetValue(maxCo2e) is { } kg ? CarbonMass.FromKilograms(kg) : null,
                TargetLoss = parse.GetValue(targetLoss),
                UniqueTokens = parse.GetValue(unique) is { } u ? TokenCount.FromCount(u) : null,
                MaxEpochs = parse.GetValue(maxEpochs)!.Value,
            };
            var lossLaw = law.Resolve(parse);
            LawOptions.RequireUniqueTokensIfNeeded(lossLaw, parse.GetValue(unique));
            var scenario = new AdviceScenario(lossLaw, trainingCluster, cluster.ReadEfficiency(parse), footprint.Read(parse), limits)
            {
                From = FlopCount.FromFlops(parse.GetValue(from)!.Value),
                To = FlopCount.FromFlops(parse.GetValue(to)!.Value),
                StepsPerDoubling = parse.GetValue(steps)!.Value,
                MinGainNats = parse.GetValue(minGain)!.Value,
                InferenceTokens = parse.GetValue(inference) is { } i ? TokenCount.FromCount(i) : TokenCount.Zero,
                Memory = new MemoryCheck
                {
                    MicroBatchSize = parse.GetValue(microBatch)!.Value,
                    SequenceLength = parse.GetValue(seqLen)!.Value,
                    TensorParallel = parse.GetValue(tp),
                },
                Task = parse.GetValue(taskLaw) is { } taskFile
                    ? new TaskGoal(TaskLawFile.Load(taskFile.FullName), parse.GetValue(minGainPoints)!.Value)
                    : null,
                Uncertainty = parse.GetValue(law.LawFile) is { } lawFile && FittedLawFile.Load(lawFile.FullName) is { DataConstrained: null, Intervals: { } intervals }
                    ? LawUncertainty.From(intervals)
                    : null,

                // Without --mfu or --achieved-tflops each budget's MFU is predicted (issue 18), as `levers` predicts its baseline's.
                PredictMfu = !cluster.AnyEfficiencyGiven(parse),
            };
            if (scenario.Task is null && parse.GetResult(minGainPoints) is { Implicit: false })
            {
                throw new Infrastructure.CliInputException("--min-gain-points needs --task-law FILE (a task law from 'fit-task --out').");
            }

            var result = Advisor.Advise(scenario);
            var report = ToReport(result);
            var variants = new List<(string, AdviceScenario)>();
            if (parse.GetValue(whatIfPrecision) is { } p)
            {
                var precision = Precisions.Parse(p);
                variants.Add(($"{Precisions.ToId(precision)} instead of {Precisions.ToId(trainingCluster.Precision)}",
                    scenario with { Cluster = new TrainingCluster(accelerator, trainingCluster.Devices, precision) }));
            }

            if (parse.GetValue(whatIfGpus) is { } g)
            {
                variants.Add(($"{g} GPUs instead of {trainingCluster.Devices}",
                    scenario with { Cluster = new TrainingCluster(accelerator, g, trainingCluster.Precision) }));
            }

            if (parse.GetValue(whatIfRegion) is { } region)
            {
                var f = scenario.Footprint;
                variants.Add(($"grid region {region}", scenario with
                {
                    Footprint = Footprint.FootprintAssumptions.ForRegion(Footprint.RegionCatalog.BuiltIn.Get(region), f.Pue, f.PowerFraction, f.PricePerGpuHour)
                        with { AveragePowerPerDevice = f.AveragePowerPerDevice },
                }));
            }

            // Without what-ifs, whatIfs is [] and servingWhatIf null: present, never omitted (CLI.md).
            AddWhatIfs(report, variants.Count > 0 ? WhatIf.Compare(scenario, variants) : []);
            if (parse.GetValue(whatIfWeightBits) is { } bits)
            {
                AddServingWhatIf(report, result, bits);
            }
            else
            {
                report.Root.AddNull("servingWhatIf");
            }

            var request = new ServingSetup(parse.GetValue(promptTokens)!.Value, parse.GetValue(outputTokens)!.Value, parse.GetValue(serveBatch)!.Value);
            AddLifetime(report, result, request);
            AddDistillation(report, result, request);
            if (parse.GetValue(plot) is { } plotFile)
            {
                new Files.OutputPlan(parse).Add(plot, () => AdvicePlot.Create(result)).Commit();
                report.Findings.Add($"Plotted loss against compute to {plotFile.Name}.");
            }

            return ReportWriter.Write(parse, report);
        });
        return command;
    }

    private static Report ToReport(AdviceResult result)
    {
        var report = new Report("Where to stop scaling");
        var recommendation = report.AddObject("recommendation");
        AddPoint(recommendation, result.Recommendation.Point);
        AddTask(recommendation, result, result.Recommendation.Point is null ? null : result.RecommendedIndex);
        recommendation.Add("boundBy", result.Recommendation.BoundBy.ToId());
        recommendation.Add("reason", result.Recommendation.Reason);
        var fittedRange = result.Scenario.Law.FittedRange;
        if (result.Recommendation.Point is { } recommended)
        {
            ExtrapolationFields.Add(report, recommendation, fittedRange.Assess(recommended.Parameters, recommended.Tokens));
        }
        else
        {
            recommendation.AddNull("extrapolation");
        }

        report.Add("energyUnavailableReason", result.EnergyUnavailableReason);
        if (recommendation.AddObjectOrNull("interval", result.Interval is not null) is { } intervalNode)
        {
            AddInterval(intervalNode, result.Interval!);
        }

        var frontier = report.AddArray("frontier");
        for (int k = 0; k < result.Frontier.Count; k++)
        {
            var row = ReportObject.NewItem(frontier);
            AddPoint(row, result.Frontier[k]);
            AddTask(row, result, k);
            row.Add("recommended", k == result.RecommendedIndex);

            // Only the reported points are assessed, here, off the advisor's allocation-free sweep.
            row.Add("extrapolationFactor", fittedRange.Assess(result.Frontier[k].Parameters, result.Frontier[k].Tokens).LargestFactor);
        }

        report.RowsField = "frontier";
        report.Findings.AddRange(result.Findings);
        var scenario = result.Scenario;
        LawOptions.Describe(report.Assumptions, scenario.Law);
        report.Assumptions
            .Add("hardware", scenario.Cluster.Accelerator.Id)
            .Add("gpus", scenario.Cluster.Devices)
            .Add("precision", Precisions.ToId(scenario.Cluster.Precision))
            .Add("mfu", scenario.PredictMfu ? result.Recommendation.Point?.Mfu : scenario.Efficiency.Mfu)
            .Add("mfuSource", scenario.PredictMfu ? scenario.Memory.PredictionRule + "; --mfu overrides"
                : scenario.Efficiency.Mfu is null ? "derived from --achieved-tflops" : "given (--mfu)")
            .Add("pue", scenario.Footprint.Pue)
            .Add("powerPerDeviceWatts", scenario.Footprint.AveragePowerPerDevice?.Watts)
            .Add("gridIntensityKgPerKwh", scenario.Footprint.GridIntensity.KilogramsPerKilowattHour)
            .Add("region", scenario.Footprint.RegionId)
            .Add("minGainNats", scenario.MinGainNats)
            .Add("minGainPoints", scenario.Task?.MinGainPoints)
            .Add("taskLaw", scenario.Task is { } goal ? $"{goal.Law.Id} ({goal.Law.Task})" : null)
            .Add("maxDays", scenario.Limits.MaxDays)
            .Add("stateBytesPerParam", scenario.Memory.StateBytesPerParameter)
            .Add("microBatch", scenario.Memory.MicroBatchSize)
            .Add("seqLen", scenario.Memory.SequenceLength)
            .Add("tp", scenario.Memory.TensorParallelOn(scenario.Cluster.Devices))
            .Add("ep", result.Recommendation.Point?.ExpertParallel)
            .Add("epRule", result.Recommendation.Point?.ExpertParallel is null ? null : MemoryCheck.ExpertParallelRule)
            .Add("memoryRule", scenario.Memory.Rule);
        return report;
    }

    private static void AddWhatIfs(Report report, IReadOnlyList<WhatIf> whatIfs)
    {
        var rows = report.AddArray("whatIfs");
        foreach (var whatIf in whatIfs)
        {
            var row = ReportObject.NewItem(rows).Add("change", whatIf.Name);
            var recommendation = row.AddObject("recommendation");
            AddPoint(recommendation, whatIf.Result.Recommendation.Point);
            AddTask(recommendation, whatIf.Result, whatIf.Result.Recommendation.Point is null ? null : whatIf.Result.RecommendedIndex);

            recommendation.Add("boundBy", whatIf.Result.Recommendation.BoundBy.ToId());
            recommendation.Add("reason", whatIf.Result.Recommendation.Reason);
        }
    }

    private static void AddInterval(ReportObject target, RecommendationInterval interval)
    {
        target.Add("confidence", interval.Confidence)
            .Add("resamples", interval.Samples)
            .Add("withoutRecommendation", interval.WithoutRecommendation);
        AddRange(target.AddObject("flops"), interval.BudgetFlops);
        AddRange(target.AddObject("params"), interval.Parameters);
        AddRange(target.AddObject("tokens"), interval.Tokens);
        AddRange(target.AddObject("loss"), interval.Loss);
        var bounds = target.AddObject("boundByCounts");
        foreach (var (bound, count) in interval.BoundCounts.OrderByDescending(pair => pair.Value))
        {
            bounds.Add(bound.ToId(), count);
        }

        static void AddRange(ReportObject range, Fitting.ParameterInterval value)
            => range.Add("low", value.Low).Add("high", value.High);
    }

    private static void AddServingWhatIf(Report report, AdviceResult result, int bits)
    {
        if (result.Recommendation.Point is not { } point)
        {
            report.Findings.Add("No recommendation, so the quantised-inference what-if was skipped.");
            report.Root.AddNull("servingWhatIf");
            return;
        }

        var accelerator = result.Scenario.Cluster.Accelerator;
        var options = QuantisedInference.Compare(point.Parameters, accelerator, bits == 16 ? [16] : [16, bits]);
        var serving = report.AddObject("servingWhatIf");
        serving.Add("params", point.Parameters.Count)
            .Add("hardware", accelerator.Id)
            .Add("batch", QuantisedInference.DefaultBatch)
            .Add("contextTokens", QuantisedInference.DefaultContextTokens)
            .Add("lossEffect", "not modelled: no published law gives the loss of quantised weights in nats");
        var rows = serving.AddArray("options");
        foreach (var option in options)
        {
            ReportObject.NewItem(rows)
                .Add("weightBits", option.WeightBits)
                .Add("weightsBytes", option.WeightBytes.Bytes)
                .Add("kvCacheBytes", option.KeyValueCacheBytes.Bytes)
                .Add("gpusPerReplica", option.DevicesPerReplica)
                .Add("decodeTokensPerSecond", option.DecodeTokensPerSecond)
                .Add("decodeTokensPerSecondPerGpu", option.DecodeTokensPerSecondPerDevice)
                .Add("bound", option.BoundBy == RooflineBound.Memory ? "memory" : "compute");
        }

        var baseline = options[0];
        var narrow = options[^1];
        report.Findings.Add($"Serving the recommended {QuantityFormatter.FormatScientific(point.Parameters.Count, 3)}-parameter model with {narrow.WeightBits}-bit weights needs "
            + $"{narrow.DevicesPerReplica} × {accelerator.Id} per replica instead of {baseline.DevicesPerReplica}, and decodes "
            + $"{QuantityFormatter.Significant(narrow.DecodeTokensPerSecondPerDevice, 3)} instead of {QuantityFormatter.Significant(baseline.DecodeTokensPerSecondPerDevice, 3)} tokens/s per GPU "
            + $"({QuantityFormatter.Significant(narrow.DecodeTokensPerSecond, 3)} against {QuantityFormatter.Significant(baseline.DecodeTokensPerSecond, 3)} per replica; batch {QuantisedInference.DefaultBatch}, {QuantisedInference.DefaultContextTokens}-token context); its loss change is not modelled.");
    }

    // Training and serving footprint side by side for the recommended model (issue 20): same device and footprint defaults.
    private static void AddLifetime(Report report, AdviceResult result, ServingSetup request)
    {
        var tokens = result.Scenario.InferenceTokens;
        if (tokens.Count <= 0 || result.Recommendation.Point is not { } point)
        {
            report.Root.AddNull("lifetime");
            return;
        }

        var accelerator = result.Scenario.Cluster.Accelerator;
        var lifetime = LifetimeServing.Estimate(ServedModel.FromParameters(point.Parameters), accelerator, result.Scenario.Footprint, tokens, request);
        var serving = lifetime.PerMillion.Serving;
        var total = lifetime.Total;
        report.Assumptions
            .Add("serveRequest", string.Create(CultureInfo.InvariantCulture, $"{serving.Setup.PromptTokens}/{serving.Setup.OutputTokens}-token requests, batch {serving.Setup.Batch} ({LifetimeServing.RequestSource})"))
            .Add("serveMfu", serving.Setup.Efficiency.Mfu)
            .Add("serveBandwidthUtilisation", serving.Setup.Efficiency.BandwidthUtilisation)
            .Add("serveWeightsBits", serving.Setup.Weights.Bits)
            .Add("serveKvBits", serving.Setup.KeyValueBits);
        var node = report.AddObject("lifetime");
        node.Add("inferenceTokens", tokens.Count)
            .Add("requests", lifetime.Requests)
            .Add("outputTokens", lifetime.OutputTokens)
            .Add("hardware", accelerator.Id)
            .Add("gpusPerReplica", serving.Setup.Gpus)
            .Add("promptTokens", serving.Setup.PromptTokens)
            .Add("outputTokensPerRequest", serving.Setup.OutputTokens)
            .Add("batch", serving.Setup.Batch)
            .Add("fitsInMemory", serving.FitsInMemory)
            .Add("notFitReason", serving.NotFitReason)
            .Add("ttftSeconds", serving.TimeToFirstToken.TotalSeconds)
            .Add("tpotSeconds", serving.TimePerOutputToken.TotalSeconds)
            .Add("outputTokensPerSecondPerGpu", serving.OutputTokensPerSecondPerGpu);
        node.AddObject("training")
            .Add("gpuHours", point.GpuHours)
            .Add("energyKwh", point.Energy?.TotalKilowattHours)
            .Add("co2eKg", point.Co2e?.Kilograms)
            .Add("costUsd", point.Cost?.Usd);
        node.AddObject("serving")
            .Add("gpuHours", total?.GpuHours)
            .Add("energyKwh", total?.Energy?.TotalKilowattHours)
            .Add("co2eKg", total?.Carbon?.Kilograms)
            .Add("costUsd", total?.Cost?.Usd);
        node.Add("servingShareOfGpuHours", total is null ? null : total.GpuHours / (total.GpuHours + point.GpuHours))
            .Add("rule", LifetimeServing.Rule)
            .AsDetails(); // JSON and CSV only: the finding says it in the table
        report.Findings.Add(total is null
            ? $"Serving {QuantityFormatter.FormatScientific(tokens.Count, 3)} inference tokens not costed: {serving.NotFitReason}"
            : $"Lifetime: training {QuantityFormatter.FormatScientific(point.GpuHours, 3)} GPU-hours, serving {QuantityFormatter.FormatScientific(total.GpuHours, 3)} "
              + $"({QuantityFormatter.FormatScientific(tokens.Count, 3)} tokens as {serving.Setup.PromptTokens}/{serving.Setup.OutputTokens}-token requests, batch {serving.Setup.Batch}, {serving.Setup.Gpus} × {accelerator.Id} per replica; details in JSON).");
    }

    // The distillation lever at the stop point: a quarter-size student of the recommended model (Busbridge et al. 2025).
    private static void AddDistillation(Report report, AdviceResult result, ServingSetup request)
    {
        if (result.Recommendation.Point is not { } point)
        {
            report.Root.AddNull("distillation");
            return;
        }

        var student = Distillation.DistilledStudent.Of(point.Parameters, point.Tokens);
        var estimate = student.Estimate;
        var accelerator = result.Scenario.Cluster.Accelerator;
        var savings = ServingSavings.Of(ServedModel.FromParameters(point.Parameters), ServedModel.FromParameters(estimate.StudentParameters), accelerator, result.Scenario.Footprint, request);
        var distillation = report.AddObject("distillation")
            .Add("studentParams", estimate.StudentParameters.Count)
            .Add("studentTokens", estimate.StudentTokens.Count)
            .Add("teacherLoss", estimate.TeacherLoss)
            .Add("studentLoss", estimate.StudentLoss)
            .Add("supervisedLoss", estimate.SupervisedLoss)
            .Add("teacherLogitFlops", student.TeacherLogitFlops.Flops)
            .Add("servingFlopRatio", student.ServingFlopRatio)
            .Add("servingCostRatio", savings.GpuHoursRatio);
        AddPerMillion(distillation.AddObject("teacherServing"), savings.Larger, accelerator);
        AddPerMillion(distillation.AddObject("studentServing"), savings.Smaller, accelerator);
        distillation
            .Add("lossSource", Distillation.DistillationLaw.Source + "; the recommended N is taken as non-embedding parameters")
            .AsDetails(); // JSON and CSV only: the finding says it in the table
        report.Findings.Add($"A {QuantityFormatter.FormatScientific(estimate.StudentParameters.Count, 3)}-parameter student distilled from it: "
            + $"{QuantityFormatter.Significant(estimate.StudentLoss, 4)} nats (Busbridge et al. 2025, C4; alone {QuantityFormatter.Significant(estimate.SupervisedLoss, 4)}), "
            + (savings.GpuHoursRatio is { } ratio
                ? $"{QuantityFormatter.Significant(ratio, 3)}× cheaper to serve per output token on {accelerator.Id} ({QuantityFormatter.Significant(student.ServingFlopRatio, 3)}× fewer FLOPs)."
                : $"{QuantityFormatter.Significant(student.ServingFlopRatio, 3)}× fewer FLOPs per served token (the teacher's serving batch fits on no replica of up to 8 GPUs)."));
    }

    // One model's serving per million output tokens, as serve reports it (null fields when the batch fits nowhere).
    private static void AddPerMillion(ReportObject node, ServingAtScale serving, AcceleratorProfile accelerator)
    {
        var perMillion = serving.Footprint?.PerMillionOutputTokens;
        node.Add("hardware", accelerator.Id)
            .Add("gpusPerReplica", serving.Serving.Setup.Gpus)
            .Add("fitsInMemory", serving.Serving.FitsInMemory)
            .Add("outputTokensPerSecondPerGpu", serving.Serving.OutputTokensPerSecondPerGpu)
            .Add("gpuHoursPerMillionOutputTokens", perMillion?.GpuHours)
            .Add("energyKwhPerMillionOutputTokens", perMillion?.Energy?.TotalKilowattHours)
            .Add("co2eKgPerMillionOutputTokens", perMillion?.Carbon?.Kilograms)
            .Add("costUsdPerMillionOutputTokens", perMillion?.Cost?.Usd);
    }

    /// <summary>
    /// With a task law, the point's accuracy (a fraction) and the points the next doubling buys; without one both are
    /// null, and kept out of the table (JSON and CSV still carry them) so that the default report keeps its width.
    /// </summary>
    private static void AddTask(ReportObject row, AdviceResult result, int? index)
    {
        double? accuracy = index is { } k ? result.TaskPredictions?[k].Accuracy : null;
        double? gain = index is { } i ? result.GainPointsNextDoubling(i) : null;
        if (result.Scenario.Task is null)
        {
            row.AddDetail("accuracy", accuracy).AddDetail("gainNextDoublingPoints", gain);
        }
        else
        {
            row.Add("accuracy", accuracy).Add("gainNextDoublingPoints", gain);
        }
    }

    /// <summary>A budget's fields; every one null when there is no point (no recommendation: CLI.md's "null, with the reason").</summary>
    private static void AddPoint(ReportObject row, BudgetPoint? point) => row
        .Add("flops", point?.Budget.Flops)
        .Add("params", point?.Parameters.Count)
        .Add("tokens", point?.Tokens.Count)
        .Add("loss", point?.Loss)
        .Add("wallDays", point?.WallTime.TotalDays)
        .Add("gpuHours", point?.GpuHours)
        .Add("mfu", point?.Mfu)
        .Add("energyKwh", point?.Energy?.TotalKilowattHours)
        .Add("co2eKg", point?.Co2e?.Kilograms)
        .Add("costUsd", point?.Cost?.Usd)
        .Add("gainNextDoubling", point?.GainNextDoubling)
        .Add("memoryBytesPerGpu", point?.MemoryBytesPerGpu.Bytes)
        .Add("activationBytesPerGpu", point?.ActivationBytesPerGpu.Bytes);
}
