using ScalingAdvisor.Distillation;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Tests.Distillation;

public class DistillationPlannerTests
{
    private static readonly DistillationPlanner Planner = DistillationPlanner.Default;

    [Fact]
    public void An_existing_teacher_spends_the_whole_budget_on_student_training_and_teacher_logits()
    {
        // Eq. 9 with δ_Lgt = 1, δ_Pre = 0 (Table 2, teacher inference): C = 6·N_S·D_S + 2·N_T·D_S.
        var plan = Planner.WithExistingTeacher(ParameterCount.FromBillions(1), FlopCount.FromFlops(1e21), ParameterCount.FromBillions(7), TokenCount.FromBillions(140));
        plan.StudentTokens.Count.Should().BeApproximately(1e21 / ((6 * 1e9) + (2 * 7e9)), 1);
        plan.Compute!.Total.Flops.Should().BeApproximately(1e21, 1e9);
        plan.SupervisedTokens.Count.Should().BeApproximately(1e21 / 6e9, 1);
        plan.Recommendation.Should().Be(plan.StudentLoss < plan.SupervisedLoss ? DistillationChoice.Distill : DistillationChoice.Supervised);
    }

    [Theory]
    [InlineData(3e8, 1e21)]
    [InlineData(1e9, 1e22)]
    [InlineData(3e9, 1e23)]
    [InlineData(1e10, 1e24)]
    public void A_teacher_trained_for_one_student_never_beats_supervised_learning(double ns, double c)
    {
        // Busbridge et al. 2025 §5.3 and Figure 8: "When teacher training is included in the compute, the best student
        // cross-entropy is always higher than in the supervised setting."
        var plan = Planner.ComputeOptimal(ParameterCount.FromCount(ns), FlopCount.FromFlops(c), DistillationScenario.TeacherPretrainingAndInference);
        plan.StudentLoss.Should().BeGreaterThan(plan.SupervisedLoss);
        plan.Recommendation.Should().Be(DistillationChoice.Supervised);
        plan.Compute!.Total.Flops.Should().BeApproximately(c, c * 1e-9);
    }

    [Fact]
    public void The_compute_optimal_teacher_is_a_minimum_of_eq_10()
    {
        // Perturbing the solver's teacher size or split at the same budget never lowers the student loss.
        var ns = ParameterCount.FromBillions(1);
        var c = 1e22;
        var plan = Planner.ComputeOptimal(ns, FlopCount.FromFlops(c), DistillationScenario.TeacherPretrainingAndInference);
        var law = Planner.Law;
        foreach (var (nScale, share) in new[] { (0.9, 0.0), (1.1, 0.0), (1.0, -0.02), (1.0, 0.02) })
        {
            var nt = plan.TeacherParameters!.Value.Count * nScale;
            var studentShare = (plan.Compute!.StudentTraining.Flops + plan.Compute.TeacherLogits.Flops) / c + share;
            var ds = studentShare * c / ((6 * ns.Count) + (2 * nt));
            var dt = (1 - studentShare) * c / (6 * nt);
            var loss = law.StudentLoss(law.TeacherLoss(ParameterCount.FromCount(nt), TokenCount.FromCount(dt)), ns, TokenCount.FromCount(ds));
            loss.Should().BeGreaterThanOrEqualTo(plan.StudentLoss - 1e-9);
        }
    }

    [Fact]
    public void Best_case_distillation_wins_at_small_budgets_and_the_crossover_grows_with_student_size()
    {
        // Busbridge et al. 2025 §5.3 and Figure 8: with a free teacher, distillation beats supervised learning up to a
        // budget, and "the compute transition point at which supervised learning becomes preferable to distillation
        // increases as a function of student size".
        double Crossover(double ns)
        {
            for (var k = 0; k <= 40; k++)
            {
                var c = 1e19 * Math.Pow(2, k / 2.0);
                var plan = Planner.ComputeOptimal(ParameterCount.FromCount(ns), FlopCount.FromFlops(c), DistillationScenario.BestCase);
                if (plan.StudentLoss >= plan.SupervisedLoss)
                {
                    return c;
                }
            }

            return double.PositiveInfinity;
        }

        Planner.ComputeOptimal(ParameterCount.FromBillions(1), FlopCount.FromFlops(1e20), DistillationScenario.BestCase).Recommendation.Should().Be(DistillationChoice.Distill);
        var small = Crossover(3e8);
        var large = Crossover(1e10);
        small.Should().BeLessThan(large);
    }

    [Fact]
    public void Teacher_inference_needs_a_given_teacher()
    {
        var act = () => Planner.ComputeOptimal(ParameterCount.FromBillions(1), FlopCount.FromFlops(1e21), DistillationScenario.TeacherInference);
        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("scenario");
    }

    [Fact]
    public void A_budget_that_buys_no_tokens_is_refused_naming_the_budget()
    {
        var act = () => Planner.WithExistingTeacher(ParameterCount.FromCount(1e300), FlopCount.FromFlops(1e-300), ParameterCount.FromBillions(7), TokenCount.FromBillions(140));
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("budget");
    }
}

public class DistilledStudentTests
{
    [Fact]
    public void A_quarter_size_student_costs_the_teachers_logits_and_serves_four_times_cheaper()
    {
        // Eq. 9 with δ_Lgt = 1: the teacher's logits on D_S tokens cost 2·N_T·D_S; serving saves F(N_T)/F(N_S) = 4 with F = 2N.
        var student = DistilledStudent.Of(ParameterCount.FromBillions(8), TokenCount.FromBillions(160));
        student.Estimate.StudentParameters.Count.Should().BeApproximately(2e9, 1);
        student.TeacherLogitFlops.Flops.Should().BeApproximately(2 * 8e9 * 160e9, 1e9);
        student.ServingFlopRatio.Should().BeApproximately(4, 1e-12);
        student.Estimate.StudentLoss.Should().BeGreaterThan(student.Estimate.TeacherLoss);
    }
}
