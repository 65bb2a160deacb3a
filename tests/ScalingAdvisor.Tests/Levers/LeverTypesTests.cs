using ScalingAdvisor.Levers;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Tests.Levers;

public class LeverTypesTests
{
    [Fact]
    public void Loss_effects_are_zero_a_number_or_absent()
    {
        LossEffect.Unchanged("x").ChangeNats.Should().Be(0);
        LossEffect.Quantified(-0.02, "a law").ChangeNats.Should().Be(-0.02);
        LossEffect.NotModelled("no law").ChangeNats.Should().BeNull();
        var act = () => LossEffect.Quantified(double.NaN, "a law");
        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("changeNats");
    }

    [Fact]
    public void Metric_changes_are_signed_in_the_SI_unit()
    {
        var change = MetricChange.Of(ByteSize.FromBytes(100), ByteSize.FromBytes(25));
        change.Change.Should().Be(-75);
        change.RelativeChange.Should().Be(-0.75);
        MetricChange.Of(0.0, 3.0).RelativeChange.Should().BeNull();
        var act = () => MetricChange.Of(double.PositiveInfinity, 1.0);
        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Lever_arguments_are_checked()
    {
        ((Action)(() => _ = new ZeroStageLever(4))).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("stage");
        ((Action)(() => _ = new LargerClusterLever(1))).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("factor");
        ((Action)(() => _ = new WeightQuantisationLever(0))).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("weightBits");
    }

    // The extension point for levers that need another calculator (e.g. a fine-tuning memory model): implement ILever and
    // build the row with LeverRow.Compare from the baseline's metrics.
    private sealed class HalfMemoryLever : ILever
    {
        public string Id => "half-memory";

        public string Name => "half the training memory";

        public LeverRow Evaluate(ScenarioOutcome baseline)
        {
            var metrics = baseline.Metrics;
            var lever = metrics with { TrainingMemoryPerGpu = ByteSize.FromBytes(metrics.TrainingMemoryPerGpu.Bytes / 2) };
            return LeverRow.Compare(Id, Name, metrics, lever, LossEffect.NotModelled("test"), "test");
        }
    }

    [Fact]
    public void A_custom_lever_is_one_class_and_joins_the_table()
    {
        var comparison = LeverComparison.Evaluate(LeverFixture.Scenario(), [new HalfMemoryLever()]);
        var row = comparison.Rows.Should().ContainSingle().Subject;
        row.TrainingMemoryPerGpu!.RelativeChange.Should().Be(-0.5);
        row.TrainingTime!.Change.Should().Be(0);
        row.Cost.Should().BeNull("no price was given");
    }
}
