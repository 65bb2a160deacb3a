using ScalingAdvisor.Laws;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Tests.Laws;

public class SparsityLawTests
{
    private static readonly SparsityLaw Law = ScalingLaws.Frantar2023;

    // The ViT base the authors' notebook scales from: 12 blocks of 12·768² linear weights (sparsity-scaling.ipynb).
    private const double VitBaseParameters = 12 * (12 * 768.0 * 768.0);

    [Theory]
    [InlineData(0.25, 0.0, 5.6753978384)]
    [InlineData(0.5, 0.0, 5.4475916986)]
    [InlineData(1.0, 0.5, 5.3726485431)]
    [InlineData(1.0, 0.875, 5.619376883)]
    [InlineData(2.0, 0.75, 5.2840933368)]
    public void ViT_JFT_fit_reproduces_the_authors_released_runs_at_1_8e9_images(double scale, double sparsity, double measuredLoss)
    {
        // Frantar et al. 2023 released their ViT/JFT-4B runs with the fitting notebook (github.com/google-research/jaxpruner,
        // jaxpruner/projects/bigsparse/vit-data.json): validation loss of a model of scale × the ViT base at sparsity S
        // trained on 1.8e9 images. N = 84,934,656 · scale · (1 − S) non-zeros. Eq. 1 with the notebook's coefficients
        // predicts these within 1 % (largest gap 0.83 %, at scale 1, S = 0.5).
        var law = ScalingLaws.Frantar2023VitJft.WithSparsity(sparsity);
        var n = ParameterCount.FromCount(VitBaseParameters * scale * (1 - sparsity));
        law.Loss(n, TokenCount.FromCount(1.8e9)).Should().BeApproximately(measuredLoss, measuredLoss * 0.01);
    }

    [Fact]
    public void ViT_JFT_constants_are_the_notebooks_fit_in_raw_counts()
    {
        // The notebook fits with N in millions and D in billions: a_S = 1.30485411·(1e6)^0.39222675 = 294.4,
        // c_S = 2.07506343·(1e6)^0.39222675 = 468.2, a_D = 0.27818217^(1/0.88979104)·1e9 = 2.374e8 images.
        var vit = ScalingLaws.Frantar2023VitJft;
        vit.SparsityCoefficient.Should().BeApproximately(294.4, 0.1);
        vit.DenseFloorCoefficient.Should().BeApproximately(468.2, 0.1);
        vit.DataScale.Should().BeApproximately(2.374e8, 0.001e8);
        (vit.SparsityExponent, vit.ParameterExponent, vit.DataExponent, vit.C).Should().Be((0.82101251, 0.39222675, 0.88979104, 4.51669257));
    }

    [Fact]
    public void T5_C4_loss_is_eq_1_by_hand()
    {
        // N = 1e8 non-zeros, D = 1e10 tokens, S = 0.5:
        // A(0.5) = 16.8·0.5^0.722 + 45.0 = 16.8·0.606256 + 45.0 = 55.1851; (1/1e8)^0.245 = 0.0109648; model term 0.605093.
        // (6.90e8/1e10)^0.203 = 0.069^0.203 = 0.581147; loss = 0.605093 + 0.581147 + 0.819 = 2.005240.
        Law.Loss(ParameterCount.FromMillions(100), TokenCount.FromBillions(10), 0.5).Should().BeApproximately(2.005240, 1e-6);
        Law.ModelCoefficient(0.5).Should().BeApproximately(55.1851, 1e-4);
    }

    [Theory]
    [InlineData(1e8, 1e10, 0.0)]
    [InlineData(1e9, 2e10, 0.5)]
    [InlineData(3e9, 1e11, 0.75)]
    [InlineData(7e10, 1e12, 0.875)]
    public void At_a_fixed_sparsity_the_law_is_exactly_the_Chinchilla_form(double n, double d, double s)
    {
        // E = c, A = a_S(1 − S)^b_S + c_S, α = b_N, B = a_D^b_D, β = b_D (Frantar et al. 2023 eq. 1 vs Hoffmann et al. 2022 eq. 2).
        var law = Law.WithSparsity(s);
        var chinchilla = law.AsChinchilla();
        var parameters = ParameterCount.FromCount(n);
        var tokens = TokenCount.FromCount(d);
        chinchilla.Loss(parameters, tokens).Should().BeApproximately(law.Loss(parameters, tokens), 1e-12);
        chinchilla.Id.Should().Be("frantar2023");
        chinchilla.A.Should().BeApproximately((16.8 * Math.Pow(1 - s, 0.722)) + 45.0, 1e-12);
        chinchilla.B.Should().BeApproximately(Math.Pow(6.90e8, 0.203), 1e-9);
        (chinchilla.E, chinchilla.Alpha, chinchilla.Beta).Should().Be((0.819, 0.245, 0.203));
    }

    [Fact]
    public void At_fixed_non_zero_parameters_more_sparsity_lowers_the_loss_with_saturating_gains()
    {
        // Frantar et al. 2023 §2.1: a sparser model with the same non-zeros is a larger model and does better, but the
        // model term only falls from (a_S + c_S)/N^b_N towards c_S/N^b_N as S → 1.
        var n = ParameterCount.FromBillions(1);
        var d = TokenCount.FromBillions(100);
        var losses = new[] { 0.0, 0.5, 0.75, 0.875, 0.9375, 0.999 }.Select(s => Law.Loss(n, d, s)).ToArray();
        losses.Should().BeInDescendingOrder();
        var floor = (45.0 * Math.Pow(1e9, -0.245)) + Math.Pow(6.90e8 / 1e11, 0.203) + 0.819;
        losses.Should().OnlyContain(l => l > floor);
    }

    [Fact]
    public void Equivalent_dense_size_grows_with_sparsity_up_to_the_saturation_bound()
    {
        // N_dense = N·(A(0)/A(S))^(1/b_N); at S = 0.75: A = 16.8·0.25^0.722 + 45 = 51.175, (61.8/51.175)^(1/0.245) = 2.16;
        // the bound as S → 1 is (61.8/45)^(1/0.245) = 3.65.
        var n = ParameterCount.FromBillions(1);
        Law.EquivalentDenseParameters(n, 0).Count.Should().BeApproximately(1e9, 1e-3);
        Law.EquivalentDenseParameters(n, 0.75).Count.Should().BeApproximately(2.16e9, 0.01e9);
        var multipliers = new[] { 0.5, 0.75, 0.875, 0.999 }.Select(s => Law.EquivalentDenseParameters(n, s).Count / 1e9).ToArray();
        multipliers.Should().BeInAscendingOrder().And.OnlyContain(m => m > 1 && m < 3.65);
    }

    [Fact]
    public void Analytic_gradient_matches_central_differences()
    {
        var law = Law.WithSparsity(0.75);
        double n = 2e9, d = 5e10, h = 1e-5;
        double L(double x, double y) => law.Loss(ParameterCount.FromCount(x), TokenCount.FromCount(y));
        var gradient = law.LogGradient(ParameterCount.FromCount(n), TokenCount.FromCount(d));
        gradient.WithRespectToLogParameters.Should().BeApproximately((L(n * Math.Exp(h), d) - L(n * Math.Exp(-h), d)) / (2 * h), 1e-7);
        gradient.WithRespectToLogTokens.Should().BeApproximately((L(n, d * Math.Exp(h)) - L(n, d * Math.Exp(-h))) / (2 * h), 1e-7);
    }

    [Fact]
    public void LawSolver_allocates_a_sparse_budget_in_closed_form_with_6ND_compute()
    {
        var allocation = LawSolver.Allocate(Law.WithSparsity(0.75), FlopCount.FromFlops(1e21));
        allocation.Method.Should().Be(SolutionMethod.ClosedForm);
        (6 * allocation.Parameters.Count * allocation.Tokens.Count).Should().BeApproximately(1e21, 1e9);
        allocation.Loss.Should().BeApproximately(Law.WithSparsity(0.75).AsChinchilla().OptimalLoss(FlopCount.FromFlops(1e21)), 1e-12);
    }

    [Fact]
    public void The_default_sparsity_is_one_half()
        => Law.Sparsity.Should().Be(0.5);

    [Theory]
    [InlineData(1.0)]
    [InlineData(1.5)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.NegativeInfinity)]
    public void Sparsity_outside_zero_to_one_is_rejected_naming_it(double s)
    {
        var withSparsity = () => Law.WithSparsity(s);
        withSparsity.Should().Throw<ArgumentOutOfRangeException>()
            .Where(e => e.ParamName == "sparsity" && e.Message.Contains("[0, 1)"));
        var loss = () => Law.Loss(ParameterCount.FromBillions(1), TokenCount.FromBillions(20), s);
        loss.Should().Throw<ArgumentOutOfRangeException>().Where(e => e.ParamName == "sparsity");
    }

    [Fact]
    public void Constants_without_a_compute_optimal_allocation_are_refused_on_construction_naming_the_constants()
    {
        // a_S = c_S = 0 make A(S) = 0: as E + A/N^α + B/D^β the optimal model would be infinitely small.
        var act = () => new SparsityLaw("test", "test", new SparsityConstants(aS: 0, bS: 1, cS: 0, bN: 0.3, aD: 1e10, bD: 0.3, c: 1.0), sparsity: 0);
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("constants");
    }
}
