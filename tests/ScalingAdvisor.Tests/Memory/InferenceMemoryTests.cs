using ScalingAdvisor.Memory;
using ScalingAdvisor.Models;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Tests.Memory;

public class InferenceMemoryTests
{
    private static TransformerShape Preset(string id) => ModelCatalog.BuiltIn.Get(id).Shape;

    [Fact]
    public void Llama2_70B_fp16_KV_cache_is_320_KiB_per_token()
    {
        // FORMULAS.md §3: 2·80 layers·8 KV heads·128·2 bytes = 327,680 bytes = 320 KiB (GQA, Touvron et al. 2023 §2.2).
        var perToken = InferenceMemory.KeyValueCachePerToken(Preset("llama-2-70b"), 16);
        perToken.Bytes.Should().Be(327_680);
        perToken.TotalKibibytes.Should().Be(320);
    }

    [Fact]
    public void Grouped_query_attention_shrinks_the_cache_by_heads_over_kv_heads()
    {
        var mha = Preset("llama-2-70b") with { KeyValueHeads = 64 };
        (InferenceMemory.KeyValueCachePerToken(mha) / InferenceMemory.KeyValueCachePerToken(Preset("llama-2-70b"))).Should().Be(8);
    }

    [Fact]
    public void Fp16_weights_of_Llama2_7B_match_the_released_checkpoint_size()
    {
        // meta-llama/Llama-2-7b-hf model.safetensors.index.json: total_size 13,476,839,424 bytes, which also holds
        // 32 fp32 rotary inv_freq buffers of 64 entries (8,192 bytes).
        var weights = InferenceMemory.Estimate(Preset("llama-2-7b"), new InferenceSetup(weightBits: 16)).Weights;
        weights.Bytes.Should().Be(13_476_839_424 - 8_192);
    }

    [Fact]
    public void Four_bit_weights_are_half_a_byte_each_not_zero()
    {
        var n = ParameterCount.FromCount(68_976_648_192);
        InferenceMemory.Weights(n, 4).Bytes.Should().Be(68_976_648_192 / 2.0);
        InferenceMemory.Weights(n, 8).Bytes.Should().Be(68_976_648_192);
    }

    [Fact]
    public void Cache_scales_with_batch_and_context_and_the_total_adds_weights()
    {
        var shape = Preset("llama-2-70b");
        var estimate = InferenceMemory.Estimate(shape, new InferenceSetup(batchSize: 4, contextLength: 4096));
        estimate.KeyValueCache.Bytes.Should().Be(327_680.0 * 4096 * 4);
        estimate.Total.Should().Be(estimate.Weights + estimate.KeyValueCache);
        estimate.ContextLength.Should().Be(4096);
    }

    [Fact]
    public void Unset_context_is_the_models_context_length()
        => InferenceMemory.Estimate(Preset("llama-3-8b"), InferenceSetup.Default).ContextLength.Should().Be(8192);

    [Fact]
    public void Mixture_of_experts_memory_follows_total_params()
    {
        var shape = Preset("mixtral-8x7b");
        InferenceMemory.Estimate(shape, InferenceSetup.Default).Weights.Bytes.Should().Be(2.0 * 46_702_792_704);
    }

    [Fact]
    public void Fit_reports_headroom_for_Llama2_70B_at_4_bits_on_an_80GiB_GPU()
    {
        var estimate = InferenceMemory.Estimate(Preset("llama-2-70b"), new InferenceSetup(weightBits: 4, contextLength: 4096), ByteSize.FromGibibytes(80));
        estimate.Fit!.Fits.Should().BeTrue();
        estimate.Fit.HeadroomFraction.Should().BeInRange(0.5, 0.6);

        var fp16 = InferenceMemory.Estimate(Preset("llama-2-70b"), new InferenceSetup(weightBits: 16), ByteSize.FromGibibytes(80));
        fp16.Fit!.Fits.Should().BeFalse();
        fp16.Findings.Should().Contain(f => f.Kind == MemoryFindingKind.DoesNotFit);
    }

    [Fact]
    public void From_a_parameter_count_the_cache_is_omitted_and_a_finding_says_so()
    {
        var estimate = InferenceMemory.Estimate(ParameterCount.FromBillions(7), InferenceSetup.Default);
        estimate.KeyValueCacheIncluded.Should().BeFalse();
        estimate.Findings.Should().ContainSingle(f => f.Kind == MemoryFindingKind.KeyValueCacheOmitted);
        estimate.Total.Bytes.Should().Be(14e9);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(33)]
    public void Bits_outside_1_to_32_are_rejected(int bits)
    {
        var act = () => new InferenceSetup(weightBits: bits);
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("weightBits");
    }

    [Fact]
    public void A_parameter_count_whose_weights_overflow_is_refused_naming_it()
    {
        var act = () => InferenceMemory.Estimate(ParameterCount.FromCount(1e308), new InferenceSetup(weightBits: 16));
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("parameters");
    }
}
