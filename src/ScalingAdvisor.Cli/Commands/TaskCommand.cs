using System.CommandLine;
using ScalingAdvisor.Cli.Infrastructure;
using ScalingAdvisor.Cli.Options;
using ScalingAdvisor.Cli.Rendering;
using ScalingAdvisor.Fitting;
using ScalingAdvisor.Tasks;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Cli.Commands;

/// <summary>
/// <c>task --law ladder2024 --task ID --params N --tokens D</c> (or <c>--task-law FILE</c> from <c>fit-task --out</c>):
/// downstream task loss and accuracy by the two-step law of Bhagia et al. 2024. JSON: <c>taskLoss</c> (bits per byte),
/// <c>accuracy</c> (a fraction), <c>accuracyPoints</c>, <c>step1</c>, <c>step2</c>, <c>extrapolation</c>, <c>caveat</c>.
/// </summary>
internal static class TaskCommand
{
    public static Command Create()
    {
        var lawOption = new Option<string>("--law") { Description = $"Task law id: {string.Join(", ", TaskLawCatalog.Ids)}.", DefaultValueFactory = _ => TaskLawCatalog.Ladder2024Id };
        var taskOption = new Option<string?>("--task") { Description = $"Task id of the built-in law: {string.Join(", ", TaskLawCatalog.Tasks)}." };
        var fileOption = CliOptions.ExistingFile("--task-law", "A task law saved by 'fit-task --out' (JSON); used instead of --law and --task.");
        var paramsOption = CliOptions.Count("--params", "Non-embedding parameters N (e.g. 7B), as Bhagia et al. count them.", required: true);
        var tokensOption = CliOptions.Count("--tokens", "Training tokens D (e.g. 4T).", required: true);
        var command = new Command("task", "Downstream task loss (bits per byte) and accuracy for N parameters and D tokens (Bhagia et al. 2024 two-step law).")
        {
            lawOption, taskOption, fileOption, paramsOption, tokensOption,
        };
        command.SetAction(parse =>
        {
            var law = Resolve(parse, lawOption, taskOption, fileOption);
            var n = ParameterCount.FromCount(parse.GetValue(paramsOption)!.Value);
            var d = TokenCount.FromCount(parse.GetValue(tokensOption)!.Value);
            var prediction = law.Predict(n, d);
            var report = new Report($"Task {law.Task}: loss and accuracy");
            report.Add("taskLoss", prediction.TaskLoss);
            report.Add("accuracy", prediction.Accuracy);
            report.Add("accuracyPoints", prediction.AccuracyPoints);
            report.Add("params", n.Count);
            report.Add("tokens", d.Count);
            report.Add("task", law.Task);
            AddSteps(report, law);
            report.Root.AddDetail("caveat", law.Caveat);
            ExtrapolationFields.Add(report, report.Root, law.FittedRange.Assess(n, d));
            if (law.Caveat is { } caveat)
            {
                report.Findings.Add(caveat);
            }

            report.Assumptions.Add("law", law.Id);
            report.Assumptions.Add("taskLossUnit", "bits per byte");
            report.Assumptions.Add("parameterCounting", "non-embedding");
            report.Root.AddCitation("source", law.Source);
            return ReportWriter.Write(parse, report);
        });
        return command;
    }

    /// <summary>The law the user chose: <c>--task-law FILE</c>, or <c>--law</c> with <c>--task</c>.</summary>
    internal static TaskLaw Resolve(ParseResult parse, Option<string> lawOption, Option<string?> taskOption, Option<FileInfo?> fileOption)
    {
        if (parse.GetValue(fileOption) is { } file)
        {
            if (parse.GetResult(lawOption) is { Implicit: false } || parse.GetValue(taskOption) is not null)
            {
                throw new CliInputException("--task-law cannot be used with --law or --task; the file holds its own task.");
            }

            return TaskLawFile.Load(file.FullName);
        }

        string task = parse.GetValue(taskOption)
            ?? throw new CliInputException($"--task is required with --law (one of {string.Join(", ", TaskLawCatalog.Tasks)}), or give --task-law FILE.");
        return TaskLawCatalog.Get(parse.GetValue(lawOption) ?? TaskLawCatalog.Ladder2024Id, task);
    }

    /// <summary>The law's two steps as <c>step1</c> {A, alpha, B, beta, E} and <c>step2</c> {a, k, L0, b}.</summary>
    internal static void AddSteps(Report report, TaskLaw law)
    {
        report.AddObject("step1")
            .Add("A", law.Step1.A).Add("alpha", law.Step1.Alpha).Add("B", law.Step1.B).Add("beta", law.Step1.Beta).Add("E", law.Step1.E);
        report.AddObject("step2")
            .Add("a", law.Step2.A).Add("k", law.Step2.K).Add("L0", law.Step2.L0).Add("b", law.Step2.B);
    }
}
