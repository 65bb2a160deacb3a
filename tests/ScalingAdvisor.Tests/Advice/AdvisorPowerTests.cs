using ScalingAdvisor.Advice;
using ScalingAdvisor.Footprint;
using ScalingAdvisor.Hardware;
using ScalingAdvisor.Performance;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Tests.Advice;

/// <summary>Advice on a device without a published TDP (Cloud TPU v5p): time, loss and cost, energy only with a given power.</summary>
public class AdvisorPowerTests
{
    private static AdviceScenario OnTpuV5p(ScalingLimits limits, Power? averagePower = null)
        => AdviceFixture.Scenario(AdviceFixture.Law, limits) with
        {
            Cluster = new TrainingCluster(AcceleratorCatalog.BuiltIn.Get("tpu-v5p"), 256),
            Footprint = new FootprintAssumptions(CarbonIntensity.FromKilogramsPerKilowattHour(0.385), 1.1, 1.0, Money.FromUsd(2))
            {
                AveragePowerPerDevice = averagePower,
            },
        };

    [Fact]
    public void A_device_without_a_TDP_is_advised_with_cost_and_time_and_null_energy_with_the_reason()
    {
        var result = Advisor.Advise(OnTpuV5p(new ScalingLimits { CheckMemory = false }));
        var point = result.Recommendation.Point!.Value;
        point.WallTime.TotalSeconds.Should().BePositive();
        point.Cost!.Value.Usd.Should().BeApproximately(2 * point.GpuHours, 1e-6 * point.GpuHours);
        point.Energy.Should().BeNull();
        point.Co2e.Should().BeNull();
        result.EnergyUnavailableReason.Should().Contain("tpu-v5p has no published TDP");
        result.Findings.Should().Contain(f => f.Contains("tpu-v5p has no published TDP"));
    }

    [Fact]
    public void A_given_average_power_prices_energy_as_device_hours_times_power_times_PUE()
    {
        var result = Advisor.Advise(OnTpuV5p(new ScalingLimits { CheckMemory = false }, Power.FromWatts(400)));
        var point = result.Recommendation.Point!.Value;
        point.Energy!.Value.TotalKilowattHours.Should().BeApproximately(point.GpuHours * 0.4 * 1.1, 1e-9 * point.GpuHours);
        point.Co2e!.Value.Kilograms.Should().BeApproximately(point.GpuHours * 0.4 * 1.1 * 0.385, 1e-9 * point.GpuHours);
        result.EnergyUnavailableReason.Should().BeNull();
    }

    [Fact]
    public void A_CO2e_limit_without_any_power_figure_is_refused_naming_the_device()
    {
        var act = () => Advisor.Advise(OnTpuV5p(new ScalingLimits { MaxCo2e = CarbonMass.FromKilograms(1000) }));
        act.Should().Throw<ArgumentException>().WithMessage("*MaxCo2e*tpu-v5p has no published TDP*");
    }
}
