using ScalingAdvisor.Footprint;
using ScalingAdvisor.Hardware;
using ScalingAdvisor.Models;
using ScalingAdvisor.Serving;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Tests.Serving;

public class LifetimeServingTests
{
    private static readonly AcceleratorProfile H100 = AcceleratorCatalog.BuiltIn.Get("h100-sxm");

    // Grid 0.5 kg/kWh, PUE 1.2, 80% of TDP, $2 per GPU-hour: round numbers for the hand derivations.
    private static readonly FootprintAssumptions Assumptions =
        new(CarbonIntensity.FromKilogramsPerKilowattHour(0.5), pue: 1.2, powerFraction: 0.8, pricePerGpuHour: Money.FromUsd(2));

    private static ServedModel Preset(string id) => ServedModel.Of(ModelCatalog.BuiltIn.Get(id).Shape);

    [Fact]
    public void The_default_request_is_the_TensorRT_LLM_0_5_0_row_the_serving_model_reproduces()
    {
        // NVIDIA TensorRT-LLM 0.5.0 docs/source/performance.md, H100 FP8: LLaMA 7B, 128/128, batch 64, 9,193 output tokens/s
        // (the row PublishedServingNumbersTests checks); the defaults are that row's shape.
        LifetimeServing.DefaultRequest.PromptTokens.Should().Be(128);
        LifetimeServing.DefaultRequest.OutputTokens.Should().Be(128);
        LifetimeServing.DefaultRequest.Batch.Should().Be(64);
        var fp8 = LifetimeServing.DefaultRequest.With(64, 1, 8) with { ComputePrecision = Precision.Fp8 };
        var atScale = LifetimeServing.PerMillionTokens(Preset("llama-7b"), H100, Assumptions, fp8);
        atScale.Serving.OutputTokensPerSecond.Should().BeInRange(9_193 * 0.65, 9_193 * 1.35);
    }

    [Fact]
    public void Lifetime_gpu_hours_are_the_requests_batches_times_the_replica_time_of_a_batch()
    {
        // Hand rule: 1e12 tokens processed ÷ (128 + 128) = 3.90625e9 requests; ÷ B = 64 → 6.1035e7 batches, each taking
        // G × (TTFT + 127·TPOT) device-seconds; GPU-hours = batches × that ÷ 3600.
        var model = Preset("llama-2-7b");
        var lifetime = LifetimeServing.Estimate(model, H100, Assumptions, TokenCount.FromCount(1e12));
        var replica = lifetime.PerMillion.Serving;
        lifetime.Requests.Should().BeApproximately(3.90625e9, 1);
        lifetime.OutputTokens.Should().BeApproximately(5e11, 1);
        replica.Setup.Gpus.Should().Be(1); // 13.5 GB of weights and 64 × 256 tokens of 0.5 MiB KV fit in 80 GB
        double batches = 3.90625e9 / 64;
        double deviceSeconds = replica.Setup.Gpus * (replica.TimeToFirstToken.TotalSeconds + (127 * replica.TimePerOutputToken.TotalSeconds));
        lifetime.Total!.GpuHours.Should().BeApproximately(batches * deviceSeconds / 3600, 1e-6 * lifetime.Total.GpuHours);
    }

    [Fact]
    public void Lifetime_energy_carbon_and_cost_are_the_training_footprint_model_of_those_gpu_hours()
    {
        // The footprint rule of training (Patterson et al. 2021 / LLaMA §2.4): kWh = GPU-hours × TDP × fraction × PUE.
        var lifetime = LifetimeServing.Estimate(Preset("llama-2-7b"), H100, Assumptions, TokenCount.FromCount(1e12));
        var total = lifetime.Total!;
        double kwh = total.GpuHours * 700 * 0.8 * 1.2 / 1000; // H100 SXM TDP 700 W (NVIDIA datasheet)
        total.Energy!.Value.TotalKilowattHours.Should().BeApproximately(kwh, 1e-9 * kwh);
        total.Carbon!.Value.Kilograms.Should().BeApproximately(kwh * 0.5, 1e-9 * kwh);
        total.Cost!.Value.Usd.Should().BeApproximately(total.GpuHours * 2, 1e-9 * total.GpuHours);
        total.Should().BeEquivalentTo(FootprintCalculator.Estimate(total.GpuHours, H100, Assumptions));
    }

    [Fact]
    public void A_replica_takes_the_fewest_gpus_that_hold_the_batch()
    {
        // Llama 2 70B at 16 bits: 138 GB of weights do not fit one 80 GB H100; batch 64 of 256 tokens at 0.31 MiB each
        // (GQA, 8 KV heads) needs about 5.4 GB more: two H100s (160 GB) hold both.
        var atScale = LifetimeServing.PerMillionTokens(Preset("llama-2-70b"), H100, Assumptions);
        atScale.Serving.Setup.Gpus.Should().Be(2);
        atScale.Serving.FitsInMemory.Should().BeTrue();
        ServingEstimator.Estimate(Preset("llama-2-70b"), H100, LifetimeServing.DefaultRequest).FitsInMemory.Should().BeFalse();
    }

    [Fact]
    public void A_batch_that_fits_no_replica_has_no_footprint_and_says_why()
    {
        var huge = LifetimeServing.DefaultRequest.With(100_000, 1, 16);
        var lifetime = LifetimeServing.Estimate(Preset("llama-2-7b"), H100, Assumptions, TokenCount.FromCount(1e12), huge);
        lifetime.Total.Should().BeNull();
        lifetime.PerMillion.Footprint.Should().BeNull();
        lifetime.PerMillion.Serving.NotFitReason.Should().Contain("largest batch that fits");
    }

    [Fact]
    public void Serving_savings_compare_gpu_hours_per_million_output_tokens_on_the_same_device()
    {
        var savings = ServingSavings.Of(Preset("llama-2-13b"), Preset("llama-2-7b"), H100, Assumptions);
        double teacher = savings.Larger.Footprint!.PerMillionOutputTokens.GpuHours;
        double student = savings.Smaller.Footprint!.PerMillionOutputTokens.GpuHours;
        savings.GpuHoursRatio.Should().BeApproximately(teacher / student, 1e-12);

        // Each side is 10⁶ ÷ (B·O ÷ (TTFT + (O − 1)·TPOT)) × G ÷ 3600 (ServingEstimate's definition).
        var s = savings.Smaller.Serving;
        student.Should().BeApproximately(1e6 / (64.0 * 128 / (s.TimeToFirstToken.TotalSeconds + (127 * s.TimePerOutputToken.TotalSeconds))) / 3600, 1e-12);

        // Decode is bandwidth-bound, so the saving follows the bytes read, which the KV cache keeps below the FLOP ratio.
        savings.GpuHoursRatio!.Value.Should().BeGreaterThan(1).And.BeLessThan(13.0 / 6.7);
    }

    [Fact]
    public void The_same_model_saves_nothing()
        => ServingSavings.Of(Preset("llama-2-7b"), Preset("llama-2-7b"), H100, Assumptions).GpuHoursRatio.Should().Be(1);
}
