using ScalingAdvisor.Distillation;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Tests.Distillation;

public class DistillationLawTests
{
    private static readonly DistillationLaw Law = DistillationLaw.Busbridge2025;

    [Fact]
    public void Table6_compute_optimal_exponents_follow_from_its_printed_alpha_and_beta()
    {
        // Busbridge et al. 2025 Table 6: a = β/(α + β) = 0.513, b = 0.486 (supervised); a′ = 0.664, b′ = 0.335 (distillation).
        // The exponents are printed to three digits, so the ratios reproduce to about ±0.001.
        var c = DistillationConstants.Busbridge2025;
        c.SupervisedParameterExponent.Should().BeApproximately(0.513, 0.001);
        (1 - c.SupervisedParameterExponent).Should().BeApproximately(0.486, 0.001);
        c.DistillationParameterExponent.Should().BeApproximately(0.664, 0.001);
        (1 - c.DistillationParameterExponent).Should().BeApproximately(0.335, 0.001);
    }

    [Fact]
    public void Supervised_law_is_eq_1_with_table_6_constants()
    {
        // Eq. 1 by hand at N = 1e9, D = 2e10: 1.220 + (3355/1e9^0.408 + 18186/2e10^0.431)^0.452.
        var expected = 1.220 + Math.Pow((3355 / Math.Pow(1e9, 0.408)) + (18186 / Math.Pow(2e10, 0.431)), 0.452);
        Law.SupervisedLoss(ParameterCount.FromBillions(1), TokenCount.FromBillions(20)).Should().BeApproximately(expected, 1e-12);
        expected.Should().BeApproximately(2.3747, 1e-4);
    }

    [Fact]
    public void Student_loss_is_eq_8_with_table_6_constants()
    {
        // Eq. 8 by hand for a 7e9/1.4e11 teacher and a 1e9 student on 2e10 tokens (the contract example).
        var lt = Law.TeacherLoss(ParameterCount.FromBillions(7), TokenCount.FromBillions(140));
        var supervised = Law.SupervisedLoss(ParameterCount.FromBillions(1), TokenCount.FromBillions(20));
        var expected = lt + (Math.Pow(lt, -2.549) * Math.Pow(1 + Math.Pow(lt / (supervised * 1.315), 1 / 0.090), -522.6 * 0.090)
            * Math.Pow((2243 / Math.Pow(1e9, 0.321)) + (24181 / Math.Pow(2e10, 0.637)), 0.764));
        Law.StudentLoss(lt, ParameterCount.FromBillions(1), TokenCount.FromBillions(20)).Should().BeApproximately(expected, 1e-12);
        lt.Should().BeApproximately(2.0188, 1e-4);
        expected.Should().BeApproximately(2.2795, 1e-4);
    }

    [Fact]
    public void An_infinitely_capable_student_and_a_random_teacher_both_give_the_teacher_loss()
    {
        // Busbridge et al. 2025 §4.3, properties 1 and 2 of Eq. 8: L_S → L_T as N_S, D_S → ∞, and as L_T → ∞.
        var huge = Law.StudentLoss(2.0, ParameterCount.FromCount(1e30), TokenCount.FromCount(1e35));
        huge.Should().BeApproximately(2.0, 1e-6);
        var random = Law.StudentLoss(50.0, ParameterCount.FromBillions(1), TokenCount.FromBillions(20));
        (random / 50.0).Should().BeApproximately(1.0, 1e-6);
    }

    [Fact]
    public void A_fixed_student_shows_the_capacity_gap_of_figure_4()
    {
        // Busbridge et al. 2025 Figure 4 and §4.2: for a fixed student (546M, M = 20) the student loss falls as the teacher
        // improves, reaches an optimum, then rises again for stronger teachers.
        var n = ParameterCount.FromMillions(546);
        var d = TokenCount.FromCount(20 * 546e6);
        var strong = Law.StudentLoss(1.3, n, d);
        var middle = Law.StudentLoss(1.8, n, d);
        var weak = Law.StudentLoss(2.5, n, d);
        middle.Should().BeLessThan(strong);
        middle.Should().BeLessThan(weak);
    }

    [Theory]
    [InlineData(1e8)]
    [InlineData(1e9)]
    [InlineData(1e10)]
    [InlineData(1e11)]
    public void With_infinite_data_the_best_teacher_gives_the_supervised_lower_bound(double n)
    {
        // Busbridge et al. 2025 App. E.6, Eqs. 35-37 and Figure 40: for N_S in [100M, 100B] the distillation law with the
        // optimal teacher and D_S → ∞ is "consistent with" the supervised bound L(N) = E + (A·N^−α)^γ. With the printed
        // (three-digit) coefficients the two agree to within 1 %.
        var c = DistillationConstants.Busbridge2025;
        var bound = c.E + Math.Pow(c.A * Math.Pow(n, -c.Alpha), c.Gamma);
        var best = Enumerable.Range(1, 20_000).Select(k => c.E + (k * 1e-4)).Min(lt => Law.StudentLoss(lt, ParameterCount.FromCount(n), TokenCount.FromCount(1e40)));
        (best / bound).Should().BeApproximately(1.0, 0.01);
    }

    [Fact]
    public void Supervised_learning_beats_distillation_given_enough_tokens()
    {
        // Busbridge et al. 2025 §5.1: "Supervised learning always outperforms distillation given enough student compute or
        // tokens"; at a modest token budget distillation is favourable. A 1B student of a 7.75B teacher trained at M = 20.
        var lt = Law.TeacherLoss(ParameterCount.FromBillions(7.75), TokenCount.FromBillions(155));
        var n = ParameterCount.FromBillions(1);
        Law.StudentLoss(lt, n, TokenCount.FromBillions(20)).Should().BeLessThan(Law.SupervisedLoss(n, TokenCount.FromBillions(20)));
        Law.StudentLoss(lt, n, TokenCount.FromTrillions(10)).Should().BeGreaterThan(Law.SupervisedLoss(n, TokenCount.FromTrillions(10)));
    }

    [Theory]
    [InlineData(0.1028e9, 0.3398e9)]
    [InlineData(0.9755e9, 2.397e9)]
    [InlineData(7.747e9, 16.99e9)]
    [InlineData(12.61e9, 27.23e9)]
    public void Eq_69_reproduces_the_forward_flops_of_table_13(double n, double published)
    {
        // Busbridge et al. 2025 Table 13, column C_fwd-approx(2N+σ): Eq. 69 with n_ctx = 4096, d_model/n_layers = 128,
        // ω = 12. The vocabulary (32,768) is inferred from the table's N_total − N, so the smallest model agrees to 0.5 %.
        var flops = ForwardFlopsModel.FixedAspectRatioDefault.PerToken(ParameterCount.FromCount(n)).Flops;
        (flops / published).Should().BeApproximately(1.0, 0.005);
    }

    [Fact]
    public void Eq_9_counts_the_teacher_costs_of_each_scenario_of_table_2()
    {
        var ns = ParameterCount.FromBillions(1);
        var ds = TokenCount.FromBillions(20);
        var nt = ParameterCount.FromBillions(7);
        var dt = TokenCount.FromBillions(140);
        var f = ForwardFlopsModel.TwoN;
        DistillationCompute.Of(DistillationScenario.BestCase, f, ns, ds, nt, dt).Total.Flops.Should().BeApproximately(6 * 1e9 * 20e9, 1e6);
        DistillationCompute.Of(DistillationScenario.TeacherInference, f, ns, ds, nt, dt).Total.Flops.Should().BeApproximately((6 * 1e9 * 20e9) + (2 * 7e9 * 20e9), 1e6);
        DistillationCompute.Of(DistillationScenario.TeacherPretraining, f, ns, ds, nt, dt).Total.Flops.Should().BeApproximately((6 * 1e9 * 20e9) + (6 * 7e9 * 140e9), 1e6);
        DistillationCompute.Of(DistillationScenario.TeacherPretrainingAndInference, f, ns, ds, nt, dt).Total.Flops
            .Should().BeApproximately((6 * 1e9 * 20e9) + (2 * 7e9 * 20e9) + (6 * 7e9 * 140e9), 1e6);
    }

    [Fact]
    public void Bad_inputs_name_their_parameter()
    {
        var act = () => Law.StudentLoss(0, ParameterCount.FromBillions(1), TokenCount.FromBillions(1));
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("teacherLoss");
        var zero = () => Law.SupervisedLoss(ParameterCount.Zero, TokenCount.FromBillions(1));
        zero.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("parameters");
    }
}
