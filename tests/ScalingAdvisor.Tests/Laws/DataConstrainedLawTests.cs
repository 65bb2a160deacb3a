using ScalingAdvisor.Laws;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Tests.Laws;

public class DataConstrainedLawTests
{
    private static readonly DataConstrainedLaw Law = ScalingLaws.Muennighoff2023;

    [Fact]
    public void Muennighoff2023_reproduces_the_authors_reference_value()
    {
        // Muennighoff et al. 2023, datablations repository: L(N = 6.34e9, D = 242e9, U = 25e9) = 2.2256440889984477.
        var loss = Law.Loss(ParameterCount.FromCount(6.34e9), TokenCount.FromCount(242e9), TokenCount.FromCount(25e9));
        loss.Should().BeApproximately(2.2256440889984477, 2.2256440889984477 * 1e-9);
    }

    [Fact]
    public void Evaluate_reports_the_reference_value_with_its_three_terms()
    {
        var estimate = LawSolver.Evaluate(Law, ParameterCount.FromCount(6.34e9), TokenCount.FromCount(242e9), TokenCount.FromCount(25e9));
        estimate.Loss.Should().BeApproximately(2.2256440889984477, 2.2256440889984477 * 1e-9);
        estimate.Breakdown.Should().NotBeNull();
        estimate.Breakdown!.Value.Irreducible.Should().Be(Math.Exp(0.6254804));
        estimate.Breakdown.Value.Total.Should().Be(estimate.Loss);
        estimate.LawId.Should().Be("muennighoff2023");
    }

    [Fact]
    public void Up_to_four_epochs_repeated_data_is_nearly_as_good_as_fresh_data_and_far_beyond_it_is_worth_little()
    {
        // Muennighoff et al. 2023 abstract / FORMULAS.md §6: up to ~4 epochs of repetition is nearly as good as unique data;
        // with many more epochs extra repetitions add little effective data.
        var d = TokenCount.FromBillions(400);
        Law.EffectiveTokens(d, d / 4).Count.Should().BeGreaterThan(0.9 * d.Count);
        Law.EffectiveTokens(d, d / 40).Count.Should().BeLessThan(0.4 * d.Count);
        var n = Law.OptimalParametersForTokens(d);
        (Law.Loss(n, d, d / 4) / Law.Loss(n, d, d)).Should().BeInRange(1.0, 1.01);
    }

    [Fact]
    public void Without_repetition_and_at_most_the_compute_optimal_size_the_law_is_the_plain_Chinchilla_form()
    {
        // Eq. 5 with R_D = R_N = 0 reduces to E + A/N^α + B/D^β (Muennighoff et al. 2023 §3.1).
        var plain = new ChinchillaLaw("plain", "test", Law.Constants);
        var d = TokenCount.FromBillions(100);
        var n = Law.OptimalParametersForTokens(d) * 0.5;
        Law.Loss(n, d, TokenCount.FromTrillions(1)).Should().BeApproximately(plain.Loss(n, d), 1e-15);
    }

    [Fact]
    public void Budget_optimum_with_ample_unique_data_is_the_closed_form_optimum_of_its_constants()
    {
        // With U above D_opt nothing repeats, and the frontier N_opt(D) is where eq. 5's parameter discount starts.
        var plain = new ChinchillaLaw("plain", "test", Law.Constants);
        var budget = FlopCount.FromFlops(1e22);
        var closed = plain.ComputeOptimal(budget);
        var numeric = LawSolver.Allocate(Law, budget, new AllocationOptions { UniqueTokens = TokenCount.FromTrillions(100) });
        numeric.Parameters.Count.Should().BeApproximately(closed.Parameters.Count, closed.Parameters.Count * 1e-7);
        numeric.Loss.Should().BeApproximately(closed.Loss, 1e-12);
        numeric.Method.Should().Be(SolutionMethod.Numerical);
    }

    [Fact]
    public void Budget_optimum_with_scarce_unique_data_repeats_the_data_and_beats_its_neighbours()
    {
        var u = TokenCount.FromBillions(100);
        var budget = FlopCount.FromFlops(1e23);
        var allocation = LawSolver.Allocate(Law, budget, new AllocationOptions { UniqueTokens = u });
        allocation.Tokens.Count.Should().BeGreaterThan(u.Count);
        allocation.TrainingFlops.Flops.Should().BeApproximately(1e23, 1e23 * 1e-12);
        allocation.UniqueTokens.Should().Be(u);
        foreach (var k in new[] { 0.98, 1.02 })
        {
            Law.Loss(allocation.Parameters * k, allocation.Tokens / k, u).Should().BeGreaterThan(allocation.Loss);
        }
    }

    [Fact]
    public void Compute_for_a_target_with_scarce_data_is_the_budget_whose_optimum_reaches_it()
    {
        var options = new AllocationOptions { UniqueTokens = TokenCount.FromBillions(100) };
        var atBudget = LawSolver.Allocate(Law, FlopCount.FromFlops(1e23), options);
        var inverse = LawSolver.ForTargetLoss(Law, atBudget.Loss, options);
        inverse.TrainingFlops.Flops.Should().BeApproximately(1e23, 1e23 * 1e-6);
    }

    [Fact]
    public void A_target_below_the_floor_that_the_unique_data_allows_is_rejected()
    {
        var u = TokenCount.FromBillions(1);
        var floor = Law.LossFloor(u);
        floor.Should().BeGreaterThan(Law.E);
        var act = () => LawSolver.ForTargetLoss(Law, floor - 1e-3, new AllocationOptions { UniqueTokens = u });
        act.Should().Throw<ArgumentOutOfRangeException>().Where(e => e.Message.Contains("unique tokens"));
    }

    [Fact]
    public void Questions_without_unique_tokens_are_rejected_naming_the_law()
    {
        var evaluate = () => LawSolver.Evaluate(Law, ParameterCount.FromBillions(1), TokenCount.FromBillions(20));
        evaluate.Should().Throw<ArgumentException>().Where(e => e.ParamName == "uniqueTokens" && e.Message.Contains("muennighoff2023"));
        var allocate = () => LawSolver.Allocate(Law, FlopCount.FromFlops(1e21));
        // Allocate carries U in its options: the exception names that parameter (issue 14: ParamName is a real parameter).
        allocate.Should().Throw<ArgumentException>().WithParameterName("options");
    }

    [Theory]
    [InlineData(1e9, 5e9, 25e9)]     // D < U, N below N_opt(D)
    [InlineData(5e10, 5e9, 25e9)]    // D < U, N above N_opt(D): U_N moves with D
    [InlineData(6.34e9, 242e9, 25e9)] // the reference point: data repeated, N above N_opt(U)
    [InlineData(1e8, 242e9, 25e9)]   // data repeated, N below N_opt(U)
    public void Analytic_log_gradient_matches_finite_differences(double n, double d, double u)
    {
        var bound = (IDifferentiableLossLaw)Law.WithUniqueTokens(TokenCount.FromCount(u));
        var g = bound.LogGradient(ParameterCount.FromCount(n), TokenCount.FromCount(d));
        const double h = 1e-6;
        var dn = (bound.Loss(ParameterCount.FromCount(n * Math.Exp(h)), TokenCount.FromCount(d)) - bound.Loss(ParameterCount.FromCount(n * Math.Exp(-h)), TokenCount.FromCount(d))) / (2 * h);
        var dd = (bound.Loss(ParameterCount.FromCount(n), TokenCount.FromCount(d * Math.Exp(h))) - bound.Loss(ParameterCount.FromCount(n), TokenCount.FromCount(d * Math.Exp(-h)))) / (2 * h);
        g.WithRespectToLogParameters.Should().BeApproximately(dn, 1e-8);
        g.WithRespectToLogTokens.Should().BeApproximately(dd, 1e-8);
    }
}
