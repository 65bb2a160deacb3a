using FsCheck;
using FsCheck.Fluent;
using ScalingAdvisor.Laws;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Tests.Laws;

public class LawSolverTests
{
    /// <summary>The constants of Sardana et al. 2023's released code (FORMULAS.md §6).</summary>
    private static readonly ChinchillaLaw Sardana = new("sardana2023", "Sardana et al. 2023 released code", new ChinchillaConstants(1.69, 406.4, 410.7, 0.336, 0.283));

    private static (Allocation Optimum, double BaselineTokens, double BaselineLifetime) SardanaHeadline(ChinchillaLaw law)
    {
        // A "30B-Chinchilla-quality" model: the loss of 30B parameters trained on their compute-optimal tokens.
        var n30 = ParameterCount.FromBillions(30);
        var d30 = law.ComputeOptimalTokens(n30);
        var target = law.Loss(n30, d30);
        var options = new AllocationOptions { InferenceTokens = TokenCount.FromTrillions(10) };
        var optimum = LawSolver.ForTargetLoss(law, target, options);
        return (optimum, d30.Count, (6 * n30.Count * d30.Count) + (2 * n30.Count * 1e13));
    }

    [Fact]
    public void Inference_aware_optimum_reproduces_Sardana_et_al_headline_example()
    {
        // Sardana et al. 2023 (arXiv:2401.00448) §3: a 30B-Chinchilla-quality model serving 1e13 tokens is best trained
        // as ~13.6B parameters on ~2.84× the data, for ~28 % fewer lifetime FLOPs.
        var (optimum, d30, baseline) = SardanaHeadline(Sardana);
        optimum.Parameters.Billions.Should().BeApproximately(13.6, 13.6 * 0.02);
        (optimum.Tokens.Count / d30).Should().BeApproximately(2.84, 2.84 * 0.02);
        (1 - (optimum.LifetimeFlops.Flops / baseline)).Should().BeApproximately(0.28, 0.01);
        optimum.Loss.Should().BeApproximately(optimum.TargetLoss!.Value, 1e-12);
        optimum.Method.Should().Be(SolutionMethod.Numerical);
    }

    [Fact]
    public void Inference_aware_optimum_with_hoffmann2022_unrounded_gives_the_formula_sheets_values()
    {
        // FORMULAS.md §6: hoffmann2022-unrounded gives 13.9B, 2.74×, 26.6 % for the same example.
        var (optimum, d30, baseline) = SardanaHeadline(ScalingLaws.Hoffmann2022Unrounded);
        optimum.Parameters.Billions.Should().BeApproximately(13.9, 0.1);
        (optimum.Tokens.Count / d30).Should().BeApproximately(2.74, 0.02);
        (1 - (optimum.LifetimeFlops.Flops / baseline)).Should().BeApproximately(0.266, 0.002);
    }

    [Fact]
    public void Lifetime_budget_optimum_is_the_dual_of_the_target_loss_optimum()
    {
        // Minimising loss at the lifetime FLOPs the target-loss optimum spends returns the same (N, D).
        var (optimum, _, _) = SardanaHeadline(Sardana);
        var options = new AllocationOptions { InferenceTokens = TokenCount.FromTrillions(10) };
        var dual = LawSolver.Allocate(Sardana, optimum.LifetimeFlops, options);
        dual.Parameters.Count.Should().BeApproximately(optimum.Parameters.Count, optimum.Parameters.Count * 1e-8);
        dual.Tokens.Count.Should().BeApproximately(optimum.Tokens.Count, optimum.Tokens.Count * 1e-8);
        dual.LifetimeFlops.Flops.Should().BeApproximately(optimum.LifetimeFlops.Flops, optimum.LifetimeFlops.Flops * 1e-12);
    }

    [Fact]
    public void More_inference_tokens_mean_a_smaller_model_trained_on_more_data()
    {
        var target = ScalingLaws.Besiroglu2024.OptimalLoss(FlopCount.FromFlops(1e23));
        var previous = LawSolver.ForTargetLoss(ScalingLaws.Besiroglu2024, target);
        foreach (var dInf in new[] { 1e11, 1e12, 1e13, 1e14 })
        {
            var next = LawSolver.ForTargetLoss(ScalingLaws.Besiroglu2024, target, new AllocationOptions { InferenceTokens = TokenCount.FromCount(dInf) });
            next.Parameters.Should().BeLessThan(previous.Parameters);
            next.Tokens.Should().BeGreaterThan(previous.Tokens);
            previous = next;
        }
    }

    [Fact]
    public void Numerical_solutions_equal_the_closed_form_when_inference_tokens_are_zero()
        => Prop.ForAll(LawGenerators.Budgets.ToArbitrary(), c =>
        {
            foreach (var law in new[] { ScalingLaws.Hoffmann2022, ScalingLaws.Hoffmann2022Unrounded, ScalingLaws.Besiroglu2024 })
            {
                var budget = FlopCount.FromFlops(c);
                var closed = law.ComputeOptimal(budget);
                var budgetSolution = NumericalAllocate(law, c, 0);
                var targetSolution = NumericalTarget(law, closed.Loss, 0);
                if (Math.Abs((budgetSolution.N / closed.Parameters.Count) - 1) > 1e-9
                    || Math.Abs((targetSolution.N / closed.Parameters.Count) - 1) > 1e-7
                    || Math.Abs((targetSolution.D / closed.Tokens.Count) - 1) > 1e-7)
                {
                    return false;
                }
            }

            return true;
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Inference_aware_solutions_with_zero_inference_tokens_equal_the_compute_optimal_allocation()
    {
        var law = ScalingLaws.Besiroglu2024;
        var closed = law.ComputeOptimal(FlopCount.FromFlops(5.76e23));
        var viaOptions = LawSolver.ForTargetLoss(law, closed.Loss, new AllocationOptions { InferenceTokens = TokenCount.Zero });
        viaOptions.Parameters.Count.Should().BeApproximately(closed.Parameters.Count, closed.Parameters.Count * 1e-10);
        var numeric = NumericalTarget(law, closed.Loss, 0);
        numeric.N.Should().BeApproximately(closed.Parameters.Count, closed.Parameters.Count * 1e-8);
    }

    [Fact]
    public void Gain_per_doubling_from_the_numerical_frontier_matches_the_closed_form()
    {
        // FORMULAS.md §8 closed form vs the difference of two numerical optima (a law hidden behind a wrapper).
        var law = ScalingLaws.Hoffmann2022;
        var c = FlopCount.FromFlops(1e21);
        LawSolver.GainPerDoubling(new OpaqueLaw(law), c).Should().BeApproximately(law.GainPerDoubling(c), 1e-9);
        LawSolver.GainPerDoubling(law, c).Should().Be(law.GainPerDoubling(c));
    }

    [Fact]
    public void Laws_without_an_analytic_gradient_are_solved_by_finite_differences()
    {
        var law = ScalingLaws.Besiroglu2024;
        var budget = FlopCount.FromFlops(1e24);
        var opaque = LawSolver.Allocate(new OpaqueLaw(law), budget);
        opaque.Parameters.Count.Should().BeApproximately(law.OptimalParameters(budget).Count, law.OptimalParameters(budget).Count * 1e-6);
    }

    [Fact]
    public void Unique_tokens_cap_the_data_of_a_law_fitted_on_single_epoch_data()
    {
        var law = ScalingLaws.Besiroglu2024;
        var u = TokenCount.FromBillions(100);
        var allocation = LawSolver.Allocate(law, FlopCount.FromFlops(1e24), new AllocationOptions { UniqueTokens = u });
        allocation.LimitedByUniqueTokens.Should().BeTrue();
        allocation.Tokens.Should().Be(u);
        allocation.TrainingFlops.Flops.Should().BeApproximately(1e24, 1e24 * 1e-12);

        var target = LawSolver.ForTargetLoss(law, 2.2, new AllocationOptions { UniqueTokens = u });
        target.Tokens.Should().Be(u);
        target.Loss.Should().BeApproximately(2.2, 1e-12);

        var ample = LawSolver.Allocate(law, FlopCount.FromFlops(1e20), new AllocationOptions { UniqueTokens = u });
        ample.LimitedByUniqueTokens.Should().BeFalse();
    }

    [Fact]
    public void A_target_out_of_reach_with_the_unique_tokens_of_a_single_epoch_law_is_rejected()
    {
        var act = () => LawSolver.ForTargetLoss(ScalingLaws.Besiroglu2024, 1.85, new AllocationOptions { UniqueTokens = TokenCount.FromBillions(1) });
        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("targetLoss");
    }

    [Fact]
    public void Evaluating_more_tokens_than_unique_tokens_with_a_single_epoch_law_is_rejected()
    {
        var act = () => LawSolver.Evaluate(ScalingLaws.Hoffmann2022, ParameterCount.FromBillions(1), TokenCount.FromBillions(50), TokenCount.FromBillions(10));
        act.Should().Throw<ArgumentOutOfRangeException>().Where(e => e.ParamName == "tokens" && e.Message.Contains("muennighoff2023"));
    }

    [Fact]
    public void Evaluate_of_a_Chinchilla_form_law_reports_its_terms_and_Kaplan_none()
    {
        LawSolver.Evaluate(ScalingLaws.Besiroglu2024, ParameterCount.FromBillions(70), TokenCount.FromTrillions(1.4)).Breakdown.Should().NotBeNull();
        LawSolver.Evaluate(ScalingLaws.Kaplan2020, ParameterCount.FromBillions(70), TokenCount.FromTrillions(1.4)).Breakdown.Should().BeNull();
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(double.NaN)]
    [InlineData(-1.0)]
    public void Target_losses_that_are_not_positive_numbers_are_rejected(double target)
    {
        var act = () => LawSolver.ForTargetLoss(ScalingLaws.Kaplan2020, target);
        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("targetLoss");
    }

    [Fact]
    public void A_zero_budget_is_rejected_naming_it()
    {
        var act = () => LawSolver.Allocate(ScalingLaws.Kaplan2020, FlopCount.Zero);
        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("budget");
    }

    [Fact]
    public void Allocation_carries_the_law_the_goal_and_the_budget()
    {
        var allocation = LawSolver.Allocate(ScalingLaws.Hoffmann2022, FlopCount.FromFlops(1e21));
        allocation.LawId.Should().Be("hoffmann2022");
        allocation.Goal.Should().Be(AllocationGoal.MinimumLossForBudget);
        allocation.Budget.Should().Be(FlopCount.FromFlops(1e21));
        allocation.TargetLoss.Should().BeNull();
        allocation.LifetimeFlops.Should().Be(allocation.TrainingFlops);
    }

    private static (double N, double D) NumericalAllocate(ILossLaw law, double c, double dInf)
    {
        var a = LawSolver.Allocate(new DifferentiableWrapper(law), FlopCount.FromFlops(c), new AllocationOptions { InferenceTokens = TokenCount.FromCount(dInf) });
        return (a.Parameters.Count, a.Tokens.Count);
    }

    private static (double N, double D) NumericalTarget(ILossLaw law, double target, double dInf)
    {
        var a = LawSolver.ForTargetLoss(new DifferentiableWrapper(law), target, new AllocationOptions { InferenceTokens = TokenCount.FromCount(dInf) });
        a.Method.Should().Be(SolutionMethod.Numerical);
        return (a.Parameters.Count, a.Tokens.Count);
    }

    /// <summary>Hides the closed forms but keeps the analytic gradient, forcing the numerical path.</summary>
    private sealed class DifferentiableWrapper(ILossLaw inner) : IDifferentiableLossLaw
    {
        public string Id => inner.Id;

        public string Source => inner.Source;

        public ParameterBasis ParameterBasis => inner.ParameterBasis;

        public double IrreducibleLoss => inner.IrreducibleLoss;

        public double Loss(ParameterCount parameters, TokenCount tokens) => inner.Loss(parameters, tokens);

        public LossGradient LogGradient(ParameterCount parameters, TokenCount tokens) => ((IDifferentiableLossLaw)inner).LogGradient(parameters, tokens);
    }

    /// <summary>Hides everything but L(N, D): the solver must use finite differences.</summary>
    private sealed class OpaqueLaw(ILossLaw inner) : ILossLaw
    {
        public string Id => inner.Id;

        public string Source => inner.Source;

        public ParameterBasis ParameterBasis => inner.ParameterBasis;

        public double IrreducibleLoss => inner.IrreducibleLoss;

        public double Loss(ParameterCount parameters, TokenCount tokens) => inner.Loss(parameters, tokens);
    }

    [Fact]
    public void A_target_the_published_frontier_cannot_reach_is_an_argument_error_naming_it()
    {
        var act = () => LawSolver.ForTargetLoss(ScalingLaws.Kaplan2020Table2, 6e132);
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("targetLoss");
    }

    [Fact]
    public void A_loss_estimate_refuses_a_breakdown_whose_total_overflows()
    {
        var act = () => new LossEstimate("test", ParameterCount.FromBillions(7), TokenCount.FromTrillions(1), null, 2.0,
            new LossBreakdown(double.MaxValue, double.MaxValue / 2, 0.4));
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("Breakdown");
    }
}
