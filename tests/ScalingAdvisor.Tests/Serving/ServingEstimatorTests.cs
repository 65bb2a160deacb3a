using ScalingAdvisor.Communication;
using ScalingAdvisor.Footprint;
using ScalingAdvisor.Hardware;
using ScalingAdvisor.Models;
using ScalingAdvisor.Serving;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Tests.Serving;

public class ServingEstimatorTests
{
    private static readonly AcceleratorProfile A100 = AcceleratorCatalog.BuiltIn.Get("a100-80gb");
    private static readonly AcceleratorProfile H100 = AcceleratorCatalog.BuiltIn.Get("h100-sxm");
    private static readonly ServedModel Llama2_7B = ServedModel.Of(ModelCatalog.BuiltIn.Get("llama-2-7b").Shape);
    private static readonly ServedModel Mixtral = ServedModel.Of(ModelCatalog.BuiltIn.Get("mixtral-8x7b").Shape);

    [Fact]
    public void The_KV_cache_of_OPT_13B_is_800_KiB_per_token_as_the_vLLM_paper_computes_it()
    {
        // Kwon et al. 2023 (vLLM) §3: 2 (key and value) × 5120 (hidden) × 40 (layers) × 2 bytes (fp16) = 800 KB per token.
        var opt13b = new TransformerShape { Layers = 40, ModelWidth = 5120, Heads = 40, FeedForwardWidth = 20480, VocabularySize = 50272, ContextLength = 2048 };
        ServedModel.Of(opt13b).KeyValueCache(1, 16).Bytes.Should().Be(2 * 5120 * 40 * 2);
        ServedModel.Of(opt13b).KeyValueCache(1, 16).Should().Be(ByteSize.FromKibibytes(800));
    }

    [Fact]
    public void TTFT_is_the_prefill_of_the_whole_batch_at_peak_times_MFU_with_the_full_P_by_P_attention()
    {
        var setup = new ServingSetup(promptTokens: 512, outputTokens: 128, batch: 4);
        var estimate = ServingEstimator.Estimate(Llama2_7B, A100, setup);
        double n = Llama2_7B.ActiveParameters.Count;
        double flops = 4 * 512 * ((2 * n) + (4.0 * 32 * 512 * 4096));
        estimate.Prefill.Flops.Flops.Should().BeApproximately(flops, 1);
        estimate.TimeToFirstToken.TotalSeconds.Should().BeApproximately(flops / (312e12 * 0.4), 1e-12);
        estimate.Prefill.BoundBy.Should().Be(ServingBound.Compute);
    }

    [Fact]
    public void TPOT_reads_the_weights_once_and_every_KV_cache_at_its_mean_length()
    {
        var setup = new ServingSetup(promptTokens: 1000, outputTokens: 200, batch: 8);
        var estimate = ServingEstimator.Estimate(Llama2_7B, A100, setup);
        double weights = Llama2_7B.TotalParameters.Count * 2;
        double kv = 2.0 * 32 * 4096 * 2 * 1100 * 8; // 2·L·a_kv·d_h·2 bytes at P + O/2 = 1100, eight sequences
        estimate.Decode.BytesPerDevice.Bytes.Should().BeApproximately(weights + kv, 1);
        estimate.TimePerOutputToken.TotalSeconds.Should().BeApproximately((weights + kv) / (2039e9 * 0.6), 1e-12);
        estimate.BoundBy.Should().Be(ServingBound.Bandwidth);
        estimate.OutputTokensPerSecond.Should().BeApproximately(
            8 * 200 / (estimate.TimeToFirstToken.TotalSeconds + (199 * estimate.TimePerOutputToken.TotalSeconds)), 1e-9);
    }

    [Theory]
    [InlineData(1, 2.0)]
    [InlineData(4, 5.46875)] // 8·(1 − 0.75⁴)
    [InlineData(64, 8.0)]
    public void A_Mixtral_decode_step_reads_the_expected_distinct_experts_of_its_batch(int batch, double experts)
    {
        Mixtral.ExpectedExpertsTouched(batch).Should().BeApproximately(experts, 1e-4);
        var estimate = ServingEstimator.Estimate(Mixtral, H100, new ServingSetup(128, 128, batch, gpus: 2));
        double expertWeights = Mixtral.ExpertParameters * 2;
        double shared = (Mixtral.TotalParameters.Count * 2) - expertWeights;
        double kv = Mixtral.KeyValueCache(128 + 64, 16).Bytes * batch;
        estimate.Decode.BytesPerDevice.Bytes.Should().BeApproximately((shared + (expertWeights * experts / 8) + kv) / 2, 1e3);
    }

    [Fact]
    public void Tensor_parallelism_halves_the_bytes_and_adds_two_ring_all_reduces_per_layer()
    {
        var one = ServingEstimator.Estimate(Llama2_7B, H100, new ServingSetup(512, 128, 16));
        var two = ServingEstimator.Estimate(Llama2_7B, H100, new ServingSetup(512, 128, 16, gpus: 2));
        two.Decode.BytesPerDevice.Bytes.Should().BeApproximately(one.Decode.BytesPerDevice.Bytes / 2, 1);
        two.Decode.Memory.TotalSeconds.Should().BeApproximately(one.Decode.Memory.TotalSeconds / 2, 1e-12);
        // Two all-reduces per layer of B·d·2 bytes over H100's NVLink, timed by the Communication area's ring model.
        var perAllReduce = Collectives.AllReduce(ByteSize.FromBytes(16 * 4096 * 2), 2, Link.ScaleUpOf(H100)).Total.TotalSeconds;
        two.Decode.Communication.TotalSeconds.Should().BeApproximately(2 * 32 * perAllReduce, 1e-12);
        perAllReduce.Should().BeGreaterThan(3.6e-6, "NCCL's launch latency alone is 3.6 µs");
        one.Decode.Communication.Should().Be(Duration.Zero);
    }

    [Fact]
    public void With_one_KV_head_per_GPU_at_most_the_cache_is_replicated_when_GPUs_outnumber_KV_heads()
    {
        // Llama 2 70B: 8 KV heads; over 8 GPUs each holds one, the total is the model's cache, as on one device.
        var llama70 = ServedModel.Of(ModelCatalog.BuiltIn.Get("llama-2-70b").Shape);
        var onEight = ServingEstimator.Estimate(llama70, H100, new ServingSetup(1000, 1000, 1, gpus: 8));
        onEight.KeyValueBytesPerSequence.Bytes.Should().BeApproximately(llama70.KeyValueCache(2000, 16).Bytes, 1);
        var mqa = ServedModel.Of(new TransformerShape { Layers = 2, ModelWidth = 1024, Heads = 8, KeyValueHeads = 1, FeedForwardWidth = 4096, VocabularySize = 1000, ContextLength = 2048 });
        var mqaOnFour = ServingEstimator.Estimate(mqa, H100, new ServingSetup(100, 100, 1, gpus: 4));
        mqaOnFour.KeyValueBytesPerSequence.Bytes.Should().BeApproximately(4 * mqa.KeyValueCache(200, 16).Bytes, 1);
    }

    [Fact]
    public void Max_batch_is_what_the_memory_left_after_weights_and_reserve_holds_at_P_plus_O()
    {
        var setup = new ServingSetup(2048, 2048, 1) { Reserve = MemoryReserve.OfFraction(MemoryReserve.VllmDefaultFraction) };
        var estimate = ServingEstimator.Estimate(Llama2_7B, A100, setup);
        double room = (80 * Math.Pow(2, 30) * 0.9) - (Llama2_7B.TotalParameters.Count * 2);
        double perSequence = 2.0 * 32 * 4096 * 2 * 4096;
        estimate.MaxBatch.Should().Be((long)Math.Floor(room / perSequence));
        estimate.MaxBatch.Should().Be(29); // (0.9 × 85.90 GB − 13.48 GB) ÷ 2.147 GB = 29.7
        ServingEstimator.Estimate(Llama2_7B, A100, new ServingSetup(2048, 2048, 30) { Reserve = setup.Reserve }).FitsInMemory.Should().BeFalse();
    }

    [Fact]
    public void A_batch_that_does_not_fit_is_an_answer_with_its_reason()
    {
        var llama70 = ServedModel.Of(ModelCatalog.BuiltIn.Get("llama-2-70b").Shape);
        var estimate = ServingEstimator.Estimate(llama70, A100, new ServingSetup(512, 128, 1));
        estimate.FitsInMemory.Should().BeFalse();
        estimate.MaxBatch.Should().Be(0);
        estimate.NotFitReason.Should().Contain("no room for a KV cache");
        ServingEstimator.Estimate(llama70, A100, new ServingSetup(512, 128, 1, gpus: 2)).FitsInMemory.Should().BeTrue();
    }

    [Fact]
    public void Four_bit_weights_carry_a_16_bit_scale_per_128_weights_and_still_compute_at_the_16_bit_peak()
    {
        WeightFormat.For(4).BitsPerWeight.Should().Be(4.125);
        WeightFormat.For(8).BitsPerWeight.Should().Be(8);
        WeightFormat.For(4).Description.Should().Contain("16-bit scale per 128 weights");
        var fp16 = ServingEstimator.Estimate(Llama2_7B, H100, new ServingSetup(512, 128, 1));
        var int4 = ServingEstimator.Estimate(Llama2_7B, H100, new ServingSetup(512, 128, 1, weightBits: 4));
        int4.WeightBytes.Bytes.Should().BeApproximately(Llama2_7B.TotalParameters.Count * 4.125 / 8, 1);
        int4.Prefill.Compute.Should().Be(fp16.Prefill.Compute);
        var fp8 = ServingEstimator.Estimate(Llama2_7B, H100, new ServingSetup(512, 128, 1, weightBits: 8) { ComputePrecision = Precision.Fp8 });
        fp8.Prefill.Compute.TotalSeconds.Should().BeApproximately(fp16.Prefill.Compute.TotalSeconds / 2, 1e-12);
    }

    [Fact]
    public void The_default_compute_precision_is_bf16_and_fp16_on_a_V100()
    {
        var setup = new ServingSetup(128, 128);
        setup.ComputePrecisionOn(A100).Should().Be(Precision.Bf16);
        setup.ComputePrecisionOn(AcceleratorCatalog.BuiltIn.Get("v100")).Should().Be(Precision.Fp16);
    }

    [Fact]
    public void A_million_output_tokens_cost_the_footprint_of_their_GPU_hours()
    {
        var estimate = ServingEstimator.Estimate(Llama2_7B, A100, new ServingSetup(512, 128, 8, gpus: 2));
        var assumptions = new FootprintAssumptions(CarbonIntensity.FromKilogramsPerKilowattHour(0.4), pricePerGpuHour: Money.FromUsd(2));
        var footprint = ServingEstimator.Footprint(estimate, A100, assumptions);
        double gpuHours = 2 * 1e6 / estimate.OutputTokensPerSecond / 3600;
        footprint.PerMillionOutputTokens.GpuHours.Should().BeApproximately(gpuHours, 1e-9);
        footprint.PerMillionOutputTokens.Energy!.Value.TotalKilowattHours.Should().BeApproximately(gpuHours * 0.4 * 1.1, 1e-9);
        footprint.PerMillionOutputTokens.Cost!.Value.Usd.Should().BeApproximately(gpuHours * 2, 1e-9);
        footprint.CostPerMillionInputTokens!.Value.Usd.Should().BeApproximately(2 * estimate.TimeToFirstToken.TotalSeconds / (8 * 512) * 1e6 / 3600 * 2, 1e-9);
    }

    [Fact]
    public void Tensor_parallelism_needs_G_to_divide_the_heads_and_an_interconnect_figure()
    {
        var uneven = () => ServingEstimator.Estimate(Llama2_7B, A100, new ServingSetup(128, 128, gpus: 3));
        uneven.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("setup");
        var noLink = () => ServingEstimator.Estimate(Llama2_7B, AcceleratorCatalog.BuiltIn.Get("tpu-v4"), new ServingSetup(128, 128, gpus: 2));
        noLink.Should().Throw<ArgumentException>().WithMessage("*cannot be costed*").Which.ParamName.Should().Be("accelerator");
        var zeroPrompt = () => new ServingSetup(0, 128);
        zeroPrompt.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("promptTokens");
        var fullReserve = () => MemoryReserve.OfFraction(1);
        fullReserve.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("fraction");
    }
}
