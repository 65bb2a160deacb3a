using System.CommandLine;
using ScalingAdvisor.Cli.Infrastructure;
using ScalingAdvisor.Cli.Options;
using ScalingAdvisor.Cli.Rendering;
using ScalingAdvisor.Laws;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Cli.Commands;

/// <summary>
/// <c>optimal</c>: the compute-optimal model size and data for a FLOP budget or a target loss, optionally
/// inference-aware (<c>--inference-tokens</c>) or data-constrained (<c>--unique-tokens</c>).
/// </summary>
internal static class OptimalCommand
{
    public static Command Create()
    {
        var flopsOption = CliOptions.Count("--flops", "FLOP budget C (e.g. 5.76e23): training compute 6·N·D, or lifetime compute 6·N·D + 2·N·D_inf with --inference-tokens.");
        var targetOption = CliOptions.Positive("--target-loss", "Target loss in nats per token: find the least compute that reaches it.");
        var inferenceOption = CliOptions.Count("--inference-tokens", "Lifetime inference tokens D_inf (e.g. 1e13): minimise training plus inference FLOPs (Sardana et al. 2023).");
        var uniqueOption = CliOptions.Count("--unique-tokens", "Unique tokens U (required by muennighoff2023, which lets D repeat them; other laws keep D ≤ U).");
        var law = new LawOptions();
        var command = new Command("optimal", "Compute-optimal model size and training tokens for a budget (--flops) or a target loss (--target-loss).")
        {
            flopsOption, targetOption, inferenceOption, uniqueOption,
        };
        law.AddTo(command);
        command.SetAction(parse =>
        {
            var flops = parse.GetValue(flopsOption);
            var target = parse.GetValue(targetOption);
            if ((flops is null) == (target is null))
            {
                throw new CliInputException("optimal needs exactly one of --flops and --target-loss.");
            }

            var lossLaw = law.Resolve(parse);
            var unique = parse.GetValue(uniqueOption);
            var inference = parse.GetValue(inferenceOption);
            LawOptions.RequireUniqueTokensIfNeeded(lossLaw, unique);
            var options = new AllocationOptions
            {
                UniqueTokens = unique is { } u ? TokenCount.FromCount(u) : null,
                InferenceTokens = TokenCount.FromCount(inference ?? 0),
            };
            var allocation = flops is { } c
                ? LawSolver.Allocate(lossLaw, FlopCount.FromFlops(c), options)
                : LawSolver.ForTargetLoss(lossLaw, target!.Value, options);

            var report = new Report(flops is null ? "Least compute for the target loss" : "Compute-optimal allocation");
            report.Add("params", allocation.Parameters.Count);
            report.Add("tokens", allocation.Tokens.Count);
            report.Add("tokensPerParam", allocation.TokensPerParameter);
            report.Add("flops", allocation.TrainingFlops.Flops);
            report.Add("loss", allocation.Loss);
            if (inference is not null)
            {
                report.Add("inferenceFlops", allocation.InferenceFlops.Flops);
                report.Add("lifetimeFlops", allocation.LifetimeFlops.Flops);
            }

            if (allocation.LimitedByUniqueTokens)
            {
                report.Findings.Add($"Training tokens are capped at the {QuantityFormatter.FormatCount(allocation.Tokens.Count)} unique tokens: law {lossLaw.Id} was fitted on single-epoch data and does not model repetition.");
            }

            LawOptions.Describe(report.Assumptions, lossLaw);
            report.Assumptions
                .Add("budgetFlops", allocation.Budget?.Flops)
                .Add("targetLoss", allocation.TargetLoss)
                .Add("uniqueTokens", allocation.UniqueTokens?.Count)
                .Add("inferenceTokens", allocation.InferenceTokens.Count)
                .Add("computeModel", allocation.ComputeModel)
                .Add("method", allocation.MethodDescription);
            return ReportWriter.Write(parse, report);
        });
        return command;
    }
}
