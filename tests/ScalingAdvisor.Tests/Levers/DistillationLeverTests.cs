using ScalingAdvisor.Distillation;
using ScalingAdvisor.Levers;
using ScalingAdvisor.Models;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Tests.Levers;

public class DistillationLeverTests
{
    private static readonly LeverComparison Comparison = LeverComparison.Evaluate(LeverFixture.Scenario());

    [Fact]
    public void The_distillation_lever_gives_the_students_loss_from_busbridge_eq_8()
    {
        // A quarter-depth Llama-2-7B (8 of 32 layers) distilled on the baseline's tokens from the baseline: the loss change is
        // L_S(L_T, N_S, D) − L_T with L_T = L(N_T, D) (Busbridge et al. 2025 Eqs. 1 and 8, non-embedding parameters).
        var row = Comparison.Row("distill");
        row.Applicable.Should().BeTrue();
        var teacher = ParameterCounter.Count(LeverFixture.Llama2_7B).NonEmbedding;
        var student = ParameterCounter.Count(LeverFixture.Llama2_7B with { Layers = 8 }).NonEmbedding;
        var tokens = LeverFixture.Scenario().TrainingTokens;
        var estimate = DistillationPlanner.Default.Estimate(teacher, tokens, student, tokens);
        row.Loss!.Kind.Should().Be(LossEffectKind.Quantified);
        row.Loss.ChangeNats.Should().BeApproximately(estimate.StudentLoss - estimate.TeacherLoss, 1e-12);
        row.Loss.ChangeNats.Should().BeGreaterThan(0, "a student is never better than its teacher with the paper's coefficients here");
    }

    [Fact]
    public void The_student_is_cheaper_to_serve_and_the_note_states_the_flop_ratio_and_the_teacher_logits()
    {
        var row = Comparison.Row("distill");
        row.InferenceMemory!.Change.Should().BeLessThan(0);
        row.InferenceTokensPerSecond!.Change.Should().BeGreaterThan(0);
        row.Note.Should().Contain("fewer forward FLOPs").And.Contain("teacher's logits");
    }

    [Fact]
    public void The_note_prices_serving_with_the_serving_model_on_the_baseline_device()
    {
        // Teacher against student per million output tokens at the lifetime request (128/128, batch 64), ServingSavings' ratio.
        var scenario = LeverFixture.Scenario();
        var student = scenario.Shape with { Layers = (int)Math.Floor(scenario.Shape.Layers * DistillationLever.DefaultStudentLayerFraction) };
        var savings = ScalingAdvisor.Serving.ServingSavings.Of(
            ScalingAdvisor.Serving.ServedModel.Of(scenario.Shape), ScalingAdvisor.Serving.ServedModel.Of(student),
            scenario.Cluster.Accelerator, scenario.Footprint, DistillationLever.ServingRequest(scenario));
        var row = Comparison.Row("distill");
        row.Note.Should().Contain("GPU-hours per million output tokens")
            .And.Contain(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{savings.GpuHoursRatio!.Value:0.##}× cheaper"));
        savings.GpuHoursRatio!.Value.Should().BeGreaterThan(1).And.BeLessThan(4.5);
    }

    [Fact]
    public void A_one_layer_model_has_no_quarter_depth_student()
    {
        var scenario = LeverFixture.Scenario() with { Shape = LeverFixture.Llama2_7B with { Layers = 1 } };
        var row = new DistillationLever().Evaluate(ScenarioOutcome.Evaluate(scenario));
        row.Applicable.Should().BeFalse();
        row.NotApplicableReason.Should().Contain("1 layers");
    }
}
