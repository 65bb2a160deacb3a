using ScalingAdvisor.Fitting;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Tests.Fitting;

public class ExtrapolationTests
{
    private static readonly RunRanges Ranges = RunRanges.Of(
    [
        new TrainingRun(ParameterCount.FromCount(1e8), TokenCount.FromCount(1e9), 3.0),
        new TrainingRun(ParameterCount.FromCount(1e9), TokenCount.FromCount(1e10), 2.5),
    ]);

    [Fact]
    public void Ranges_span_the_runs_with_compute_as_six_N_D()
    {
        Ranges.MinParameters.Count.Should().Be(1e8);
        Ranges.MaxTokens.Count.Should().Be(1e10);
        Ranges.MinFlops.Flops.Should().Be(6e17);
        Ranges.MaxFlops.Flops.Should().Be(6e19);
    }

    [Fact]
    public void A_budget_far_beyond_the_largest_run_says_how_far()
    {
        var findings = Extrapolation.Check(Ranges, FlopCount.FromFlops(2.4e22));

        findings.Should().ContainSingle();
        findings[0].Axis.Should().Be(ExtrapolationAxis.Compute);
        findings[0].AboveRange.Should().BeTrue();
        findings[0].Factor.Should().BeApproximately(400, 1e-9);
        findings[0].Message.Should().Be("400× beyond the largest run's compute (6E+19 FLOPs)");
    }

    [Fact]
    public void A_question_inside_the_ranges_has_no_findings()
    {
        Extrapolation.Check(Ranges, ParameterCount.FromCount(3e8), TokenCount.FromCount(3e9)).Should().BeEmpty();
    }

    [Fact]
    public void Each_input_outside_its_range_is_a_separate_finding()
    {
        var findings = Extrapolation.Check(Ranges, ParameterCount.FromCount(7e10), TokenCount.FromCount(5e8));

        findings.Select(f => f.Axis).Should().Equal(ExtrapolationAxis.Parameters, ExtrapolationAxis.Tokens, ExtrapolationAxis.Compute);
        findings[0].Factor.Should().BeApproximately(70, 1e-9);
        findings[1].AboveRange.Should().BeFalse();
        findings[1].Message.Should().Be("2× below the smallest run's token count (1E+09 tokens)");
    }

    [Fact]
    public void A_zero_question_is_rejected()
    {
        ((Action)(() => Extrapolation.Check(Ranges, FlopCount.Zero))).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("flops");
    }
}
