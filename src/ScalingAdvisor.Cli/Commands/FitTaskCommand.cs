using System.CommandLine;
using ScalingAdvisor.Cli.Files;
using ScalingAdvisor.Cli.Infrastructure;
using ScalingAdvisor.Cli.Options;
using ScalingAdvisor.Cli.Rendering;
using ScalingAdvisor.Fitting;
using ScalingAdvisor.Tasks;
using ScalingAdvisor.Units;
using static ScalingAdvisor.Cli.Rendering.ParameterIntervalFields;

namespace ScalingAdvisor.Cli.Commands;

/// <summary>
/// <c>fit-task RUNS.csv</c>: fits the two-step task law of Bhagia et al. 2024 to the user's evaluations, with bootstrap
/// intervals, optionally saves it (<c>--out</c>, for <c>task --task-law</c> and <c>advise --task-law</c>) and predicts
/// at <c>--params --tokens</c>. JSON: <c>step1</c> {<c>A</c>, <c>alpha</c>, <c>B</c>, <c>beta</c>, <c>E</c>}, <c>step2</c>
/// {<c>a</c>, <c>k</c>, <c>L0</c>, <c>b</c>}, <c>intervals</c> (or null), <c>prediction</c> (or null), fit diagnostics.
/// </summary>
internal static class FitTaskCommand
{
    public static Command Create()
    {
        var runsArgument = new InputFileArgument("runs",
            "CSV of evaluations with a header: params (or N), tokens (or D), taskLoss (bits per byte), accuracy (a fraction), optional final (1/0: 0 marks an intermediate checkpoint, used by step 2 only); "
                + $"at most {Inputs.InputLimits.MaxRuns} rows and {Inputs.InputLimits.MaxFileBytes / (1024 * 1024)} MiB.")
        {
            CustomParser = result => CliOptions.ParseExistingFile(result, "the task runs CSV"),
        };
        var taskOption = new Option<string?>("--task") { Description = "A name for the task the evaluations are of, stored in the law (without it, the file's name)." };
        var bootstrapOption = CliOptions.Integer("--bootstrap", "Bootstrap resamples for the intervals (0 for none).", min: 0, max: 1_000_000, defaultValue: BootstrapOptions.DefaultResamples);
        var seedOption = CliOptions.Integer("--seed", "Seed of the bootstrap resampling (same seed, same intervals).", min: 0, defaultValue: (int)BootstrapOptions.DefaultSeed);
        var confidenceOption = CliOptions.Open("--confidence", "Central coverage of the percentile intervals.", 0, 1, defaultValue: BootstrapOptions.DefaultConfidence);
        var paramsOption = CliOptions.Count("--params", "Predict at N non-embedding parameters (with --tokens).");
        var tokensOption = CliOptions.Count("--tokens", "Predict at D training tokens (with --params).");
        var outOption = CliOptions.OutputFile("--out", "Save the fitted task law as JSON (use it with task --task-law or advise --task-law).", OutputKind.TaskLaw);
        var command = new Command("fit-task", "Fit the two-step task law (N, D) → task loss → accuracy of Bhagia et al. 2024 to your evaluations, with bootstrap intervals.")
        {
            runsArgument, taskOption, bootstrapOption, seedOption, confidenceOption, paramsOption, tokensOption, outOption,
        };
        command.SetAction(parse =>
        {
            var file = parse.GetValue(runsArgument)!;
            (ParameterCount, TokenCount)? query = (parse.GetValue(paramsOption), parse.GetValue(tokensOption)) switch
            {
                ({ } n, { } d) => (ParameterCount.FromCount(n), TokenCount.FromCount(d)),
                (null, null) => null,
                _ => throw new CliInputException("--params and --tokens go together: give both to predict, or neither."),
            };
            var set = TaskRunsCsv.Read(file.FullName);
            var fitter = new TaskLawFitter();
            var fit = fitter.Fit(set.Runs, parse.GetValue(taskOption) ?? Path.GetFileNameWithoutExtension(file.Name), set.SourceName);
            int resamples = parse.GetValue(bootstrapOption)!.Value;
            var intervals = resamples == 0 ? null : fitter.Bootstrap(set.Runs, fit, new BootstrapOptions
            {
                Resamples = resamples,
                Seed = parse.GetValue(seedOption)!.Value,
                Confidence = parse.GetValue(confidenceOption)!.Value,
            }, query);
            new OutputPlan(parse).Add(outOption, stream => TaskLawFile.Save(fit.Law, fit.RunCount, stream)).Commit();

            var report = new Report($"Task law fitted to {set.SourceName}: (N, D) → task loss → accuracy");
            TaskCommand.AddSteps(report, fit.Law);
            if (report.AddObjectOrNull("intervals", intervals is not null) is { } node && intervals is { } i)
            {
                node.Add("confidence", i.Confidence).Add("resamples", i.Resamples).Add("failedResamples", i.FailedResamples).Add("seed", i.Seed);
                AddInterval(node, "A", i.A);
                AddInterval(node, "alpha", i.Alpha);
                AddInterval(node, "B", i.B);
                AddInterval(node, "beta", i.Beta);
                AddInterval(node, "E", i.E);
                AddInterval(node, "a", i.SigmoidA);
                AddInterval(node, "k", i.K);
                AddInterval(node, "L0", i.L0);
                AddInterval(node, "b", i.SigmoidB);
            }

            if (report.AddObjectOrNull("prediction", query is not null) is { } prediction && query is { } q)
            {
                var p = fit.Law.Predict(q.Item1, q.Item2);
                prediction.Add("params", q.Item1.Count).Add("tokens", q.Item2.Count)
                    .Add("taskLoss", p.TaskLoss).Add("accuracy", p.Accuracy)
                    .Add("taskLossLow", intervals?.TaskLoss?.Low).Add("taskLossHigh", intervals?.TaskLoss?.High)
                    .Add("accuracyLow", intervals?.Accuracy?.Low).Add("accuracyHigh", intervals?.Accuracy?.High);
                ExtrapolationFields.Add(report, report.Root, fit.Law.FittedRange.Assess(q.Item1, q.Item2));
            }
            else
            {
                report.Root.AddNull("extrapolation");
            }

            report.Add("runs", fit.RunCount);
            report.Add("step1Runs", fit.Step1RunCount);
            report.AddObject("step1Fit")
                .Add("objective", fit.Step1.Objective).Add("converged", fit.Step1.Convergence.Converged)
                .Add("startsTried", fit.Step1.StartsTried).Add("startsAtBest", fit.Step1.StartsAtBest)
                .Add("logRmse", fit.Step1.Diagnostics.LogRmse);
            report.AddObject("step2Fit")
                .Add("objective", fit.Step2.Objective).Add("converged", fit.Step2.Convergence.Converged)
                .Add("startsTried", fit.Step2.StartsTried).Add("startsAtBest", fit.Step2.StartsAtBest)
                .Add("rmseAccuracy", fit.Step2.RmseAccuracy).Add("points", fit.Step2.PointCount);
            if (!fit.Step1.Convergence.Converged || !fit.Step2.Convergence.Converged)
            {
                report.Findings.Add($"A step did not converge (step 1: {fit.Step1.Convergence.Reason}; step 2: {fit.Step2.Convergence.Reason}); treat the fit with care.");
            }

            if (parse.GetValue(outOption) is { } saved)
            {
                report.Findings.Add($"Saved the task law to {saved.Name}; use it with task --task-law {saved.Name} or advise --task-law {saved.Name}.");
            }

            report.Assumptions.Add("method", TaskLawFitter.Method);
            report.Assumptions.Add("taskLossUnit", "bits per byte");
            report.Assumptions.Add("source", set.SourceName);
            report.Assumptions.Add("intervals", intervals is null ? null : BootstrapOptions.Method);
            return ReportWriter.Write(parse, report);
        });
        return command;
    }
}
