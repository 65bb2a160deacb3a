using ScalingAdvisor.Fitting;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Tests.Fitting;

public class RunRangesTests
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
    public void As_a_fitted_range_they_flag_a_question_below_the_smallest_run()
    {
        var report = Ranges.ToFittedRange("the 2 runs of test").Assess(ParameterCount.FromCount(7e10), TokenCount.FromCount(5e8));

        report.Parameters.Factor.Should().BeApproximately(70, 1e-9);
        report.Tokens.Verdict.Should().Be(ScalingAdvisor.Laws.RangeVerdict.Below);
        report.Tokens.Factor.Should().BeApproximately(2, 1e-9);
    }

    [Fact]
    public void A_run_whose_compute_cannot_be_represented_is_refused_so_that_reading_its_flops_never_throws()
    {
        var act = () => new TrainingRun(ParameterCount.FromCount(1e300), TokenCount.FromCount(1e300), 2.0);
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("parameters");
    }
}
