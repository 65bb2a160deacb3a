using FsCheck;
using FsCheck.Fluent;
using ScalingAdvisor.Hardware;
using ScalingAdvisor.Performance;
using ScalingAdvisor.Serving;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Tests.Serving;

public class InferenceRooflineTests
{
    // kipply 2022, "Transformer Inference Arithmetic", latency calculations: an A100 taken as 312 TFLOP/s and 1.5 TB/s.
    private static readonly AcceleratorProfile KipplyA100 = new(
        "kipply-a100", "A100 as in kipply 2022", "NVIDIA",
        new Dictionary<Precision, FlopRate> { [Precision.Fp16] = FlopRate.FromTeraflopsPerSecond(312) },
        ByteSize.FromGibibytes(80), ByteRate.FromTerabytesPerSecond(1.5));

    private static readonly InferenceEfficiency Ideal = new(mfu: 1, bandwidthUtilisation: 1);

    [Fact]
    public void A_52B_model_at_batch_1_decodes_in_about_69_ms_per_token_as_in_kipply_2022()
    {
        // kipply 2022: 2·P bytes / 1.5e12 B/s = 69 ms for P = 52e9 in fp16; compute 2·P / 312e12 ≈ 0.33 ms.
        var workload = new InferenceWorkload(ParameterCount.FromBillions(52), ByteSize.FromBytes(2 * 52e9), ByteSize.Zero, batch: 1, contextTokens: 0);
        var estimate = InferenceRoofline.Estimate(workload, KipplyA100, Precision.Fp16, Ideal);

        estimate.DecodeStepTime.TotalSeconds.Should().BeApproximately(0.069, 0.0005);
        estimate.DecodeComputeTime.TotalSeconds.Should().BeApproximately(0.00033, 0.000005);
        estimate.BoundBy.Should().Be(RooflineBound.Memory);
        estimate.DecodeTokensPerSecond.Should().BeApproximately(1 / 0.0693, 0.1);
    }

    [Fact]
    public void Llama_2_70B_KV_cache_of_320_KiB_per_token_at_batch_8_and_4096_context_is_10_GiB()
    {
        // FORMULAS.md §3: Llama-2-70B, 80 layers × 8 KV heads × d_h 128 × 2 (K, V) × 2 bytes = 320 KiB per token.
        var workload = new InferenceWorkload(ParameterCount.FromBillions(70), ByteSize.FromGigabytes(140), ByteSize.FromKibibytes(320), batch: 8, contextTokens: 4096);
        workload.KvCacheBytes.TotalGibibytes.Should().Be(10);
        var estimate = InferenceRoofline.Estimate(workload, AcceleratorCatalog.BuiltIn.Get("h200"));
        estimate.BytesPerDecodeStep.Bytes.Should().Be(140e9 + 10 * 1073741824.0);
        estimate.FitsInMemory.Should().BeTrue();
        InferenceRoofline.Estimate(workload, AcceleratorCatalog.BuiltIn.Get("a100-80gb")).FitsInMemory.Should().BeFalse();
    }

    [Fact]
    public void Prefill_is_compute_bound_at_peak_times_MFU_over_2N()
    {
        var workload = new InferenceWorkload(ParameterCount.FromBillions(7), ByteSize.FromGigabytes(14), ByteSize.Zero, 1, 0);
        var estimate = InferenceRoofline.Estimate(workload, AcceleratorCatalog.BuiltIn.Get("a100-80gb"));
        estimate.PrefillTokensPerSecond.Should().BeApproximately(312e12 * 0.4 / (2 * 7e9), 1e-6);
        estimate.Efficiency.Should().Be(InferenceEfficiency.Default);
    }

    [Fact]
    public void Prefill_of_a_4096_token_prompt_counts_attention_over_the_whole_prompt()
    {
        // Mistral 7B (mistralai/Mistral-7B-v0.1 config.json) on an A100 at 312 TFLOP/s × 0.4: 2·N + 4·L·P·a·d_h per token.
        var mistral = ScalingAdvisor.Models.ModelCatalog.BuiltIn.Get("mistral-7b").Shape;
        var workload = new InferenceWorkload(ParameterCount.FromCount(7_241_732_096), ByteSize.FromBytes(2 * 7_241_732_096.0), ByteSize.Zero, 1, 4096)
        {
            Attention = ScalingAdvisor.Compute.AttentionDimensions.Of(mistral),
        };
        var estimate = InferenceRoofline.Estimate(workload, AcceleratorCatalog.BuiltIn.Get("a100-80gb"));
        double perToken = (2 * 7_241_732_096.0) + (4.0 * 32 * 4096 * 4096);
        estimate.PrefillFlopsPerToken.Flops.Should().Be(perToken);
        estimate.PrefillTokensPerSecond.Should().BeApproximately(312e12 * 0.4 / perToken, 1e-6);
        // 2·N alone would be 14.8% optimistic.
        ((312e12 * 0.4 / (2 * 7_241_732_096.0) / estimate.PrefillTokensPerSecond) - 1).Should().BeApproximately(0.148, 0.0005);
    }

    [Fact]
    public void Decode_turns_compute_bound_past_the_ridge_batch_and_never_slows_down_with_batch()
        => Prop.ForAll(Gen.Choose(1, 2000).ToArbitrary(), batch =>
        {
            var h100 = AcceleratorCatalog.BuiltIn.Get("h100-sxm");
            InferenceThroughputEstimate At(int b) => InferenceRoofline.Estimate(
                new InferenceWorkload(ParameterCount.FromBillions(7), ByteSize.FromGigabytes(14), ByteSize.Zero, b, 0), h100);

            // Ridge: 14e9 B / (3.35e12 · 0.6) = 2·7e9·b / (989.5e12 · 0.4)  →  b ≈ 197.
            var ridge = 14e9 / (3.35e12 * 0.6) * (989.5e12 * 0.4) / (2 * 7e9);
            var expected = batch > ridge ? RooflineBound.Compute : RooflineBound.Memory;
            return At(batch).BoundBy == expected
                && At(batch + 1).DecodeTokensPerSecond >= At(batch).DecodeTokensPerSecond * (1 - 1e-12); // flat (to rounding) once compute-bound
        }).QuickCheckThrowOnFailure();

    [Theory]
    [InlineData(16, 140e9)]
    [InlineData(8, 70e9)]
    [InlineData(4, 35e9)]
    public void Weights_of_a_70B_model_take_N_times_bits_over_8_bytes(int bits, double bytes)
        // FORMULAS.md §3: weights N·bits/8; 4-bit weights are half a byte each, not zero.
        => InferenceWorkload.FromParameters(ParameterCount.FromBillions(70), bits, ByteSize.Zero, 1, 0).WeightBytes.Bytes.Should().Be(bytes);

    [Fact]
    public void Workloads_reject_a_zero_batch()
    {
        var act = () => new InferenceWorkload(ParameterCount.FromBillions(7), ByteSize.FromGigabytes(14), ByteSize.Zero, 0, 0);
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("batch");
    }
}
