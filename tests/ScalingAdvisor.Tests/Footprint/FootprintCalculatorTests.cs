using FsCheck;
using FsCheck.Fluent;
using ScalingAdvisor.Footprint;
using ScalingAdvisor.Hardware;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Tests.Footprint;

public class FootprintCalculatorTests
{
    private static readonly AcceleratorProfile A100 = AcceleratorCatalog.BuiltIn.Get("a100-80gb");

    [Theory]
    // Touvron et al. 2023 (LLaMA), Table 15: GPU-hours, power 400 W, PUE 1.1, 0.385 kgCO2e/kWh → MWh, tCO2e.
    [InlineData(82_432, 36, 14)]
    [InlineData(135_168, 59, 23)]
    [InlineData(530_432, 233, 90)]
    [InlineData(1_022_362, 449, 173)]
    public void LLaMA_Table_15_energy_and_emissions_are_reproduced(double gpuHours, double publishedMwh, double publishedTonnes)
    {
        var assumptions = FootprintAssumptions.ForRegion(RegionCatalog.BuiltIn.Get("us-llama"), pue: 1.1);
        var estimate = FootprintCalculator.Estimate(gpuHours, A100, assumptions);

        // The paper prints whole numbers (449.8 MWh appears as 449), so agree within one unit.
        estimate.Energy!.Value.TotalMegawattHours.Should().BeApproximately(publishedMwh, 1);
        estimate.Carbon!.Value.Tonnes.Should().BeApproximately(publishedTonnes, 1);
        estimate.PowerPerDevice!.Value.Watts.Should().Be(400);
    }

    [Fact]
    public void LLaMA_7B_row_rounds_to_the_published_36_MWh_and_14_tonnes()
    {
        var estimate = FootprintCalculator.Estimate(82_432, Power.FromWatts(400),
            new FootprintAssumptions(CarbonIntensity.FromKilogramsPerKilowattHour(0.385), pue: 1.1));
        Math.Round(estimate.Energy!.Value.TotalMegawattHours).Should().Be(36);
        Math.Round(estimate.Carbon!.Value.Tonnes).Should().Be(14);
    }

    [Fact]
    public void BLOOM_dynamic_energy_and_carbon_match_Luccioni_2022()
    {
        // Luccioni et al. 2022: 1,082,990 A100 hours × 400 W = 433,196 kWh; × 0.057 kg/kWh = 24.69 t (dynamic only, no PUE).
        var assumptions = FootprintAssumptions.ForRegion(RegionCatalog.BuiltIn.Get("fr-bloom"), pue: 1.0);
        var estimate = FootprintCalculator.Estimate(1_082_990, A100, assumptions);

        estimate.Energy!.Value.TotalKilowattHours.Should().BeApproximately(433_196, 0.5);
        estimate.Carbon!.Value.Tonnes.Should().BeApproximately(24.69, 0.005);
        // Same paper: 11.2 t embodied over the run.
        estimate.EmbodiedCarbon!.Value.Tonnes.Should().BeApproximately(11.2, 0.05);
        estimate.TotalCarbon!.Value.Tonnes.Should().BeApproximately(24.69 + 11.2, 0.06);
    }

    [Fact]
    public void Cost_is_absent_without_a_price_not_zero()
    {
        var assumptions = new FootprintAssumptions(CarbonIntensity.FromKilogramsPerKilowattHour(0.4));
        FootprintCalculator.Estimate(1000, A100, assumptions).Cost.Should().BeNull();

        var priced = assumptions with { };
        var withPrice = new FootprintAssumptions(CarbonIntensity.FromKilogramsPerKilowattHour(0.4), pricePerGpuHour: Money.FromUsd(2.5));
        FootprintCalculator.Estimate(1000, A100, withPrice).Cost!.Value.Usd.Should().Be(2500);
        priced.PricePerGpuHour.Should().BeNull();
    }

    [Fact]
    public void Power_fraction_scales_energy_and_is_carried_in_the_result()
    {
        var half = new FootprintAssumptions(CarbonIntensity.FromKilogramsPerKilowattHour(0.4), pue: 1.0, powerFraction: 0.5);
        var estimate = FootprintCalculator.Estimate(10, A100, half);
        estimate.Energy!.Value.TotalKilowattHours.Should().BeApproximately(2, 1e-12);
        estimate.Assumptions.PowerFraction.Should().Be(0.5);
    }

    [Fact]
    public void Negative_GPU_hours_are_rejected_naming_the_parameter()
    {
        var act = () => FootprintCalculator.Estimate(-1, A100, new FootprintAssumptions(CarbonIntensity.Zero));
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("gpuHours");
    }

    [Theory]
    [InlineData(0.9)]
    [InlineData(double.PositiveInfinity)]
    public void PUE_below_one_is_rejected(double pue)
    {
        var act = () => new FootprintAssumptions(CarbonIntensity.Zero, pue: pue);
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("pue");
    }

    [Fact]
    public void An_accelerator_without_a_published_TDP_gets_hours_and_cost_but_no_energy_with_the_reason()
    {
        var assumptions = new FootprintAssumptions(CarbonIntensity.FromKilogramsPerKilowattHour(0.4), pricePerGpuHour: Money.FromUsd(2));
        var estimate = FootprintCalculator.Estimate(10, AcceleratorCatalog.BuiltIn.Get("tpu-v5e"), assumptions);
        estimate.GpuHours.Should().Be(10);
        estimate.Cost!.Value.Usd.Should().Be(20);
        estimate.Energy.Should().BeNull();
        estimate.Carbon.Should().BeNull();
        estimate.TotalCarbon.Should().BeNull();
        estimate.PowerPerDevice.Should().BeNull();
        estimate.EnergyUnavailableReason.Should().Contain("tpu-v5e has no published TDP");
    }

    [Fact]
    public void A_given_average_power_replaces_TDP_times_power_fraction_LLaMA_7B_36_MWh()
    {
        // Touvron et al. 2023 Table 15: LLaMA-7B, 82,432 GPU-hours at 400 W and PUE 1.1 -> 36 MWh. Given as an average
        // draw on a device without a TDP; the power fraction (0.5 here) must not scale it again.
        var assumptions = new FootprintAssumptions(CarbonIntensity.FromKilogramsPerKilowattHour(0.385), pue: 1.1, powerFraction: 0.5)
        {
            AveragePowerPerDevice = Power.FromWatts(400),
        };
        var estimate = FootprintCalculator.Estimate(82_432, AcceleratorCatalog.BuiltIn.Get("tpu-v5p"), assumptions);
        Math.Round(estimate.Energy!.Value.TotalMegawattHours).Should().Be(36);
        Math.Round(estimate.Carbon!.Value.Tonnes).Should().Be(14);
        estimate.PowerWasGiven.Should().BeTrue();
        estimate.PowerPerDevice!.Value.Watts.Should().Be(400);
        estimate.EnergyUnavailableReason.Should().BeNull();
    }

    [Fact]
    public void A_zero_average_power_is_rejected_naming_it()
    {
        var act = () => new FootprintAssumptions(CarbonIntensity.Zero) { AveragePowerPerDevice = Power.Zero };
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("AveragePowerPerDevice");
    }

    [Fact]
    public void Energy_and_carbon_are_linear_in_GPU_hours()
        => Prop.ForAll(Gen.Choose(0, 1_000_000).ToArbitrary(), hours =>
        {
            var assumptions = new FootprintAssumptions(CarbonIntensity.FromKilogramsPerKilowattHour(0.3), pue: 1.2);
            var one = FootprintCalculator.Estimate(hours, A100, assumptions);
            var two = FootprintCalculator.Estimate(2.0 * hours, A100, assumptions);
            return Math.Abs(two.Energy!.Value.Joules - 2 * one.Energy!.Value.Joules) <= 1e-9 * Math.Max(1, two.Energy!.Value.Joules)
                && Math.Abs(one.Carbon!.Value.Kilograms - one.Energy!.Value.TotalKilowattHours * 0.3) <= 1e-9 * Math.Max(1, one.Carbon!.Value.Kilograms);
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void An_accelerator_without_a_TDP_names_the_gpu_hours_when_the_cost_overflows()
    {
        var assumptions = new FootprintAssumptions(CarbonIntensity.Zero, pricePerGpuHour: Money.FromUsd(2));
        var act = () => FootprintCalculator.Estimate(1e308, AcceleratorCatalog.BuiltIn.Get("tpu-v5e"), assumptions);
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("gpuHours");
    }
}
