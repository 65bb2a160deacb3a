using System.Globalization;
using ScalingAdvisor.Distillation;
using ScalingAdvisor.Models;
using ScalingAdvisor.Serving;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Levers;

/// <summary>
/// Distil a smaller student from the baseline model and serve the student: the student keeps the baseline's width and
/// vocabulary with <see cref="StudentLayerFraction"/> of its layers, is distilled on as many tokens as the baseline was
/// trained on, and its loss comes from the distillation law of Busbridge et al. 2025 (Eq. 8, teacher loss from Eq. 1,
/// Table 6 coefficients, N non-embedding). The row's training figures are the student's own training; the teacher's
/// logits (2·N_T per distillation token, their Eq. 9) come on top and the note gives them. Serving memory and speed are
/// the student's, from the same serving roofline as the baseline.
/// </summary>
public sealed class DistillationLever : ScenarioLever
{
    /// <summary>
    /// The default student: a quarter of the teacher's layers at the same width, about a quarter of its non-embedding
    /// parameters (<see cref="DistilledStudent.DefaultStudentFraction"/>, a stated choice).
    /// </summary>
    public const double DefaultStudentLayerFraction = DistilledStudent.DefaultStudentFraction;

    /// <summary>Creates the lever.</summary>
    /// <param name="studentLayerFraction">The student's share of the teacher's layers, in (0, 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">The fraction is not in (0, 1).</exception>
    public DistillationLever(double studentLayerFraction = DefaultStudentLayerFraction)
    {
        StudentLayerFraction = Preconditions.Fraction(studentLayerFraction);
        if (StudentLayerFraction is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(studentLayerFraction), studentLayerFraction, "should be in (0, 1)");
        }
    }

    /// <summary>The student's share of the teacher's layers.</summary>
    public double StudentLayerFraction { get; }

    /// <inheritdoc/>
    public override string Id => "distill";

    /// <inheritdoc/>
    public override string Name => string.Create(CultureInfo.InvariantCulture, $"distil a {StudentLayerFraction:0.##}-depth student");

    /// <summary>
    /// The request the serving comparison uses: <see cref="LifetimeServing.DefaultRequest"/>'s shape and batch (the advisor's
    /// lifetime default) at the scenario's weight and KV widths and serving utilisations.
    /// </summary>
    /// <param name="baseline">The scenario.</param>
    /// <returns>The request.</returns>
    public static ServingSetup ServingRequest(LeverScenario baseline)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        return new ServingSetup(LifetimeServing.DefaultPromptTokens, LifetimeServing.DefaultOutputTokens, LifetimeServing.DefaultBatch, 1, baseline.Inference.WeightBits, baseline.Inference.KeyValueCacheBits)
        {
            Efficiency = baseline.InferenceEfficiency,
        };
    }

    // Teacher against student per million output tokens, from the serving model (issue 20) on the baseline's device.
    private static string ServingNote(LeverScenario baseline, TransformerShape student, double flopRatio)
    {
        var accelerator = baseline.Cluster.Accelerator;
        var request = ServingRequest(baseline);
        ServingSavings savings;
        try
        {
            savings = ServingSavings.Of(ServedModel.Of(baseline.Shape), ServedModel.Of(student), accelerator, baseline.Footprint, request);
        }
        catch (ArgumentException reason)
        {
            return string.Create(CultureInfo.InvariantCulture, $"Serving: {flopRatio:0.##}× fewer forward FLOPs per token (2·N_T/2·N_S); not costed on {accelerator.Id}: {reason.Message.Split(" (Parameter", 2)[0]}");
        }

        var shape = string.Create(CultureInfo.InvariantCulture, $"{request.PromptTokens}/{request.OutputTokens}-token requests at batch {request.Batch} on {accelerator.Id}");
        if (savings.GpuHoursRatio is not { } ratio)
        {
            return string.Create(CultureInfo.InvariantCulture, $"Serving: {flopRatio:0.##}× fewer forward FLOPs per token (2·N_T/2·N_S); the serving model cannot place the teacher's batch ({shape}) on up to 8 GPUs.");
        }

        var teacher = savings.Larger.Footprint!.PerMillionOutputTokens;
        var studentCost = savings.Smaller.Footprint!.PerMillionOutputTokens;
        return string.Create(CultureInfo.InvariantCulture,
            $"Serving ({shape}, serving model): {QuantityFormatter.Significant(studentCost.GpuHours, 3)} GPU-hours per million output tokens against the teacher's {QuantityFormatter.Significant(teacher.GpuHours, 3)}, "
            + $"{ratio:0.##}× cheaper in GPU-hours, energy and cost ({flopRatio:0.##}× fewer forward FLOPs, 2·N_T/2·N_S).");
    }

    /// <inheritdoc/>
    protected override LeverVariant Vary(LeverScenario baseline)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        var layers = (int)Math.Floor(baseline.Shape.Layers * StudentLayerFraction);
        if (layers < 1)
        {
            return LeverVariant.NotApplicable(string.Create(CultureInfo.InvariantCulture,
                $"the model has {baseline.Shape.Layers} layers; a student with {StudentLayerFraction:0.##} of them has none."));
        }

        var student = baseline.Shape with { Layers = layers };
        var teacherCounts = ParameterCounter.Count(baseline.Shape);
        var studentCounts = ParameterCounter.Count(student);
        // The law counts non-embedding parameters (Busbridge et al. 2025 Table 1); a mixture of experts passes its active ones.
        var nt = teacherCounts.ActiveNonEmbedding;
        var ns = studentCounts.ActiveNonEmbedding;
        var tokens = baseline.TrainingTokens;
        var estimate = DistillationPlanner.Default.Estimate(nt, tokens, ns, tokens);
        var change = estimate.StudentLoss - estimate.TeacherLoss;
        var logitFlops = 2.0 * nt.Count * tokens.Count;
        var note = string.Create(CultureInfo.InvariantCulture,
            $"Student of {layers} layers ({ns.Count:0.###e+0} non-embedding parameters) distilled on {tokens.Count:0.###e+0} tokens from the baseline ({nt.Count:0.###e+0}): "
            + $"loss {estimate.StudentLoss:0.###} against the teacher's {estimate.TeacherLoss:0.###} and {estimate.SupervisedLoss:0.###} for the same student trained without a teacher (Busbridge et al. 2025, C4 nats). "
            + $"Training figures are the student's own training; the teacher's logits add 2·N_T·D_S = {logitFlops:0.###e+0} FLOPs (Eq. 9). ")
            + ServingNote(baseline, student, nt.Count / ns.Count);
        return LeverVariant.Of(
            baseline with { Shape = student },
            LossEffect.Quantified(change, "Busbridge et al. 2025 (arXiv 2502.08606) Eq. 8 for the student, Eq. 1 for the teacher, Table 6 coefficients (C4 cross-entropy, not the advise law)"),
            note);
    }
}
