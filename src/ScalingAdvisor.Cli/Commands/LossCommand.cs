using System.CommandLine;
using ScalingAdvisor.Cli.Options;
using ScalingAdvisor.Cli.Rendering;
using ScalingAdvisor.Laws;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Cli.Commands;

/// <summary><c>loss</c>: the loss a law predicts for N parameters trained on D tokens (optionally from U unique tokens).</summary>
internal static class LossCommand
{
    public static Command Create()
    {
        var model = ModelOptions.Create(acceptParams: true, "Parameters N (e.g. 70B), counted as the law counts them (see 'list laws'); or give a model, whose count on the law's basis is used.", readsTrainingSequence: false);
        var tokensOption = CliOptions.Count("--tokens", "Training tokens D, repeats included (e.g. 1.4T).", required: true);
        var uniqueOption = CliOptions.Count("--unique-tokens", "Unique tokens U (required by muennighoff2023; other laws need D ≤ U).");
        var law = new LawOptions();
        var command = new Command("loss", "Predicted final training loss (nats per token) for N parameters and D tokens.") { tokensOption, uniqueOption };
        model.AddTo(command);
        law.AddTo(command);
        command.SetAction(parse =>
        {
            var selection = model.Read(parse);
            var lossLaw = law.Resolve(parse);
            var unique = parse.GetValue(uniqueOption);
            LawOptions.RequireUniqueTokensIfNeeded(lossLaw, unique);
            var report = new Report("Predicted loss");
            var estimate = LawSolver.Evaluate(
                lossLaw,
                LawOptions.ParametersFor(lossLaw, selection, report.Assumptions),
                TokenCount.FromCount(parse.GetValue(tokensOption)!.Value),
                unique is { } u ? TokenCount.FromCount(u) : null);

            report.Add("loss", estimate.Loss);
            report.Add("irreducible", estimate.Breakdown?.Irreducible);
            report.Add("modelTerm", estimate.Breakdown?.ModelTerm);
            report.Add("dataTerm", estimate.Breakdown?.DataTerm);
            report.Add("params", estimate.Parameters.Count);
            report.Add("tokens", estimate.Tokens.Count);
            report.Add("uniqueTokens", estimate.UniqueTokens?.Count);
            ExtrapolationFields.Add(report, report.Root, lossLaw.FittedRange.Assess(estimate.Parameters, estimate.Tokens));
            LawOptions.Describe(report.Assumptions, lossLaw);
            if (estimate.Breakdown is null)
            {
                report.Findings.Add($"Law {lossLaw.Id} is not of the form E + A/N^α + B/D^β, so its loss has no irreducible, model and data terms.");
            }

            return ReportWriter.Write(parse, report);
        });
        return command;
    }
}
