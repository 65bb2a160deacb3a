using ScalingAdvisor.Laws;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Tests.Laws;

public class ChinchillaLawBatchTests
{
    private const double RelativeTolerance = 1e-12;

    private static readonly ChinchillaLaw[] ChinchillaForms =
        [ScalingLaws.Hoffmann2022, ScalingLaws.Hoffmann2022Unrounded, ScalingLaws.Besiroglu2024];

    // Odd lengths hit the SIMD remainder; 255/256/257 and 1001 straddle the 256-point scratch chunk.
    public static TheoryData<int> Lengths => new() { 1, 3, 7, 31, 255, 256, 257, 1001 };

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Batch_loss_matches_the_scalar_loss_to_1e_12_relative(int length)
    {
        var random = new Random(20220329 + length);
        double[] n = LogUniform(random, length, 1e6, 1e13);
        double[] d = LogUniform(random, length, 1e8, 1e14);
        double[] batch = new double[length];

        foreach (var law in ChinchillaForms)
        {
            law.Loss(n, d, batch);
            for (int i = 0; i < length; i++)
            {
                double scalar = law.Loss(ParameterCount.FromCount(n[i]), TokenCount.FromCount(d[i]));
                RelativeError(batch[i], scalar).Should().BeLessThan(RelativeTolerance, "{0} at N = {1:R}, D = {2:R}", law.Id, n[i], d[i]);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Batch_compute_optimal_matches_the_scalar_closed_forms_to_1e_12_relative(int length)
    {
        var random = new Random(4 + length);
        double[] budgets = LogUniform(random, length, 1e15, 1e30);
        double[] n = new double[length], d = new double[length], loss = new double[length];

        foreach (var law in ChinchillaForms)
        {
            law.ComputeOptimal(budgets, n, d, loss);
            for (int i = 0; i < length; i++)
            {
                var c = FlopCount.FromFlops(budgets[i]);
                RelativeError(n[i], law.OptimalParameters(c).Count).Should().BeLessThan(RelativeTolerance, "N_opt of {0} at C = {1:R}", law.Id, budgets[i]);
                RelativeError(d[i], law.OptimalTokens(c).Count).Should().BeLessThan(RelativeTolerance, "D_opt of {0} at C = {1:R}", law.Id, budgets[i]);
                RelativeError(loss[i], law.OptimalLoss(c)).Should().BeLessThan(RelativeTolerance, "L_opt of {0} at C = {1:R}", law.Id, budgets[i]);
            }
        }
    }

    [Fact]
    public void Batch_loss_reproduces_Chinchilla_and_Gopher_from_Hoffmann2022()
    {
        // Hoffmann et al. 2022 §4 / eq. 2 with the printed constants (E 1.69, A 406.4, B 410.7, α 0.34, β 0.28):
        // Chinchilla 70B on 1.4T tokens: 1.69 + 406.4/70e9^0.34 + 410.7/1.4e12^0.28 = 1.69 + 0.0835 + 0.1632 ≈ 1.9366;
        // Gopher 280B on 300B tokens scores worse at about the same compute.
        double[] loss = new double[2];
        ScalingLaws.Hoffmann2022.Loss([70e9, 280e9], [1.4e12, 300e9], loss);
        loss[0].Should().BeApproximately(1.9366, 1e-4);
        loss[1].Should().BeGreaterThan(loss[0]);
    }

    [Fact]
    public void Batch_optimum_at_Gophers_budget_is_near_40B_parameters_as_Hoffmann2022_states()
    {
        // Hoffmann et al. 2022 §3.3: Approach 3 puts the optimum for Gopher's 5.76e23 FLOPs at ~40B parameters;
        // N·D·6 must give the budget back.
        double[] n = new double[1], d = new double[1], loss = new double[1];
        ScalingLaws.Hoffmann2022Unrounded.ComputeOptimal([5.76e23], n, d, loss);
        (n[0] / 1e9).Should().BeApproximately(40.0, 1.0);
        (6 * n[0] * d[0]).Should().BeApproximately(5.76e23, 5.76e23 * 1e-12);
    }

    [Fact]
    public void Batch_loss_may_write_over_its_input()
    {
        double[] n = [1e9, 7e9, 70e9];
        double[] d = [20e9, 2e12, 1.4e12];
        double[] expected = new double[3];
        var law = ScalingLaws.Besiroglu2024;
        law.Loss(n, d, expected);

        law.Loss(n, d, n);

        n.Should().Equal(expected);
    }

    [Fact]
    public void Empty_spans_are_a_no_op()
    {
        ScalingLaws.Besiroglu2024.Loss([], [], []);
        ScalingLaws.Besiroglu2024.ComputeOptimal([], [], [], []);
    }

    [Fact]
    public void Mismatched_lengths_are_rejected_naming_the_short_span()
    {
        var law = ScalingLaws.Besiroglu2024;
        FluentActions.Invoking(() => law.Loss([1e9, 2e9], [1e10], new double[2]))
            .Should().Throw<ArgumentException>().WithParameterName("tokens");
        FluentActions.Invoking(() => law.Loss([1e9, 2e9], [1e10, 2e10], new double[1]))
            .Should().Throw<ArgumentException>().WithParameterName("destination");
        FluentActions.Invoking(() => law.ComputeOptimal([1e20, 1e21], new double[2], new double[2], new double[3]))
            .Should().Throw<ArgumentException>().WithParameterName("loss");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1e9)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_bad_parameter_count_is_rejected_naming_its_index_and_value(double bad)
    {
        double[] n = [1e9, 2e9, 3e9, 4e9, 5e9, 6e9, 7e9, 8e9, 9e9];
        n[5] = bad;
        double[] d = [.. n.Select(_ => 1e12)];

        var act = () => ScalingLaws.Besiroglu2024.Loss(n, d, new double[n.Length]);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("parameters")
            .WithMessage($"parameters[5] should be in (0, ∞) but was {bad.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}*");
    }

    [Fact]
    public void A_bad_value_past_the_first_chunk_is_reported_at_its_index_in_the_whole_span()
    {
        double[] n = [.. Enumerable.Repeat(1e9, 301)];
        double[] d = [.. Enumerable.Repeat(1e12, 301)];
        d[300] = 0;

        var act = () => ScalingLaws.Besiroglu2024.Loss(n, d, new double[301]);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("tokens").WithMessage("tokens[300] *");
    }

    [Fact]
    public void A_bad_token_count_or_budget_is_rejected_naming_it()
    {
        var law = ScalingLaws.Besiroglu2024;
        FluentActions.Invoking(() => law.Loss([1e9, 1e9], [1e12, double.NaN], new double[2]))
            .Should().Throw<ArgumentOutOfRangeException>().WithParameterName("tokens").WithMessage("tokens[1] *");
        FluentActions.Invoking(() => law.ComputeOptimal([1e20, -1], new double[2], new double[2], new double[2]))
            .Should().Throw<ArgumentOutOfRangeException>().WithParameterName("budgetsFlops").WithMessage("budgetsFlops[1] *");
    }

    [Fact]
    public void A_loss_too_large_to_represent_throws_instead_of_returning_infinity()
    {
        // A/N^α with α = 5 and N = 1e-300 is 1e1500, beyond double's 1.8e308; the scalar form overflows the same way.
        var steep = new ChinchillaLaw("steep", "test", new ChinchillaConstants(e: 1, a: 1, b: 1, alpha: 5, beta: 0.3));
        var act = () => steep.Loss([1e9, 1e-300], [1e12, 1e12], new double[2]);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*parameters = 1E-300*").Which.ParamName.Should().Be("parameters");
    }

    private static double[] LogUniform(Random random, int length, double min, double max)
    {
        double logMin = Math.Log(min), logMax = Math.Log(max);
        return [.. Enumerable.Range(0, length).Select(_ => Math.Exp(logMin + (random.NextDouble() * (logMax - logMin))))];
    }

    private static double RelativeError(double actual, double expected) => Math.Abs(actual - expected) / Math.Abs(expected);
}
