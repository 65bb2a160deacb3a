using FsCheck;
using FsCheck.Fluent;
using ScalingAdvisor.Laws;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Tests.Laws;

public class ChinchillaLawTests
{
    private static readonly ChinchillaLaw[] ChinchillaForms =
        [ScalingLaws.Hoffmann2022, ScalingLaws.Hoffmann2022Unrounded, ScalingLaws.Besiroglu2024];

    private static readonly FlopCount GopherBudget = FlopCount.FromFlops(5.76e23); // Hoffmann et al. 2022 §3.3 / Table 3

    [Fact]
    public void Hoffmann2022_predicts_Chinchilla_70B_on_1_4T_tokens_beats_Gopher_280B_on_300B_tokens()
    {
        // Hoffmann et al. 2022 §4: Chinchilla (70B, 1.4T tokens) outperforms Gopher (280B, 300B tokens) at the same compute.
        var law = ScalingLaws.Hoffmann2022;
        var chinchilla = law.Loss(ParameterCount.FromBillions(70), TokenCount.FromTrillions(1.4));
        var gopher = law.Loss(ParameterCount.FromBillions(280), TokenCount.FromBillions(300));
        chinchilla.Should().BeLessThan(gopher);
        chinchilla.Should().BeApproximately(1.9366, 1e-4); // E + A/N^α + B/D^β with the printed constants
    }

    [Fact]
    public void Hoffmann2022_unrounded_puts_the_optimum_for_Gophers_budget_near_40B_as_the_paper_states()
    {
        // Hoffmann et al. 2022 §3.3: Approach 3 gives ~40B parameters for 5.76e23 FLOPs (FORMULAS.md §6: 40.4B unrounded).
        var n = ScalingLaws.Hoffmann2022Unrounded.OptimalParameters(GopherBudget);
        n.Billions.Should().BeApproximately(40.0, 1.0);
    }

    [Fact]
    public void Hoffmann2022_printed_rounded_constants_put_the_same_optimum_near_32B_not_40B()
    {
        // FORMULAS.md §6: the rounded constants give about 32B at Gopher's budget.
        var n = ScalingLaws.Hoffmann2022.OptimalParameters(GopherBudget);
        n.Billions.Should().BeApproximately(32.2, 0.5);
    }

    [Fact]
    public void Besiroglu2024_allocates_about_20_tokens_per_parameter_at_Gophers_budget()
    {
        // Besiroglu et al. 2024 §4: the replicated fit is consistent with Chinchilla's ~20 tokens per parameter;
        // the closed form gives 18.39 (contract-check expects 18.4 ± 2 %).
        var allocation = ScalingLaws.Besiroglu2024.ComputeOptimal(GopherBudget);
        allocation.TokensPerParameter.Should().BeApproximately(18.4, 18.4 * 0.02);
        allocation.TokensPerParameter.Should().BeInRange(15, 25);
        allocation.TrainingFlops.Flops.Should().BeApproximately(5.76e23, 5.76e23 * 1e-12);
        allocation.Method.Should().Be(SolutionMethod.ClosedForm);
    }

    [Fact]
    public void Loss_breakdown_terms_sum_to_the_loss()
    {
        var law = ScalingLaws.Besiroglu2024;
        var n = ParameterCount.FromBillions(7);
        var d = TokenCount.FromTrillions(2);
        var parts = law.Breakdown(n, d);
        parts.Irreducible.Should().Be(1.8172);
        parts.ModelTerm.Should().BeApproximately(482.01 * Math.Pow(7e9, -0.3478), 1e-15);
        parts.DataTerm.Should().BeApproximately(2085.43 * Math.Pow(2e12, -0.3658), 1e-15);
        parts.Total.Should().Be(law.Loss(n, d));
    }

    [Fact]
    public void Compute_for_a_target_loss_inverts_the_frontier()
    {
        foreach (var law in ChinchillaForms)
        {
            var target = law.OptimalLoss(GopherBudget);
            var inverse = law.ComputeForTargetLoss(target);
            inverse.TrainingFlops.Flops.Should().BeApproximately(5.76e23, 5.76e23 * 1e-10);
            inverse.Parameters.Count.Should().BeApproximately(law.OptimalParameters(GopherBudget).Count, 1e-10 * inverse.Parameters.Count);
            inverse.Loss.Should().Be(target);
        }
    }

    [Fact]
    public void Parameters_and_tokens_for_a_target_loss_reproduce_the_target()
    {
        var law = ScalingLaws.Besiroglu2024;
        var d = law.TokensForTargetLoss(2.1, ParameterCount.FromBillions(10));
        law.Loss(ParameterCount.FromBillions(10), d).Should().BeApproximately(2.1, 1e-12);
        var n = law.ParametersForTargetLoss(2.1, TokenCount.FromTrillions(1));
        law.Loss(n, TokenCount.FromTrillions(1)).Should().BeApproximately(2.1, 1e-12);
        var nMin = law.MinimumParametersForTargetLoss(2.1);
        (law.E + law.ModelTerm(nMin)).Should().BeApproximately(2.1, 1e-12);
    }

    [Theory]
    [InlineData(1.8172)]
    [InlineData(1.5)]
    public void A_target_at_or_below_the_irreducible_loss_is_rejected_saying_so(double target)
    {
        var act = () => ScalingLaws.Besiroglu2024.ComputeForTargetLoss(target);
        act.Should().Throw<ArgumentOutOfRangeException>()
            .Where(e => e.ParamName == "targetLoss" && e.Message.Contains("irreducible loss") && e.Message.Contains("besiroglu2024"));
    }

    [Fact]
    public void A_target_the_model_cannot_reach_with_its_size_is_rejected()
    {
        var act = () => ScalingLaws.Besiroglu2024.TokensForTargetLoss(1.9, ParameterCount.FromMillions(100));
        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("targetLoss");
    }

    [Fact]
    public void Gain_per_doubling_equals_the_frontier_loss_difference_and_shrinks_geometrically()
    {
        // FORMULAS.md §8: each doubling buys k·(C/6)^(−γ)·(1 − 2^(−γ)), shrinking by 2^(−γ) per doubling.
        var law = ScalingLaws.Besiroglu2024;
        var c = FlopCount.FromFlops(1e22);
        var gain = law.GainPerDoubling(c);
        gain.Should().BeApproximately(law.OptimalLoss(c) - law.OptimalLoss(c * 2.0), 1e-13);
        (law.GainPerDoubling(c * 2.0) / gain).Should().BeApproximately(Math.Pow(2, -law.FrontierExponent), 1e-12);
    }

    [Fact]
    public void Analytic_log_gradient_matches_finite_differences()
    {
        foreach (var law in ChinchillaForms)
        {
            foreach (var (n, d) in new[] { (1e8, 1e10), (7e10, 1.4e12), (1e13, 1e9) })
            {
                var g = law.LogGradient(ParameterCount.FromCount(n), TokenCount.FromCount(d));
                const double h = 1e-5;
                var dn = (law.Loss(ParameterCount.FromCount(n * Math.Exp(h)), TokenCount.FromCount(d)) - law.Loss(ParameterCount.FromCount(n * Math.Exp(-h)), TokenCount.FromCount(d))) / (2 * h);
                var dd = (law.Loss(ParameterCount.FromCount(n), TokenCount.FromCount(d * Math.Exp(h))) - law.Loss(ParameterCount.FromCount(n), TokenCount.FromCount(d * Math.Exp(-h)))) / (2 * h);
                g.WithRespectToLogParameters.Should().BeApproximately(dn, 1e-8 + (1e-6 * Math.Abs(dn)));
                g.WithRespectToLogTokens.Should().BeApproximately(dd, 1e-8 + (1e-6 * Math.Abs(dd)));
            }
        }
    }

    [Fact]
    public void Loss_falls_with_more_parameters_and_more_tokens_stays_above_E_and_is_finite()
        => Prop.ForAll(LawGenerators.ParametersAndTokens.ToArbitrary(), p =>
        {
            foreach (var law in ChinchillaForms)
            {
                var n = ParameterCount.FromCount(p.N);
                var d = TokenCount.FromCount(p.D);
                var loss = law.Loss(n, d);
                if (!double.IsFinite(loss) || loss <= law.E
                    || law.Loss(n * 1.01, d) >= loss || law.Loss(n, d * 1.01) >= loss)
                {
                    return false;
                }
            }

            return true;
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Closed_form_optimum_beats_its_neighbours_at_equal_compute()
        => Prop.ForAll(LawGenerators.Budgets.ToArbitrary(), c =>
        {
            foreach (var law in ChinchillaForms)
            {
                var budget = FlopCount.FromFlops(c);
                var n = law.OptimalParameters(budget);
                var d = law.OptimalTokens(budget);
                var best = law.Loss(n, d);
                foreach (var k in new[] { 0.9, 0.99, 1.01, 1.1 })
                {
                    if (law.Loss(n * k, d / k) <= best)
                    {
                        return false;
                    }
                }
            }

            return true;
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Allocation_round_trips_from_N_and_D_to_compute_and_back()
        => Prop.ForAll(LawGenerators.Parameters.ToArbitrary(), nValue =>
        {
            foreach (var law in ChinchillaForms)
            {
                // N → its frontier D → C = 6ND → (N, D) again.
                var n = ParameterCount.FromCount(nValue);
                var d = law.ComputeOptimalTokens(n);
                var c = FlopCount.FromFlops(6 * n.Count * d.Count);
                var back = law.ComputeOptimal(c);
                if (Math.Abs((back.Parameters.Count / n.Count) - 1) > 1e-11 || Math.Abs((back.Tokens.Count / d.Count) - 1) > 1e-11
                    || Math.Abs((back.TrainingFlops.Flops / c.Flops) - 1) > 1e-12)
                {
                    return false;
                }
            }

            return true;
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Loss_rejects_zero_parameters_naming_them()
    {
        var act = () => ScalingLaws.Hoffmann2022.Loss(ParameterCount.Zero, TokenCount.FromBillions(1));
        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("parameters");
    }

    [Fact]
    public void Frontier_tokens_too_large_to_represent_throw_instead_of_returning_infinity()
    {
        // D = (N/G)^(α/β)/G with α/β = 1.21 overflows for N = 1e300.
        var act = () => ScalingLaws.Hoffmann2022.ComputeOptimalTokens(ParameterCount.FromCount(1e300));
        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
