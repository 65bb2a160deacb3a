using System.CommandLine;
using System.Globalization;
using ScalingAdvisor.Cli.Files;
using ScalingAdvisor.Cli.Options;
using ScalingAdvisor.Cli.Plotting;
using ScalingAdvisor.Cli.Rendering;
using ScalingAdvisor.Fitting;
using ScalingAdvisor.Laws;
using ScalingAdvisor.Units;
using Spectre.Console;
using static ScalingAdvisor.Cli.Rendering.ParameterIntervalFields;

namespace ScalingAdvisor.Cli.Commands;

/// <summary>
/// <c>fit PATH.csv</c>: fits L = E + A/N^α + B/D^β to the user's runs (Hoffmann et al. 2022 App. D.2), with
/// bootstrap intervals, and optionally saves the law (<c>--out</c>, for <c>--law-file</c>) and plots the fit.
/// JSON: <c>law</c> {<c>e</c>, <c>a</c>, <c>b</c>, <c>alpha</c>, <c>beta</c>} where <c>e</c> is the irreducible
/// loss E itself (not its log; the log-space parameters are the extra fields <c>logE</c>, <c>logA</c>, <c>logB</c>),
/// <c>intervals</c> (per parameter <c>low</c>, <c>high</c>), <c>objective</c>, <c>runs</c>, <c>converged</c>,
/// <c>startsAtBest</c>, <c>diagnostics</c>, <c>extrapolation</c> (of the <c>--budget</c> optimum, as <c>loss</c> and
/// <c>optimal</c> report it; null without a budget), <c>worstRuns</c> (per run <c>line</c>, its 1-based line in the file, the
/// one row number the table shows; and <c>index</c>, its 0-based position among the runs, kept in JSON and CSV for schema
/// compatibility).
/// </summary>
internal static class FitCommand
{
    /// <summary>Bootstraps shorter than this finish in well under a second: no progress bar.</summary>
    private const int ProgressThreshold = 200;

    private static readonly Choices<LossFitMethod> Methods = new(("huber", LossFitMethod.Huber), ("likelihood", LossFitMethod.Likelihood));

    public static Command Create()
    {
        var runsArgument = new InputFileArgument("runs",
            "CSV of runs with a header: params (or N), tokens (or D), loss (nats/token), optional weight; any column order; "
                + $"counts as on the command line (70B, 1.4T); at most {Inputs.InputLimits.MaxRuns} runs and {Inputs.InputLimits.MaxFileBytes / (1024 * 1024)} MiB.")
        {
            CustomParser = result => CliOptions.ParseExistingFile(result, "the runs CSV"),
        };
        var bootstrapOption = CliOptions.Integer("--bootstrap", "Bootstrap resamples for the intervals (0 for none).", min: 0, max: 1_000_000, defaultValue: BootstrapOptions.DefaultResamples);
        var seedOption = CliOptions.Integer("--seed", "Seed of the bootstrap resampling (same seed, same intervals).", min: 0, defaultValue: (int)BootstrapOptions.DefaultSeed);
        var confidenceOption = CliOptions.Open("--confidence", "Central coverage of the percentile intervals.", 0, 1, defaultValue: BootstrapOptions.DefaultConfidence);
        var budgetOption = CliOptions.Count("--budget", "A compute budget in FLOPs (e.g. 1e24) at which to report the compute-optimal N, D and loss.");
        var outOption = CliOptions.OutputFile("--out", "Save the fitted law as JSON (use it with --law-file).", OutputKind.FittedLaw);
        var plotOption = CliOptions.OutputFile("--plot", "Draw the runs (coloured by N), the fitted loss against tokens at a few model sizes with the bootstrap band, and the --budget optimum.", OutputKind.Image);
        var methodOption = CliOptions.Choice("--method", "huber (Hoffmann et al. 2022 App. D.2) or likelihood (Gaussian log-loss likelihood with inverse-Hessian standard errors, Besiroglu et al. 2024).", Methods, LossFitMethod.Huber);
        var dataConstrainedOption = new Option<bool>("--data-constrained")
        {
            Description = "Also fit the repetition constants R*_D and R*_N of Muennighoff et al. 2023 (needs a uniqueTokens column; the base law is fitted to the single-epoch runs).",
        };

        var command = new Command("fit", "Fit a Chinchilla-form loss law L = E + A/N^α + B/D^β to your runs, with bootstrap intervals.")
        {
            runsArgument, bootstrapOption, seedOption, confidenceOption, budgetOption, outOption, plotOption, methodOption, dataConstrainedOption,
        };
        command.SetAction(parse =>
        {
            var file = parse.GetValue(runsArgument)!;
            var set = RunsCsv.Read(file.FullName);
            var method = parse.GetValue(methodOption);
            DataConstrainedFitResult? constrained = null;
            if (parse.GetValue(dataConstrainedOption))
            {
                if (parse.GetValue(plotOption) is not null || method != LossFitMethod.Huber)
                {
                    throw new Infrastructure.CliInputException("--data-constrained cannot be combined with --plot or --method likelihood yet: it reports and saves (--out) the fitted law only.");
                }

                constrained = DataConstrainedFitter.Fit(set.Runs);
                set = set with { Runs = [.. set.Runs.Where(r => r.Tokens.Count <= r.UniqueTokens!.Value.Count)] };
            }

            var likelihood = method == LossFitMethod.Likelihood ? LikelihoodFitter.Fit(set.Runs) : null;
            var fit = constrained?.Base ?? likelihood?.Fit ?? new ChinchillaFitter().Fit(set.Runs);
            var fitOptions = likelihood is null ? new ChinchillaFitOptions() : LikelihoodFitter.Options;
            int resamples = parse.GetValue(bootstrapOption)!.Value;
            var budget = parse.GetValue(budgetOption) is { } flops ? FlopCount.FromFlops(flops) : (FlopCount?)null;
            BootstrapResult? intervals = null;
            if (resamples > 0)
            {
                var options = new BootstrapOptions
                {
                    Resamples = resamples,
                    Seed = parse.GetValue(seedOption)!.Value,
                    Confidence = parse.GetValue(confidenceOption)!.Value,
                    Budget = budget,
                };
                intervals = RunBootstrap(parse, set.Runs, fit, options, fitOptions);
            }

            var fitted = FittedLaw.From(set, fit, intervals) with
            {
                // Saved as kind "data-constrained": the base as 'law', the eq. 5 law as 'repetition' (FittedLawFile).
                DataConstrained = constrained?.Law,
                DataConstrainedRuns = constrained is null ? null : constrained.SingleEpochRuns + constrained.RepeatedRuns,
            };
            new OutputPlan(parse)
                .Add(outOption, stream => FittedLawFile.Save(fitted, stream))
                .Add(plotOption, () => FitPlot.Create(set, fit.Law, intervals, budget))
                .Commit();

            var report = BuildReport(set, fit, fitted, budget, parse.GetValue(outOption), parse.GetValue(plotOption), fitOptions);
            AddMethodFields(report, likelihood, constrained);
            return ReportWriter.Write(parse, report);
        });
        return command;
    }

    private static BootstrapResult RunBootstrap(ParseResult parse, IReadOnlyList<TrainingRun> runs, FitResult<ChinchillaLaw> fit, BootstrapOptions options, ChinchillaFitOptions fitOptions)
    {
        bool interactive = options.Resamples >= ProgressThreshold
            && ReportWriter.FormatOf(parse) != OutputFormat.Json
            && ReferenceEquals(parse.InvocationConfiguration.Output, Console.Out)
            && !Console.IsOutputRedirected && !Console.IsErrorRedirected;
        if (!interactive)
        {
            return ChinchillaBootstrap.Run(runs, fit, options, fitOptions);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        BootstrapResult? result = null;
        console.Progress().AutoClear(true).Start(context =>
        {
            var task = context.AddTask("bootstrap resamples", maxValue: options.Resamples);
            var gate = new object();
            result = ChinchillaBootstrap.Run(runs, fit, options, fitOptions, progress: new Reporter(done =>
            {
                lock (gate)
                {
                    task.Value = Math.Max(task.Value, done);
                }
            }));
        });
        return result!;
    }

    private static Report BuildReport(RunSet set, FitResult<ChinchillaLaw> fit, FittedLaw fitted, FlopCount? budget, FileInfo? outFile, FileInfo? plotFile, ChinchillaFitOptions fitOptions)
    {
        var law = fit.Law;
        var report = new Report($"Law fitted to {set.SourceName}: L = E + A/N^α + B/D^β");
        report.AddObject("law")
            .Add("e", law.E).Add("a", law.A).Add("b", law.B).Add("alpha", law.Alpha).Add("beta", law.Beta)
            .Add("logE", Math.Log(law.E)).Add("logA", Math.Log(law.A)).Add("logB", Math.Log(law.B));
        var intervals = fitted.Intervals;
        if (intervals is null)
        {
            report.Root.AddNull("intervals");
        }
        else
        {
            var node = report.AddObject("intervals");
            node.Add("confidence", intervals.Confidence).Add("resamples", intervals.Resamples)
                .Add("failedResamples", intervals.FailedResamples).Add("seed", intervals.Seed);
            AddInterval(node, "e", intervals.E);
            AddInterval(node, "a", intervals.A);
            AddInterval(node, "b", intervals.B);
            AddInterval(node, "alpha", intervals.Alpha);
            AddInterval(node, "beta", intervals.Beta);
            AddInterval(node, "paramsExponent", intervals.ParametersExponent);
            AddInterval(node, "tokensExponent", intervals.TokensExponent);
        }

        report.Add("objective", fit.Objective);
        report.Add("runs", fit.RunCount);
        report.Add("converged", fit.Convergence.Converged);
        report.Add("convergence", fit.Convergence.Reason);
        report.Add("startsTried", fit.StartsTried);
        report.Add("startsAtBest", fit.StartsAtBest);
        report.AddObject("diagnostics").Add("logRmse", fit.Diagnostics.LogRmse).Add("maxAbsLogResidual", fit.Diagnostics.MaxAbsLogResidual);
        report.AddObject("ranges")
            .Add("minParams", fitted.Ranges.MinParameters.Count).Add("maxParams", fitted.Ranges.MaxParameters.Count)
            .Add("minTokens", fitted.Ranges.MinTokens.Count).Add("maxTokens", fitted.Ranges.MaxTokens.Count)
            .Add("minFlops", fitted.Ranges.MinFlops.Flops).Add("maxFlops", fitted.Ranges.MaxFlops.Flops);

        if (report.AddObjectOrNull("optimalAtBudget", budget is not null) is { } optimal && budget is { } c)
        {
            var optimum = FittedOptimum.At(law, c);
            optimal.Add("flops", c.Flops).Add("params", optimum.Parameters.Count).Add("tokens", optimum.Tokens.Count)
                .Add("tokensPerParam", optimum.Tokens.Count / optimum.Parameters.Count).Add("loss", optimum.Loss);
            var atBudget = intervals?.AtBudget;
            optimal.Add("paramsLow", atBudget?.OptimalParameters.Low).Add("paramsHigh", atBudget?.OptimalParameters.High)
                .Add("tokensLow", atBudget?.OptimalTokens.Low).Add("tokensHigh", atBudget?.OptimalTokens.High)
                .Add("lossLow", atBudget?.Loss.Low).Add("lossHigh", atBudget?.Loss.High);

            // The optimum against the range of the runs, as every command that evaluates a law reports it.
            ExtrapolationFields.Add(report, report.Root, fitted.Law.FittedRange.Assess(optimum.Parameters, optimum.Tokens));
        }
        else
        {
            report.Root.AddNull("extrapolation");
        }

        var worst = report.AddArray("worstRuns");
        foreach (var residual in fit.Diagnostics.WorstRuns)
        {
            var run = set.Runs[residual.Index];
            ReportObject.NewItem(worst)
                .AddDetail("index", residual.Index).Add("line", run.Line).Add("params", run.Parameters.Count).Add("tokens", run.Tokens.Count)
                .Add("loss", residual.ObservedLoss).Add("predictedLoss", residual.PredictedLoss).Add("logResidual", residual.LogResidual);
        }

        if (!fit.Convergence.Converged)
        {
            report.Findings.Add($"The best start did not converge ({fit.Convergence.Reason}); treat the fit with care.");
        }

        if (outFile is not null)
        {
            report.Findings.Add($"Saved the fitted law to {outFile.Name}; use it with --law-file {outFile.Name}.");
        }

        if (plotFile is not null)
        {
            report.Findings.Add($"Plotted the runs and the fitted curves to {plotFile.Name}.");
        }

        report.Assumptions.Add("method", ReferenceEquals(fitOptions, LikelihoodFitter.Options) ? LikelihoodFitter.Method : fitOptions.Method);
        report.Assumptions.Add("huberDelta", fitOptions.HuberDelta);
        report.Assumptions.Add("source", set.SourceName);
        report.Assumptions.Add("intervals", intervals is null ? null : BootstrapOptions.Method);

        return report;
    }

    /// <summary>
    /// <c>standardErrors</c>, <c>logLikelihood</c>, <c>sigma</c> (with <c>--method likelihood</c>) and <c>repetition</c>
    /// (with <c>--data-constrained</c>); each null otherwise.
    /// </summary>
    private static void AddMethodFields(Report report, LikelihoodFitResult? likelihood, DataConstrainedFitResult? constrained)
    {
        if (report.AddObjectOrNull("standardErrors", likelihood?.StandardErrors is not null) is { } errors && likelihood?.StandardErrors is { } se)
        {
            errors.Add("e", se.E).Add("a", se.A).Add("b", se.B).Add("alpha", se.Alpha).Add("beta", se.Beta)
                .Add("logE", se.LogE).Add("logA", se.LogA).Add("logB", se.LogB);
        }

        report.Add("logLikelihood", likelihood?.LogLikelihood);
        report.Add("sigma", likelihood?.Sigma);
        if (likelihood is not null && likelihood.StandardErrors is null)
        {
            report.Findings.Add("The Hessian of the negative log-likelihood is not positive definite at the optimum, so these runs do not identify every parameter: no standard errors.");
        }

        if (report.AddObjectOrNull("repetition", constrained is not null) is { } repetition && constrained is not null)
        {
            repetition.Add("e", constrained.Law.E).Add("a", constrained.Law.A).Add("b", constrained.Law.B)
                .Add("alpha", constrained.Law.Alpha).Add("beta", constrained.Law.Beta)
                .Add("dataRepetitionConstant", constrained.Law.DataRepetitionConstant)
                .Add("parameterRepetitionConstant", constrained.Law.ParameterRepetitionConstant)
                .Add("objective", constrained.Objective)
                .Add("converged", constrained.Convergence.Converged)
                .Add("singleEpochRuns", constrained.SingleEpochRuns)
                .Add("repeatedRuns", constrained.RepeatedRuns);
            report.Findings.Add($"Data-constrained law (Muennighoff et al. 2023 eq. 5): 'law' is the base fitted to the {constrained.SingleEpochRuns} single-epoch runs; 'repetition' holds the law fitted from it to all {constrained.SingleEpochRuns + constrained.RepeatedRuns} runs, R*_D and R*_N with its base ({DataConstrainedFitter.Method}).");
        }
    }

    private sealed class Reporter(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
