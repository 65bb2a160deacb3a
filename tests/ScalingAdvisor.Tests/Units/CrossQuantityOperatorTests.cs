using ScalingAdvisor.Units;

namespace ScalingAdvisor.Tests.Units;

public class CrossQuantityOperatorTests
{
    [Fact]
    public void Flops_over_flop_rate_is_a_duration_that_does_not_overflow_at_1e30()
    {
        // 1e30 FLOPs on one 1e15 FLOP/s device: 1e15 s ≈ 3.2e7 years, far past TimeSpan.MaxValue (~29,000 years).
        var time = FlopCount.FromFlops(1e30) / FlopRate.FromPetaflopsPerSecond(1);
        time.TotalSeconds.Should().Be(1e15);
        time.TotalYears.Should().BeApproximately(3.169e7, 1e4);
    }

    [Fact]
    public void Power_times_time_times_intensity_is_carbon()
    {
        // LLaMA §6 / Table 15 (Touvron et al. 2023): 82,432 A100-hours at 400 W and PUE 1.1 is about
        // 36 MWh; at 0.385 kgCO2e/kWh about 14 tCO2e.
        var energy = Power.FromWatts(400 * 1.1) * Duration.FromHours(82432);
        energy.TotalMegawattHours.Should().BeApproximately(36.27, 0.01);
        (energy * CarbonIntensity.FromKilogramsPerKilowattHour(0.385)).Tonnes.Should().BeApproximately(13.96, 0.01);
    }

    [Fact]
    public void Division_by_a_zero_rate_is_an_argument_error_not_infinity()
    {
        var act = () => FlopCount.FromFlops(1) / FlopRate.Zero;
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("rate");
    }

    [Fact]
    public void Overflowing_arithmetic_throws_instead_of_returning_infinity()
    {
        var act = () => FlopCount.FromFlops(1e300) * 1e10;
        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
