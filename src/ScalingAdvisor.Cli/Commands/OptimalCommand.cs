using System.CommandLine;
using ScalingAdvisor.Cli.Files;
using ScalingAdvisor.Cli.Infrastructure;
using ScalingAdvisor.Cli.Options;
using ScalingAdvisor.Cli.Plotting;
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
        var inferenceOption = CliOptions.Count("--inference-tokens", "Lifetime inference tokens D_inf (e.g. 1e13): minimise the " + Allocation.LifetimeComputeRule + ".");
        var uniqueOption = CliOptions.Count("--unique-tokens", "Unique tokens U (required by muennighoff2023, which lets D repeat them; other laws keep D ≤ U).");
        var model = ModelOptions.Create(acceptParams: true,
            "With --flops: a model size N (e.g. 7B, counted as the law counts) to compare with the optimum at the same budget; or give a model, whose count on the law's basis is used.", readsTrainingSequence: false);
        var law = new LawOptions(acceptsAllocationRules: true);
        var plotOption = CliOptions.OutputFile("--plot", "Draw N and D against compute for the chosen law and every built-in law's allocation rule side by side, the answer annotated.", OutputKind.Image);
        var command = new Command("optimal", "Compute-optimal model size and training tokens for a budget (--flops) or a target loss (--target-loss).")
        {
            flopsOption, targetOption, inferenceOption, uniqueOption, plotOption,
        };
        model.AddTo(command);
        law.AddTo(command);
        command.SetAction(parse =>
        {
            var flops = parse.GetValue(flopsOption);
            var target = parse.GetValue(targetOption);
            if ((flops is null) == (target is null))
            {
                throw new CliInputException("optimal needs exactly one of --flops and --target-loss.");
            }

            var unique = parse.GetValue(uniqueOption);
            var inference = parse.GetValue(inferenceOption);
            if (law.ResolveRule(parse) is { } rule)
            {
                return WriteRule(parse, rule, flops, target, unique, inference, model.AnyGiven(parse));
            }

            var lossLaw = law.Resolve(parse);
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
            if (model.AnyGiven(parse))
            {
                if (flops is null || inference is not null)
                {
                    throw new CliInputException("A model (or --params) in optimal is compared at a training budget: give --flops, without --target-loss or --inference-tokens.");
                }

                // The same budget spent on the given model: D = C / 6N (Kaplan et al. 2020 §2.1), and the law's loss there.
                var n = LawOptions.ParametersFor(lossLaw, model.Read(parse), report.Assumptions);
                var fixedSize = LawSolver.Evaluate(lossLaw, n, TokenCount.FromCount(allocation.TrainingFlops.Flops / (6.0 * n.Count)), options.UniqueTokens);
                var given = report.AddObject("givenModel");
                given.Add("params", fixedSize.Parameters.Count)
                    .Add("tokens", fixedSize.Tokens.Count)
                    .Add("loss", fixedSize.Loss)
                    .Add("lossAboveOptimumNats", fixedSize.Loss - allocation.Loss);
            }

            report.Add("params", allocation.Parameters.Count);
            report.Add("tokens", allocation.Tokens.Count);
            report.Add("tokensPerParam", allocation.TokensPerParameter);
            report.Add("flops", allocation.TrainingFlops.Flops);
            report.Add("loss", allocation.Loss);
            report.Add("inferenceFlops", inference is null ? null : allocation.InferenceFlops.Flops);
            report.Add("lifetimeFlops", inference is null ? null : allocation.LifetimeFlops.Flops);
            report.Add("nonEmbeddingFlopsPerToken", (double?)null);

            ExtrapolationFields.Add(report, report.Root, lossLaw.FittedRange.Assess(allocation.Parameters, allocation.Tokens));
            if (allocation.LimitedByUniqueTokens)
            {
                report.Findings.Add($"Training tokens are capped at the {QuantityFormatter.FormatCount(allocation.Tokens.Count)} unique tokens: law {lossLaw.Id} was fitted on single-epoch data and does not model repetition.");
            }

            if (parse.GetValue(plotOption) is { } plotFile)
            {
                new OutputPlan(parse).Add(plotOption, () => OptimalPlot.Create(lossLaw, allocation, options)).Commit();
                report.Findings.Add($"Plotted N and D against compute to {plotFile.Name}.");
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

    // A published allocation rule (list laws: no loss) answers only the budget question; everything that needs a loss
    // or a loss law's solver is refused, saying why.
    private static int WriteRule(ParseResult parse, AllocationRuleInfo rule, double? flops, double? target, double? unique, double? inference, bool modelGiven)
    {
        if (target is not null)
        {
            throw new CliInputException($"--target-loss: {AllocationRuleCatalog.GivesNoLoss(rule)} Give --flops, or a loss law (see 'list laws').");
        }

        if (inference is not null || unique is not null || modelGiven)
        {
            throw new CliInputException($"--inference-tokens, --unique-tokens and a model to compare need a loss: {AllocationRuleCatalog.GivesNoLoss(rule)}");
        }

        var allocation = rule.Rule.Allocate(FlopCount.FromFlops(flops!.Value));
        var report = new Report("Published allocation");
        report.Add("params", allocation.Parameters.Count);
        report.Add("tokens", allocation.Tokens.Count);
        report.Add("tokensPerParam", allocation.Tokens.Count / allocation.Parameters.Count);
        report.Add("flops", allocation.Budget.Flops);
        report.Add("loss", (double?)null);
        report.Add("inferenceFlops", (double?)null);
        report.Add("lifetimeFlops", (double?)null);
        report.Add("nonEmbeddingFlopsPerToken", allocation.FlopsPerToken?.Flops);
        ExtrapolationFields.Add(report, report.Root, rule.Rule.FittedRange.Assess(allocation.Parameters, allocation.Tokens));
        report.Findings.Add($"Law {rule.Id} is a published allocation rule: it gives no loss, so loss is null. N counts {rule.ParameterCounting}.");
        LawOptions.DescribeRule(report.Assumptions, rule);
        report.Assumptions
            .Add("budgetFlops", allocation.Budget.Flops)
            .Add("targetLoss", (double?)null)
            .Add("uniqueTokens", (double?)null)
            .Add("inferenceTokens", 0.0)
            .Add("computeModel", "training FLOPs 6·N·D (Kaplan et al. 2020 §2.1)")
            .Add("method", rule.Allocation);
        return ReportWriter.Write(parse, report);
    }
}
