using System.Text.Json;
namespace ScalingAdvisor.Cli.Tests.Commands;

public class FootprintCommandTests
{
    [Fact]
    public void LLaMA_7B_row_of_Table_15_is_36_MWh_and_14_tonnes()
    {
        // Touvron et al. 2023, Table 15: 82,432 GPU-hours, 400 W, PUE 1.1, 0.385 kg/kWh → 36 MWh, 14 tCO2e.
        var json = CliRunner.Json("footprint", "--gpu-hours", "82432", "--hardware", "a100-80gb", "--pue", "1.1", "--grid-intensity", "0.385");
        json.GetProperty("gpuHours").GetDouble().Should().Be(82432);
        json.GetProperty("energyKwh").GetDouble().Should().BeApproximately(36_270, 1);
        json.GetProperty("co2eKg").GetDouble().Should().BeApproximately(13_964, 1);
        json.GetProperty("costUsd").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        json.GetProperty("assumptions").GetProperty("pue").GetDouble().Should().Be(1.1);
        json.GetProperty("assumptions").GetProperty("gridIntensityKgPerKwh").GetDouble().Should().Be(0.385);
    }

    [Fact]
    public void Price_gives_a_cost_and_region_gives_its_intensity()
    {
        var json = CliRunner.Json("footprint", "--gpu-hours", "1000", "--hardware", "h100-sxm", "--region", "us-llama", "--price-per-gpu-hour", "2.5");
        json.GetProperty("costUsd").GetDouble().Should().Be(2500);
        json.GetProperty("energyKwh").GetDouble().Should().BeApproximately(1000 * 0.7 * 1.1, 1e-9);
        json.GetProperty("co2eKg").GetDouble().Should().BeApproximately(770 * 0.385, 1e-9);
        json.GetProperty("assumptions").GetProperty("region").GetString().Should().Be("us-llama");
    }

    [Fact]
    public void Footprint_of_a_training_run_uses_the_time_estimate()
    {
        var time = CliRunner.Json("time", "--params", "7B", "--tokens", "1T", "--hardware", "a100-80gb", "--gpus", "64");
        var footprint = CliRunner.Json("footprint", "--params", "7B", "--tokens", "1T", "--hardware", "a100-80gb", "--gpus", "64", "--grid-intensity", "0.4");
        footprint.GetProperty("gpuHours").GetDouble().Should().BeApproximately(time.GetProperty("gpuHours").GetDouble(), 1e-6);
        footprint.GetProperty("energyKwh").GetDouble().Should().BeApproximately(time.GetProperty("gpuHours").GetDouble() * 0.4 * 1.1, 1e-6);
    }

    [Fact]
    public void Table_output_shows_energy_and_carbon()
        => CliRunner.Run("footprint", "--gpu-hours", "82432", "--hardware", "a100-80gb", "--region", "fr").Stdout
            .Should().Contain("kWh").And.Contain("kg");

    [Fact]
    public void Negative_GPU_hours_are_rejected()
        => CliRunner.ExpectInvalidInput("footprint", "--gpu-hours", "-5", "--hardware", "a100-80gb")
            .Should().Contain("--gpu-hours");

    [Fact]
    public void Region_and_grid_intensity_together_are_rejected()
        => CliRunner.ExpectInvalidInput("footprint", "--gpu-hours", "10", "--hardware", "a100-80gb", "--region", "fr", "--grid-intensity", "0.1")
            .Should().Contain("--region").And.Contain("--grid-intensity");

    [Fact]
    public void Unknown_region_lists_the_valid_ones()
        => CliRunner.ExpectInvalidInput("footprint", "--gpu-hours", "10", "--hardware", "a100-80gb", "--region", "mars")
            .Should().Contain("mars").And.Contain("us-llama");

    [Fact]
    public void A_TPU_without_a_published_TDP_reports_energy_and_CO2e_as_null_with_the_reason()
    {
        var json = CliRunner.Json("footprint", "--gpu-hours", "10", "--hardware", "tpu-v5e", "--price-per-gpu-hour", "1.2");
        json.GetProperty("gpuHours").GetDouble().Should().Be(10);
        json.GetProperty("costUsd").GetDouble().Should().BeApproximately(12, 1e-9);
        json.GetProperty("energyKwh").ValueKind.Should().Be(JsonValueKind.Null);
        json.GetProperty("co2eKg").ValueKind.Should().Be(JsonValueKind.Null);
        json.GetProperty("energyUnavailableReason").GetString().Should().Contain("tpu-v5e has no published TDP");
        CliRunner.Run("footprint", "--gpu-hours", "10", "--hardware", "tpu-v5e").Stdout.Should().Contain("--power-per-device");
    }

    [Fact]
    public void Power_per_device_gives_energy_on_a_TPU_LLaMA_7B_36_MWh()
    {
        // Touvron et al. 2023 Table 15: 82,432 GPU-hours × 400 W × PUE 1.1 = 36.3 MWh, × 0.385 kg/kWh = 14 t.
        var json = CliRunner.Json("footprint", "--gpu-hours", "82432", "--hardware", "tpu-v5p", "--power-per-device", "400",
            "--pue", "1.1", "--grid-intensity", "0.385");
        json.GetProperty("energyKwh").GetDouble().Should().BeApproximately(36_270, 1);
        json.GetProperty("co2eKg").GetDouble().Should().BeApproximately(13_964, 1);
        json.GetProperty("energyUnavailableReason").ValueKind.Should().Be(JsonValueKind.Null);
        json.GetProperty("assumptions").GetProperty("powerPerGpuWatts").GetDouble().Should().Be(400);
    }

    [Fact]
    public void Power_per_device_and_power_fraction_together_are_refused()
        => CliRunner.ExpectInvalidInput("footprint", "--gpu-hours", "10", "--hardware", "a100-80gb", "--power-per-device", "300", "--power-fraction", "0.5")
            .Should().Contain("--power-per-device").And.Contain("--power-fraction");
}
