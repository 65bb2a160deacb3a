using ScalingAdvisor.Memory;
using ScalingAdvisor.Models;

namespace ScalingAdvisor.Tests.Memory;

// Hand derivations of the KV cache by attention type (FORMULAS.md §3): GQA 2·a_kv·d_h elements per token and layer
// (Ainslie et al. 2023); MLA d_c + d_h^R (DeepSeek-V2 §2.1.2, Table 1); a sliding-window layer holds min(tokens, window)
// tokens (Jiang et al. 2023, Mistral 7B §2, rolling buffer cache).
public class KeyValueCacheTests
{
    private static TransformerShape Fixture(string repoId)
        => HuggingFaceConfig.LoadFile(Path.Combine(AppContext.BaseDirectory, "Models", "Fixtures", repoId.Replace("/", "--", StringComparison.Ordinal) + ".config.json"));

    [Fact]
    public void Grouped_query_attention_holds_two_kv_heads_widths_per_layer_and_token()
    {
        // Llama-2-70B: 2 · 80 layers · 8 KV heads · 128 · 2 bytes = 327,680 bytes per token.
        var shape = ModelCatalog.BuiltIn.Get("llama-2-70b").Shape;
        KeyValueCache.BytesPerSequence(shape, 1, 16).Bytes.Should().Be(327_680);
        KeyValueCache.BytesPerSequence(shape, 4096, 16).Bytes.Should().Be(327_680.0 * 4096);
        KeyValueCache.BytesPerSequence(shape, 4096, 8).Bytes.Should().Be(327_680.0 * 4096 / 2);
    }

    [Fact]
    public void Latent_attention_holds_the_latent_and_the_rotary_key()
    {
        // DeepSeek-V3: (d_c 512 + d_h^R 64) · 61 layers · 2 bytes = 70,272 bytes per token, against 2·128·128·61·2 =
        // 3,997,696 for the same heads without the latent (DeepSeek-V2 Table 1's point).
        var shape = Fixture("deepseek-ai/DeepSeek-V3");
        KeyValueCache.ElementsPerTokenPerLayer(shape).Should().Be(576);
        KeyValueCache.BytesPerSequence(shape, 1).Bytes.Should().Be(70_272);
        KeyValueCache.BytesPerSequence(shape, 128 * 1024).Bytes.Should().Be(70_272.0 * 131_072);
    }

    [Fact]
    public void Sliding_window_layers_stop_growing_at_their_window()
    {
        // gpt-oss-20b: 24 layers alternating 128-token windows and full attention, 2 · 8 · 64 · 2 = 2,048 bytes per token
        // and layer. At 32,768 tokens: 12 · 32,768 · 2,048 + 12 · 128 · 2,048 = 808,452,096 bytes.
        var shape = Fixture("openai/gpt-oss-20b");
        KeyValueCache.BytesPerSequence(shape, 32_768).Bytes.Should().Be(808_452_096);

        // Below the window every layer holds every token: 24 · 100 · 2,048.
        KeyValueCache.BytesPerSequence(shape, 100).Bytes.Should().Be(24 * 100 * 2048);
    }

    [Fact]
    public void Gemma_3_keeps_five_local_layers_to_one_global()
    {
        // Gemma 3 1B: 26 layers, 4 global (layers 6, 12, 18, 24) and 22 with a 512-token window; 2 · 1 · 256 · 2 = 1,024
        // bytes per token and layer. At 32,768 tokens: 4 · 32,768 · 1,024 + 22 · 512 · 1,024 = 145,752,064 bytes.
        var shape = Fixture("google/gemma-3-1b-pt");
        KeyValueCache.BytesPerSequence(shape, 32_768).Bytes.Should().Be(145_752_064);
    }

    [Fact]
    public void Inference_memory_uses_the_rule_of_the_attention_type()
    {
        // Mistral 7B v0.1 at 32,768 tokens and batch 2: every layer holds its 4,096-token window,
        // 2 · 32 · 4,096 · (2 · 8 · 128 · 2) = 1,073,741,824 bytes, an eighth of the 8,589,934,592 a full cache would need.
        var shape = Fixture("mistralai/Mistral-7B-v0.1");
        var estimate = InferenceMemory.Estimate(shape, new InferenceSetup(16, 16, 2, 32_768));
        estimate.KeyValueCache.Bytes.Should().Be(1_073_741_824);
        estimate.KeyValueCachePerToken.Bytes.Should().Be(131_072);
    }

    [Fact]
    public void Bad_arguments_name_their_parameter()
    {
        var shape = ModelCatalog.BuiltIn.Get("llama-2-7b").Shape;
        ((Action)(() => KeyValueCache.BytesPerSequence(shape, -1))).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("tokens");
        ((Action)(() => KeyValueCache.BytesPerSequence(shape, 1, 0))).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("bits");
        ((Action)(() => KeyValueCache.BytesPerSequence(null!, 1))).Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("shape");
    }
}
