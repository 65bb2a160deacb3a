using ScalingAdvisor.Serving;
using ScalingAdvisor.Hardware;
using ScalingAdvisor.Memory;
using ScalingAdvisor.Models;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Tests.Serving;

public class QuantisedInferenceTests
{
    [Fact]
    public void A_140b_model_needs_four_h100s_at_16_bits_and_one_at_4_bits_with_four_times_the_tokens_per_gpu()
    {
        // Weights N·bits/8: 140e9·2 = 280e9 bytes at 16 bits (4 × 80 GB H100s once the KV cache is added), 70e9 at 4 bits
        // (one H100). Decode at batch 1 is memory-bound: a replica reads weights + cache once per token, so per GPU the
        // 4-bit model serves (280e9 + kv)/(70e9 + kv)·(1/4)·4 ≈ 4× the 16-bit tokens/s (Pope et al. 2022 roofline).
        var h100 = AcceleratorCatalog.BuiltIn.Get("h100-sxm");
        var n = ParameterCount.FromBillions(140);
        var options = QuantisedInference.Compare(n, h100, [16, 4]);

        options[0].WeightBytes.Bytes.Should().Be(280e9);
        options[1].WeightBytes.Bytes.Should().Be(70e9);
        var kv = InferenceMemory.KeyValueCachePerToken(NominalShape.For(n).ToShape(2048)).Bytes * 2048;
        options[0].KeyValueCacheBytes.Bytes.Should().BeApproximately(kv, 1);
        options[0].DevicesPerReplica.Should().Be((int)Math.Ceiling((280e9 + kv) / h100.Memory.Bytes));
        options[1].DevicesPerReplica.Should().Be(1);
        options[1].BoundBy.Should().Be(RooflineBound.Memory);
        double expectedRatio = (280e9 + kv) / (70e9 + kv);
        (options[1].DecodeTokensPerSecondPerDevice / options[0].DecodeTokensPerSecondPerDevice).Should().BeApproximately(expectedRatio, 1e-9 * expectedRatio);
    }

    [Fact]
    public void Bad_widths_and_sizes_are_rejected()
    {
        var h100 = AcceleratorCatalog.BuiltIn.Get("h100-sxm");
        var zeroBits = () => QuantisedInference.Compare(ParameterCount.FromBillions(7), h100, [0]);
        zeroBits.Should().Throw<ArgumentOutOfRangeException>();
        var zeroParams = () => QuantisedInference.Compare(ParameterCount.FromCount(0), h100, [4]);
        zeroParams.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("parameters");
    }
}
