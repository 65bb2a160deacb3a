using System.CommandLine;
using ScalingAdvisor.Cli.Infrastructure;
using ScalingAdvisor.Cli.Options;
using ScalingAdvisor.Cli.Rendering;
using ScalingAdvisor.Distillation;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Cli.Commands;

/// <summary>
/// <c>distill</c>: a distilled student's cross-entropy from its teacher (Busbridge et al. 2025 Eq. 8) at fixed tokens, or
/// under a compute budget whether to distil or train the student without a teacher, with an existing teacher or the
/// compute-optimal teacher of their Eq. 10.
/// </summary>
internal static class DistillCommand
{
    private static readonly Choices<DistillationScenario> Scenarios = new(
        ("best-case", DistillationScenario.BestCase),
        ("teacher-pretraining", DistillationScenario.TeacherPretraining),
        ("teacher-pretraining-and-inference", DistillationScenario.TeacherPretrainingAndInference));

    private static readonly Choices<ForwardFlopsApproximation> ForwardFlops = new(
        ("2n", ForwardFlopsApproximation.TwoN),
        ("eq69", ForwardFlopsApproximation.FixedAspectRatio));

    private static readonly Choices<DistillationChoice> Recommendations = new(
        ("distill", DistillationChoice.Distill),
        ("supervised", DistillationChoice.Supervised));

    private static readonly Choices<DistillationScenario> ScenarioIds = new(
        ("best-case", DistillationScenario.BestCase),
        ("teacher-inference", DistillationScenario.TeacherInference),
        ("teacher-pretraining", DistillationScenario.TeacherPretraining),
        ("teacher-pretraining-and-inference", DistillationScenario.TeacherPretrainingAndInference));

    public static Command Create()
    {
        var teacherLoss = CliOptions.Positive("--teacher-loss", "The teacher's cross-entropy L_T, nats per token (on the law's C4 data); instead of --teacher-params and --teacher-tokens.");
        var teacherParams = CliOptions.Count("--teacher-params", "Teacher non-embedding parameters N_T (e.g. 7B); with --teacher-tokens, L_T comes from the supervised law (Eq. 1).");
        var teacherTokens = CliOptions.Count("--teacher-tokens", "Teacher pretraining tokens D_T (e.g. 140B).");
        var studentParams = CliOptions.Count("--student-params", "Student non-embedding parameters N_S (e.g. 1B).", required: true);
        var tokens = CliOptions.Count("--tokens", "Distillation tokens D_S (e.g. 20B): the student's loss at a fixed token budget.");
        var flops = CliOptions.Count("--flops", "Compute budget C, FLOPs (Eq. 9): distil or train the student without a teacher on the same compute.");
        var teacherExists = new Option<bool>("--teacher-exists")
        {
            Description = "With --flops: the teacher (--teacher-params, --teacher-tokens) already exists, so only its logits on the distillation tokens are counted (teacher inference).",
        };
        var scenario = CliOptions.Choice("--scenario", "With --flops and no existing teacher: which teacher costs the budget counts (Table 2): best-case (a free teacher), teacher-pretraining (logits stored for reuse), or teacher-pretraining-and-inference (a teacher trained for this one student).",
            Scenarios, DistillationPlanner.DefaultScenario);
        var forward = CliOptions.Choice("--forward-flops", "F(N), forward FLOPs per token: 2n (6·N·D to train) or eq69 (the paper's App. H Eq. 69, with attention and vocabulary terms).",
            ForwardFlops, ForwardFlopsModel.DefaultApproximation);
        var command = new Command("distill", "Distilled student loss (Busbridge et al. 2025), and whether to distil or train the student without a teacher.")
        {
            teacherLoss, teacherParams, teacherTokens, studentParams, tokens, flops, teacherExists, scenario, forward,
        };
        command.SetAction(parse =>
        {
            var ns = ParameterCount.FromCount(parse.GetValue(studentParams)!.Value);
            var lt = parse.GetValue(teacherLoss);
            var nt = parse.GetValue(teacherParams);
            var dt = parse.GetValue(teacherTokens);
            var ds = parse.GetValue(tokens);
            var c = parse.GetValue(flops);
            var exists = parse.GetValue(teacherExists);
            var scenarioGiven = parse.GetResult(scenario) is { Implicit: false };
            if ((ds is null) == (c is null))
            {
                throw new CliInputException("distill needs exactly one of --tokens (a fixed token budget) and --flops (a compute budget).");
            }

            if ((nt is null) != (dt is null))
            {
                throw new CliInputException("--teacher-params and --teacher-tokens go together: give both, or --teacher-loss instead.");
            }

            if (lt is not null && nt is not null)
            {
                throw new CliInputException("--teacher-loss and --teacher-params/--teacher-tokens cannot be used together; choose one.");
            }

            var approximation = parse.GetValue(forward);
            var planner = new DistillationPlanner(forwardFlops: ForwardFlopsModel.For(approximation));
            var report = new Report("Distillation");
            DistillationEstimate? estimate = null;
            DistillationPlan? plan = null;
            if (ds is { } d)
            {
                if (exists || scenarioGiven)
                {
                    throw new CliInputException("--teacher-exists and --scenario apply to a compute budget (--flops), not to --tokens.");
                }

                estimate = lt is { } l
                    ? planner.Estimate(l, ns, TokenCount.FromCount(d))
                    : nt is { } n
                        ? planner.Estimate(ParameterCount.FromCount(n), TokenCount.FromCount(dt!.Value), ns, TokenCount.FromCount(d))
                        : throw new CliInputException("distill --tokens needs the teacher: --teacher-loss, or --teacher-params and --teacher-tokens.");
            }
            else if (exists)
            {
                if (scenarioGiven)
                {
                    throw new CliInputException("--scenario is for a teacher still to be trained; an existing teacher (--teacher-exists) is the teacher-inference scenario.");
                }

                if (nt is not { } n)
                {
                    throw new CliInputException("--teacher-exists needs the teacher's size, --teacher-params and --teacher-tokens (its logits cost F(N_T) per token).");
                }

                plan = planner.WithExistingTeacher(ns, FlopCount.FromFlops(c!.Value), ParameterCount.FromCount(n), TokenCount.FromCount(dt!.Value));
            }
            else
            {
                if (lt is not null || nt is not null)
                {
                    throw new CliInputException("With --flops and a given teacher add --teacher-exists; without it distill chooses the compute-optimal teacher itself.");
                }

                plan = planner.ComputeOptimal(ns, FlopCount.FromFlops(c!.Value), parse.GetValue(scenario));
            }

            var studentTokens = estimate?.StudentTokens ?? plan!.StudentTokens;
            var recommendation = estimate?.Recommendation ?? plan!.Recommendation;
            report.Add("recommendation", Recommendations.IdOf(recommendation));
            report.Add("studentLoss", estimate?.StudentLoss ?? plan!.StudentLoss);
            report.Add("teacherLoss", estimate?.TeacherLoss ?? plan!.TeacherLoss);
            report.Add("supervisedLoss", estimate?.SupervisedLoss ?? plan!.SupervisedLoss);
            report.Add("gainOverSupervisedNats", (estimate?.SupervisedLoss ?? plan!.SupervisedLoss) - (estimate?.StudentLoss ?? plan!.StudentLoss));
            report.Add("studentParams", ns.Count);
            report.Add("studentTokens", studentTokens.Count);
            report.Add("teacherParams", (estimate?.TeacherParameters ?? plan?.TeacherParameters)?.Count);
            report.Add("teacherTokens", (estimate?.TeacherTokens ?? plan?.TeacherTokens)?.Count);
            report.Add("supervisedTokens", estimate?.StudentTokens.Count ?? plan!.SupervisedTokens.Count);
            var compute = plan?.Compute;
            report.Add("studentTrainingFlops", compute?.StudentTraining.Flops);
            report.Add("teacherLogitFlops", compute?.TeacherLogits.Flops);
            report.Add("teacherTrainingFlops", compute?.TeacherTraining.Flops);
            report.Add("totalFlops", compute?.Total.Flops ?? plan?.Budget.Flops);
            ExtrapolationFields.Add(report, report.Root, DistillationLaw.FittedRange.Assess(ns, studentTokens));

            var reading = recommendation == DistillationChoice.Distill
                ? "distilling gives the lower loss"
                : "training the student without a teacher gives a loss at least as low";
            report.Findings.Add(plan is null
                ? $"On the same {QuantityFormatter.FormatCount(studentTokens.Count)} tokens, {reading}."
                : $"On the same {QuantityFormatter.FormatCount(plan.Budget.Flops)} FLOPs ({plan.Scenario.Describe()}), {reading}.");
            if (plan is { Scenario: DistillationScenario.BestCase })
            {
                report.Findings.Add("In the best case the teacher is free: any teacher with the reported teacherLoss will do, so teacherParams and teacherTokens are null.");
            }

            report.Assumptions
                .Add("law", DistillationLaw.Id)
                .Add("lawSource", DistillationLaw.Source)
                .Add("parameterBasis", "non-embedding parameters (Busbridge et al. 2025 Table 1), student and teacher")
                .Add("lossUnit", "nats per token (C4 cross-entropy)")
                .Add("scenario", plan is null ? null : ScenarioIds.IdOf(plan.Scenario))
                .Add("forwardFlops", planner.ForwardFlops.Description)
                .Add("method", plan?.Method ?? "Eq. 8 at the given tokens, and Eq. 1 for the same student without a teacher");
            return ReportWriter.Write(parse, report);
        });
        return command;
    }
}
