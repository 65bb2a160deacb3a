using ScalingAdvisor.Compute;
using ScalingAdvisor.Footprint;
using ScalingAdvisor.Hardware;
using ScalingAdvisor.Levers;
using ScalingAdvisor.Memory;
using ScalingAdvisor.Performance;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Tests.Levers;

public class LeverComparisonTests
{
    private static readonly LeverComparison Comparison = LeverComparison.Evaluate(LeverFixture.Scenario(price: Money.FromUsd(2)));

    [Fact]
    public void The_standard_table_has_one_row_per_lever_in_order()
    {
        Comparison.Rows.Select(r => r.Id).Should().Equal(
            "fp8-training", "recompute-none", "recompute-full", "flash-attention", "zero-0", "zero-2", "zero-3",
            "layout-tp2-pp1", "layout-tp8-pp1", "moe", "weights-8bit", "weights-4bit", "lora", "qlora", "distill", "region-no", "cluster-2x");
    }

    // ZeRO Fig. 1 (Rajbhandari et al. 2020): stage 3 shards all 16Ψ bytes of model states over N_d = 8:
    // 16Ψ/8 = 13,476,831,232 bytes, plus the unchanged 18,253,611,008 bytes of activations = 31,730,442,240 bytes;
    // against the ZeRO-1 baseline's 55,314,896,896 that saves 3.5Ψ = 23,584,454,656 bytes.
    [Fact]
    public void ZeRO3_memory_per_GPU_is_16_Psi_over_8_plus_activations()
    {
        var row = Comparison.Row("zero-3");
        row.TrainingMemoryPerGpu!.Baseline.Bytes.Should().Be(55_314_896_896);
        row.TrainingMemoryPerGpu.Lever.Bytes.Should().Be(16 * LeverFixture.Psi / 8 + 18_253_611_008);
        row.TrainingMemoryPerGpu.Change.Should().Be(-3.5 * LeverFixture.Psi);
        row.TrainingTime!.Change.Should().Be(0, "the library models no communication");
        row.Loss!.Kind.Should().Be(LossEffectKind.Unchanged);
    }

    [Fact]
    public void ZeRO0_does_not_fit_on_an_80_GiB_H100()
    {
        // 16Ψ = 107.8 GB of model states alone exceed 80 GiB = 85.9 GB.
        var row = Comparison.Row("zero-0");
        row.TrainingFit!.Fits.Should().BeFalse();
        row.TrainingMemoryPerGpu!.Lever.Bytes.Should().Be(16 * LeverFixture.Psi + 18_253_611_008);
    }

    // Korthikanti et al. 2022 Table 2: full recomputation stores only the layer input, 2·s·b·d per layer:
    // 2·4096·1·4096·32 layers = 1,073,741,824 bytes (1 GiB); selective stored 34·s·b·d·L = 18,253,611,008, so −16 GiB.
    // Time: per token the full count adds one forward of the layer matmuls, 2·6,476,005,376 FLOPs, to the selective
    // 48,232,398,848: 61,184,409,600 / 48,232,398,848 = 1.26853 (Narayanan et al. 2021 eq. 3: 72 → 96 is +33% before the
    // logits and attention terms, which are not recomputed in full).
    [Fact]
    public void Full_recomputation_keeps_2sbd_per_layer_and_costs_one_more_forward()
    {
        var row = Comparison.Row("recompute-full");
        row.TrainingMemoryPerGpu!.Change.Should().Be(-16.0 * 1024 * 1024 * 1024);
        row.TrainingMemoryPerGpu.Lever.Bytes.Should().Be(37_061_285_888 + 1_073_741_824);
        row.TrainingTime!.RelativeChange!.Value.Should().BeApproximately(61_184_409_600.0 / 48_232_398_848 - 1, 1e-12);
        row.Loss.Should().Be(LossEffect.Unchanged("recomputation repeats the forward pass exactly; the gradients are identical."));
        row.Loss!.ChangeNats.Should().Be(0);
    }

    // No recomputation stores the score term: s·b·d·(34 + 5·a·s/d) = 4096·4096·(34 + 160) per layer, ×32 = 104,152,956,928
    // bytes; without the selective extra attention matmuls the FLOPs drop to 3F / (3F + A) = 0.955476 of the baseline's.
    [Fact]
    public void No_recomputation_stores_the_attention_scores_and_saves_the_selective_FLOPs()
    {
        var row = Comparison.Row("recompute-none");
        row.TrainingMemoryPerGpu!.Lever.Bytes.Should().Be(37_061_285_888 + 104_152_956_928);
        row.TrainingFit!.Fits.Should().BeFalse();
        row.TrainingTime!.RelativeChange!.Value.Should().BeApproximately(46_084_915_200.0 / 48_232_398_848 - 1, 1e-12);
    }

    [Fact]
    public void Flash_attention_on_top_of_selective_recomputation_saves_no_memory_and_says_why()
    {
        var row = Comparison.Row("flash-attention");
        row.TrainingMemoryPerGpu!.Change.Should().Be(0);
        row.TrainingTime!.Change.Should().Be(0);
        row.Note.Should().Contain("already keeps no attention scores").And.Contain("no time change modelled");
    }

    [Fact]
    public void The_default_baseline_already_uses_flash_attention_so_its_lever_is_not_applicable()
    {
        var baseline = LeverScenario.Create(
            LeverFixture.Llama2_7B, new TrainingCluster(AcceleratorCatalog.BuiltIn.Get("h100-sxm"), 8),
            FootprintAssumptions.ForRegion(RegionCatalog.BuiltIn.Get("world")));
        baseline.Training.Activations.FlashAttention.Should().Be(TrainingDefaults.FlashAttention).And.BeTrue();
        baseline.Training.Activations.SequenceLength.Should().Be(TrainingDefaults.SequenceLength);
        new FlashAttentionLever().Evaluate(ScenarioOutcome.Evaluate(baseline)).Applicable.Should().BeFalse();
    }

    [Fact]
    public void Flash_attention_without_recomputation_drops_the_5as_over_d_score_term()
    {
        var baseline = LeverFixture.Scenario();
        var none = baseline with
        {
            Training = baseline.Training with { Activations = new ActivationSetup(1, 4096, ActivationRecomputation.None, flashAttention: false) },
        };
        var row = new FlashAttentionLever().Evaluate(ScenarioOutcome.Evaluate(none));
        // 32 layers × s·b·d·5·a·s/d = 32 × 4096·4096·160 = 85,899,345,920 bytes (80 GiB) of scores no longer stored.
        row.TrainingMemoryPerGpu!.Change.Should().Be(-85_899_345_920);
    }

    // H100 SXM dense peaks: bf16 989.5, fp8 1979 TFLOP/s (NVIDIA H100 datasheet, half the sparsity figures): at the same MFU
    // the wall time and GPU-hours halve, so energy and cost halve too.
    [Fact]
    public void Fp8_on_H100_halves_time_energy_and_cost_and_its_loss_is_not_modelled()
    {
        var row = Comparison.Row("fp8-training");
        row.Applicable.Should().BeTrue();
        row.TrainingTime!.Lever.TotalSeconds.Should().BeApproximately(row.TrainingTime.Baseline.TotalSeconds * 989.5 / 1979, 1e-6);
        row.Energy!.RelativeChange!.Value.Should().BeApproximately(-0.5, 1e-12);
        row.Cost!.RelativeChange!.Value.Should().BeApproximately(-0.5, 1e-12);
        row.TrainingMemoryPerGpu!.Change.Should().Be(0);
        row.Loss!.Kind.Should().Be(LossEffectKind.NotModelled);
        row.Loss.ChangeNats.Should().BeNull();
    }

    [Fact]
    public void Fp8_on_an_A100_without_fp8_is_not_applicable_with_the_reason()
    {
        var row = LeverComparison.Evaluate(LeverFixture.Scenario("a100-80gb")).Row("fp8-training");
        row.Applicable.Should().BeFalse();
        row.NotApplicableReason.Should().Contain("a100-80gb has no fp8 peak").And.Contain("bf16");
        row.TrainingTime.Should().BeNull();
        row.Energy.Should().BeNull();
        row.Loss.Should().BeNull();
    }

    // 4-bit weights: Ψ·4/8 = 3,369,207,808 bytes (half a byte each, group scales not counted) + the unchanged 2 GiB KV
    // cache (2·32 layers·4096·2 bytes·4096 tokens) = 5,516,691,456 bytes; decode is memory-bound, so tokens/s scale by
    // 15,624,314,880 / 5,516,691,456 = 2.8322.
    [Fact]
    public void Four_bit_weights_are_half_a_byte_per_parameter_and_decode_faster_by_the_byte_ratio()
    {
        var row = Comparison.Row("weights-4bit");
        row.InferenceMemory!.Lever.Bytes.Should().Be(LeverFixture.Psi * 0.5 + 2_147_483_648);
        row.InferenceTokensPerSecond!.Lever.Should().BeApproximately(row.InferenceTokensPerSecond.Baseline * 15_624_314_880 / 5_516_691_456, 1e-9);
        row.TrainingTime!.Change.Should().Be(0);
        row.Loss!.Kind.Should().Be(LossEffectKind.NotModelled);
        row.Loss.ChangeNats.Should().BeNull("quantisation loss is never a silent zero");
    }

    [Fact]
    public void Eight_bit_weights_are_one_byte_per_parameter()
    {
        var row = Comparison.Row("weights-8bit");
        row.InferenceMemory!.Lever.Bytes.Should().Be(LeverFixture.Psi + 2_147_483_648);
        row.Loss!.Kind.Should().Be(LossEffectKind.NotModelled);
    }

    // Ember 2023 intensities in the built-in catalog: world 0.481, Norway 0.03 kgCO2e/kWh; energy is unchanged.
    [Fact]
    public void The_cleanest_region_scales_carbon_by_the_intensity_ratio_only()
    {
        var row = Comparison.Row("region-no");
        row.Carbon!.Lever.Kilograms.Should().BeApproximately(row.Carbon.Baseline.Kilograms * 0.03 / 0.481, 1e-9);
        row.Energy!.Change.Should().Be(0);
        row.TrainingTime!.Change.Should().Be(0);
        row.Loss!.ChangeNats.Should().Be(0);
    }

    [Fact]
    public void A_named_region_can_replace_the_cleanest()
    {
        var scenario = LeverFixture.Scenario();
        var rows = LeverComparison.Evaluate(scenario, LeverCatalog.Standard(scenario, RegionCatalog.BuiltIn.Get("fr"))).Rows;
        rows.Should().ContainSingle(r => r.Id == "region-fr");
        new CleanerRegionLever(RegionCatalog.BuiltIn.Get("world")).Evaluate(ScenarioOutcome.Evaluate(scenario)).Applicable.Should().BeFalse();
    }

    // Twice the GPUs at the same MFU: time C/(16·peak·MFU) halves, GPU-hours (and so energy and cost) stay; ZeRO-1 now
    // shards the 12Ψ optimizer bytes over 16 ranks: 12Ψ/16 − 12Ψ/8 = −5,053,811,712 bytes per GPU.
    [Fact]
    public void Twice_the_GPUs_halves_time_at_the_same_energy_and_cost()
    {
        var row = Comparison.Row("cluster-2x");
        row.TrainingTime!.RelativeChange!.Value.Should().BeApproximately(-0.5, 1e-12);
        row.Energy!.RelativeChange!.Value.Should().BeApproximately(0, 1e-12);
        row.Cost!.RelativeChange!.Value.Should().BeApproximately(0, 1e-12);
        row.TrainingMemoryPerGpu!.Change.Should().BeApproximately(-12 * LeverFixture.Psi / 16, 1e-3);
    }

    [Fact]
    public void Every_applicable_row_has_finite_metrics_and_a_loss_effect()
    {
        foreach (var row in Comparison.Rows.Where(r => r.Applicable))
        {
            var changes = new double?[]
            {
                row.TrainingMemoryPerGpu?.Change, row.TrainingTime?.Change, row.InferenceMemory?.Change,
                row.InferenceTokensPerSecond?.Change, row.Energy?.Change, row.Carbon?.Change, row.Cost?.Change,
            };
            changes.Should().OnlyContain(c => c.HasValue && double.IsFinite(c.Value), row.Id);
            row.Loss.Should().NotBeNull(row.Id);
            (row.Loss!.Kind == LossEffectKind.NotModelled).Should().Be(row.Loss.ChangeNats is null, row.Id);
        }
    }
}
