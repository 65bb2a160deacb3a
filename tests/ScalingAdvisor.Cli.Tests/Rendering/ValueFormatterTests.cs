using ScalingAdvisor.Cli.Rendering;

namespace ScalingAdvisor.Cli.Tests.Rendering;

/// <summary>Labels from JSON names: the unit moves into the value, qualifiers and acronyms survive (issue 13).</summary>
public class ValueFormatterTests
{
    [Theory]
    [InlineData("kvCacheBytes", "KV cache")]
    [InlineData("kvCacheBytesPerToken", "KV cache per token")]
    [InlineData("trainingFlops6ND", "training FLOPs (6·N·D)")]
    [InlineData("trainingFlops", "training FLOPs")]
    [InlineData("flops", "FLOPs")]
    [InlineData("gridIntensityKgPerKwh", "grid intensity")]
    [InlineData("gpuHours", "GPU-hours")]
    [InlineData("servingGpuHours", "serving GPU-hours")]
    [InlineData("pricePerGpuHourUsd", "price per GPU-hour")]
    [InlineData("wallSeconds", "wall time")]
    [InlineData("wallDays", "wall time")]
    [InlineData("maxDays", "max days")]
    [InlineData("modelStatesBytesPerGpu", "model states per GPU")]
    [InlineData("bf16DenseFlopsPerSecond", "bf16 dense")]
    [InlineData("embodiedCo2eKgPerGpuHour", "embodied CO2e per GPU-hour")]
    [InlineData("zeroStage", "ZeRO stage")]
    [InlineData("nonEmbeddingParams", "non-embedding params")]
    [InlineData("logE", "log E")]
    [InlineData("decodeTokensPerSecond", "decode")]
    public void A_name_becomes_words_without_its_unit(string name, string label)
        => ValueFormatter.LabelOfName(name).Should().Be(label);

    [Theory]
    [InlineData("gridIntensityKgPerKwh", 0.385, "0.385 kg/kWh")]
    [InlineData("decodeTokensPerSecond", 124.5, "124.5 tokens/s")]
    [InlineData("gpuHours", 833333.3, "833,333")]
    [InlineData("tdpWatts", 700, "700 W")]
    [InlineData("flopsPerToken", 2.7e10, "2.7e+10 FLOPs")]
    [InlineData("memoryBandwidthBytesPerSecond", 3.35e12, "3.35 TB/s")]
    public void The_value_carries_the_unit_its_label_dropped(string name, double value, string text)
        => ValueFormatter.FormatNumber(name, value).Should().Be(text);
}
