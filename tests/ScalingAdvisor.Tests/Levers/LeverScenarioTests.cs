using ScalingAdvisor.Compute;
using ScalingAdvisor.Hardware;
using ScalingAdvisor.Levers;
using ScalingAdvisor.Memory;
using ScalingAdvisor.Performance;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Tests.Levers;

public class LeverScenarioTests
{
    // Hoffmann et al. 2022: ~20 tokens per parameter; 20 × 6,738,415,616 = 134,768,312,320 tokens.
    [Fact]
    public void Default_tokens_are_20_per_parameter_after_Hoffmann_2022()
    {
        LeverFixture.Scenario().TrainingTokens.Count.Should().Be(134_768_312_320);
    }

    [Fact]
    public void Default_baseline_is_ZeRO1_data_parallel_with_selective_recomputation_and_micro_batch_1()
    {
        var scenario = LeverFixture.Scenario();
        scenario.Training.Optimizer.Should().Be(OptimizerKind.AdamW);
        scenario.Training.Layout.Should().Be(new ParallelLayout(gpus: 8, zeroStage: 1, sequenceParallel: true), "the library defaults: ZeRO-1, sequence parallelism with any tensor parallelism");
        scenario.Training.Activations.Recomputation.Should().Be(ActivationRecomputation.Selective);
        scenario.Training.Activations.MicroBatchSize.Should().Be(1);
        scenario.Inference.WeightBits.Should().Be(16);
    }

    [Fact]
    public void A_layout_over_other_GPUs_than_the_cluster_is_rejected_naming_the_parameter()
    {
        var scenario = LeverFixture.Scenario();
        var act = () => scenario with { Training = scenario.Training with { Layout = new ParallelLayout(gpus: 16) } };
        act.Should().Throw<ArgumentException>().WithParameterName("training").WithMessage("*16 GPUs*8*");
    }

    [Fact]
    public void WithDevices_moves_cluster_and_layout_together()
    {
        var scenario = LeverFixture.Scenario().WithDevices(16);
        scenario.Cluster.Devices.Should().Be(16);
        scenario.Training.Layout.Gpus.Should().Be(16);
        scenario.Training.Layout.ZeroStage.Should().Be(1);
    }

    // Hand count of the baseline (Llama-2-7B, s = 4096, b = 1, 8 GPUs, ZeRO-1, selective recomputation):
    // model states 2Ψ + 2Ψ + 12Ψ/8 = 37,061,285,888 bytes; activations s·b·d·34·L = 4096·4096·34·32 = 18,253,611,008 bytes.
    // Training FLOPs per token (TransformerFlops): 3·F + attention = 48,232,398,848 with F = 15,361,638,400, so
    // C = 48,232,398,848 × 134,768,312,320 = 6.5002e21 and time = C / (8 × 989.5e12 × 0.4) = 2,052,867 s (23.76 days).
    // Serving: 2Ψ + KV 2·32·4096·2·4096 = 15,624,314,880 bytes; decode 3.35e12 × 0.6 / that = 128.65 tokens/s.
    [Fact]
    public void Baseline_matches_a_hand_count_for_Llama2_7B_on_8_H100()
    {
        var outcome = ScenarioOutcome.Evaluate(LeverFixture.Scenario());
        outcome.TrainingMemory.ModelStates.Bytes.Should().Be(37_061_285_888);
        outcome.TrainingMemory.Activations.Bytes.Should().Be(18_253_611_008);
        outcome.TrainingMemory.Fit!.Fits.Should().BeTrue();
        outcome.Compute.TrainingFlops.Flops.Should().BeApproximately(48_232_398_848 * 134_768_312_320.0, 1e9);
        outcome.TrainingTime.WallTime.TotalSeconds.Should().BeApproximately(2_052_867.29, 0.01);
        outcome.InferenceMemory.Total.Bytes.Should().Be(15_624_314_880);
        outcome.Inference.DecodeTokensPerSecond.Should().BeApproximately(3.35e12 * 0.6 / 15_624_314_880, 1e-9);
        outcome.InferenceFootprint.Should().BeNull();
        // Energy = GPU-hours × 700 W × 1.1 (Touvron et al. 2023 §6 method): 4,561.93 h × 0.77 kW = 3,512.68 kWh.
        outcome.Energy!.Value.TotalKilowattHours.Should().BeApproximately(3512.684, 0.001);
        outcome.Cost.Should().BeNull();
    }

    [Fact]
    public void Lifetime_inference_tokens_add_serving_energy_at_the_decode_rate()
    {
        var scenario = LeverFixture.Scenario(price: Money.FromUsd(2)) with { InferenceTokens = TokenCount.FromCount(1e12) };
        var outcome = ScenarioOutcome.Evaluate(scenario);
        // 1e12 tokens / 128.65 tokens/s / 3600 = 2.159e6 device-hours, priced like training device-hours.
        double servingHours = 1e12 / (3.35e12 * 0.6 / 15_624_314_880) / 3600;
        outcome.InferenceFootprint!.GpuHours.Should().BeApproximately(servingHours, 1e-6);
        outcome.Energy.Should().Be(outcome.TrainingFootprint.Energy!.Value + outcome.InferenceFootprint!.Energy!.Value);
        outcome.Cost!.Value.Usd.Should().BeApproximately(2 * (servingHours + outcome.TrainingTime.GpuHours), 1e-6);
    }
}
