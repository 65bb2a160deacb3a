using ScalingAdvisor.Models;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Tests.Models;

// Real config.json files (Models/Fixtures/README.md names each repository). Published figures: the model cards and
// technical reports named in each test; "exact" counts are what the released checkpoint stores.
public partial class HuggingFaceConfigTests
{
    private static HuggingFaceImport Fixture(string repoId)
        => HuggingFaceConfig.ImportFile(Path.Combine(AppContext.BaseDirectory, "Models", "Fixtures", repoId.Replace("/", "--", StringComparison.Ordinal) + ".config.json"));

    private static double Billions(ParameterCount count, int decimals) => Math.Round(count.Count / 1e9, decimals);

    public static TheoryData<string> AllFixtures =>
    [
        "deepseek-ai/DeepSeek-V3", "deepseek-ai/DeepSeek-V2-Lite", "openai/gpt-oss-20b", "Qwen/Qwen3-30B-A3B", "Qwen/Qwen3-8B",
        "Qwen/Qwen1.5-MoE-A2.7B", "google/gemma-2-9b", "google/gemma-3-1b-pt", "google/gemma-3-4b-it", "google/gemma-7b",
        "microsoft/Phi-3-mini-4k-instruct", "allenai/OLMo-2-1124-7B", "meta-llama/Llama-4-Scout-17B-16E", "tiiuae/falcon-7b",
        "bigscience/bloom-560m", "facebook/opt-350m", "meta-llama/Llama-3.2-1B", "mistralai/Mistral-7B-v0.1",
    ];

    [Theory]
    [MemberData(nameof(AllFixtures))]
    public void Every_key_of_a_released_config_is_understood(string repoId)
        => Fixture(repoId).NotUnderstoodKeys.Should().BeEmpty();

    [Fact]
    public void DeepSeek_V3_gives_671B_with_its_14B_MTP_module_apart_and_37B_active_without_the_embedding()
    {
        // DeepSeek-V3 README: 671B main model + MTP module; DeepSeek-AI 2024 (DeepSeek-V3 technical report) §1: 671B total,
        // 37B activated per token. 671,026,419,200 is the main model's checkpoint count.
        var import = Fixture("deepseek-ai/DeepSeek-V3");
        var counts = import.Shape.CountParameters();
        counts.Total.Count.Should().Be(671_026_419_200);
        import.Shape.LatentAttention!.QueryLatentRank.Should().Be(1536);
        import.Shape.ExpertLayers.Should().Be(58);
        import.Shape.SharedExperts.Should().Be(1);

        // The card's 37B counts what a token touches without the input embedding (it keeps the output head).
        Billions(counts.Active - counts.Breakdown.Embedding, 0).Should().Be(37);

        // The MTP module (model.layers.61 of the checkpoint): one MoE block, enorm, hnorm, shared_head.norm (3·d), eh_proj
        // (2d·d), and its own embed_tokens and shared_head.head (2·V·d). The README's 685B is 671B + this + the FP8 block
        // scales, rounded.
        long d = 7168, vocabulary = 129_280;
        long block = ((long)counts.Total.Count - (2 * vocabulary * d) - d - (3 * 18432 * d * 3) - (3 * MlaBlock(import.Shape))) / 58;
        counts.MultiTokenPrediction.Count.Should().Be(block + (3 * d) + (2 * d * d) + (2 * vocabulary * d));
        counts.MultiTokenPrediction.Count.Should().Be(13_463_426_304);
        Billions(counts.Total + counts.MultiTokenPrediction, 1).Should().Be(684.5);
    }

    // Attention and the two norms of one DeepSeek-V3 layer, as DeepseekV3Attention and DeepseekV3DecoderLayer hold them.
    private static long MlaBlock(TransformerShape shape)
    {
        long d = shape.ModelWidth, heads = shape.Heads;
        var mla = shape.LatentAttention!;
        long q = (d * mla.QueryLatentRank!.Value) + mla.QueryLatentRank.Value + (mla.QueryLatentRank.Value * heads * mla.QueryKeyHeadWidth);
        long kv = (d * (mla.KeyValueLatentRank + mla.RotaryHeadWidth)) + mla.KeyValueLatentRank + (mla.KeyValueLatentRank * heads * (mla.NonRotaryHeadWidth + mla.ValueHeadWidth));
        return q + kv + (heads * mla.ValueHeadWidth * d) + (2 * d);
    }

    [Fact]
    public void DeepSeek_V2_Lite_has_no_query_latent_and_gives_15_7B()
    {
        // DeepSeek-AI 2024, DeepSeek-V2 App. B: V2-Lite has 15.7B parameters and does not compress queries.
        var import = Fixture("deepseek-ai/DeepSeek-V2-Lite");
        import.Shape.LatentAttention!.QueryLatentRank.Should().BeNull();
        import.Shape.SharedExperts.Should().Be(2);
        import.Shape.FirstDenseLayers.Should().Be(1);
        import.Shape.RouterBias.Should().BeFalse();
        var counts = import.Shape.CountParameters();
        Billions(counts.Total, 1).Should().Be(15.7);
        counts.Total.Count.Should().Be(15_706_484_224);
    }

    [Fact]
    public void Gpt_oss_20b_gives_the_model_cards_20_91B_total_and_3_61B_active()
    {
        // OpenAI 2025, gpt-oss-120b & gpt-oss-20b model card, Table 1: 20.91B total, 3.61B active per token. The card's
        // active count leaves out the input embedding (579,133,440 = V·d); activeParams here keeps it.
        var import = Fixture("openai/gpt-oss-20b");
        var shape = import.Shape;
        shape.SlidingWindow.Should().Be(128);
        shape.SlidingWindowLayers.Should().Be(12);
        shape.AttentionSinks.Should().BeTrue();
        var counts = shape.CountParameters();
        counts.Total.Count.Should().Be(20_914_757_184);
        Billions(counts.Total, 2).Should().Be(20.91);
        Billions(counts.Active - counts.Breakdown.Embedding, 2).Should().Be(3.61);

        // The sinks are one logit per head and layer; the router's bias E per layer.
        (counts.Total - (shape with { AttentionSinks = false }).CountParameters().Total).Count.Should().Be(24 * 64);
        (counts.Total - (shape with { RouterBias = false }).CountParameters().Total).Count.Should().Be(24 * 32);
    }

    [Fact]
    public void Qwen3_30B_A3B_gives_the_cards_30_5B_total_29_9B_non_embedding_and_3_3B_active()
    {
        // Qwen/Qwen3-30B-A3B model card: 30.5B total, 3.3B activated, 29.9B non-embedding. The card truncates the active
        // 3.353B (embedding included) to 3.3B.
        var import = Fixture("Qwen/Qwen3-30B-A3B");
        import.Shape.HeadWidth.Should().Be(128).And.NotBe(import.Shape.ModelWidth / import.Shape.Heads);
        import.Shape.QueryKeyNorm.Should().Be(QueryKeyNorm.PerHead);
        var counts = import.Shape.CountParameters();
        Billions(counts.Total, 1).Should().Be(30.5);
        Billions(counts.NonEmbedding, 1).Should().Be(29.9);
        Math.Floor(counts.Active.Count / 1e8).Should().Be(33);
    }

    [Fact]
    public void Qwen3_8B_gives_the_cards_8_2B_total_and_6_95B_non_embedding()
    {
        // Qwen/Qwen3-8B model card: 8.2B parameters, 6.95B non-embedding. QK-norm adds 2·d_h per layer.
        var shape = Fixture("Qwen/Qwen3-8B").Shape;
        var counts = shape.CountParameters();
        Billions(counts.Total, 1).Should().Be(8.2);
        Billions(counts.NonEmbedding, 2).Should().Be(6.95);
        (counts.Total - (shape with { QueryKeyNorm = QueryKeyNorm.None }).CountParameters().Total).Count.Should().Be(36 * 2 * 128);
    }

    [Fact]
    public void Qwen1_5_MoE_gives_the_cards_14_3B_total_and_2_7B_active_with_its_gated_shared_expert()
    {
        // Qwen/Qwen1.5-MoE-A2.7B model card: 14.3B parameters, 2.7B activated.
        var shape = Fixture("Qwen/Qwen1.5-MoE-A2.7B").Shape;
        shape.SharedExpertWidth.Should().Be(5632);
        shape.ExpertWidth.Should().Be(1408);
        shape.SharedExpertGate.Should().BeTrue();
        var counts = shape.CountParameters();
        Billions(counts.Total, 1).Should().Be(14.3);
        Billions(counts.Active, 1).Should().Be(2.7);
    }

    [Fact]
    public void Gemma_2_9B_counts_its_sandwich_norms_exactly()
    {
        // google/gemma-2-9b: 9,241,705,984 parameters in the released checkpoint. The post-attention and
        // post-feed-forward norms are the 2·L·d a pre-norm count misses (issue 16).
        var shape = Fixture("google/gemma-2-9b").Shape;
        shape.NormPlacement.Should().Be(NormPlacement.Sandwich);
        shape.GlobalAttentionInterval.Should().Be(2);
        shape.SlidingWindow.Should().Be(4096);
        var counts = shape.CountParameters();
        counts.Total.Count.Should().Be(9_241_705_984);
        (counts.Total - (shape with { NormPlacement = NormPlacement.Pre }).CountParameters().Total).Count.Should().Be(2L * 42 * 3584);
    }

    [Fact]
    public void Gemma_3_1B_gives_999_885_952_with_302M_embedding_and_698M_non_embedding()
    {
        // Gemma Team 2025, Gemma 3 Technical Report, Table 1: 1B = 302M embedding + 698M non-embedding parameters.
        var shape = Fixture("google/gemma-3-1b-pt").Shape;
        shape.SlidingWindowLayers.Should().Be(22);
        shape.TiedEmbeddings.Should().BeTrue();
        var counts = shape.CountParameters();
        counts.Total.Count.Should().Be(999_885_952);
        Math.Round(counts.Breakdown.Embedding.Count / 1e6).Should().Be(302);
        Math.Round(counts.NonEmbedding.Count / 1e6).Should().Be(698);
    }

    [Fact]
    public void Gemma_3_4B_takes_Gemma3TextConfig_defaults_for_omitted_keys_and_leaves_the_vision_tower_out()
    {
        // The 4B config's text_config omits heads, KV heads, head_dim and vocabulary: Gemma3TextConfig's defaults (8, 4,
        // 256, 262208) apply. Gemma 3 Technical Report Table 1: 3,209M non-embedding parameters, vision encoder apart.
        var import = Fixture("google/gemma-3-4b-it");
        import.Shape.Heads.Should().Be(8);
        import.Shape.KeyValueHeads.Should().Be(4);
        import.Shape.HeadWidth.Should().Be(256);
        import.Shape.VocabularySize.Should().Be(262_208);
        import.Shape.SlidingWindow.Should().Be(1024);
        import.LeftOut.Should().ContainSingle().Which.Should().Contain("vision");
        Math.Round(import.Shape.CountParameters().NonEmbedding.Count / 1e6).Should().Be(3209);
    }

    [Fact]
    public void Gemma_7B_has_head_dim_256_and_gives_the_released_count()
    {
        // google/gemma-7b: 8,537,680,896 parameters (a·d_h = 4096 ≠ d = 3072; the LM head is tied).
        var shape = Fixture("google/gemma-7b").Shape;
        shape.AttentionWidth.Should().Be(4096);
        shape.CountParameters().Total.Count.Should().Be(8_537_680_896);
    }

    [Fact]
    public void Phi_3_mini_gives_3_82B_with_its_window_in_every_layer()
    {
        // microsoft/Phi-3-mini-4k-instruct: 3,821,079,552 parameters (Abdin et al. 2024: 3.8B).
        var shape = Fixture("microsoft/Phi-3-mini-4k-instruct").Shape;
        shape.SlidingWindow.Should().Be(2047);
        shape.SlidingWindowLayers.Should().Be(32);
        shape.CountParameters().Total.Count.Should().Be(3_821_079_552);
    }

    [Fact]
    public void OLMo_2_7B_counts_post_norms_and_qk_norms_across_heads()
    {
        // allenai/OLMo-2-1124-7B: 7.3B (OLMo et al. 2024, Table 1). Its q_norm and k_norm span a·d_h and a_kv·d_h.
        var shape = Fixture("allenai/OLMo-2-1124-7B").Shape;
        shape.NormPlacement.Should().Be(NormPlacement.Post);
        var counts = shape.CountParameters();
        Billions(counts.Total, 1).Should().Be(7.3);
        counts.Total.Count.Should().Be(7_298_617_344);
        (counts.Total - (shape with { QueryKeyNorm = QueryKeyNorm.None }).CountParameters().Total).Count.Should().Be(32L * (4096 + 4096));
    }

    [Fact]
    public void Llama_4_Scout_gives_17B_active_with_its_shared_expert_and_leaves_the_vision_tower_out()
    {
        // Meta 2025, Llama 4 model card: Scout has 17B active parameters (16 experts, 109B total with the vision tower).
        var import = Fixture("meta-llama/Llama-4-Scout-17B-16E");
        var shape = import.Shape;
        shape.SharedExperts.Should().Be(1);
        shape.ExpertLayers.Should().Be(48);
        shape.SlidingWindow.Should().Be(8192);
        shape.GlobalAttentionInterval.Should().Be(4);
        import.LeftOut.Should().ContainSingle().Which.Should().Contain("vision");
        var counts = shape.CountParameters();
        Billions(counts.Active, 0).Should().Be(17);
        counts.Total.Count.Should().BeLessThan(109_000_000_000);
    }

    [Fact]
    public void Falcon_7B_has_one_norm_per_parallel_block_and_gives_the_released_count()
    {
        // tiiuae/falcon-7b: 6,921,720,704 parameters (Almazrouei et al. 2023: 7B, multi-query, parallel attention).
        var shape = Fixture("tiiuae/falcon-7b").Shape;
        shape.KeyValueHeads.Should().Be(1);
        shape.NormPlacement.Should().Be(NormPlacement.SharedParallel);
        shape.CountParameters().Total.Count.Should().Be(6_921_720_704);
    }

    [Fact]
    public void Bloom_560m_counts_its_embedding_layer_norm()
    {
        // bigscience/bloom-560m model card: 559,214,592 parameters. The embedding LayerNorm is 2·d of them (issue 16).
        var shape = Fixture("bigscience/bloom-560m").Shape;
        shape.Positions.Should().Be(PositionEncoding.Alibi);
        var counts = shape.CountParameters();
        counts.Total.Count.Should().Be(559_214_592);
        (counts.Total - (shape with { EmbeddingNorm = false }).CountParameters().Total).Count.Should().Be(2 * 1024);
    }

    [Fact]
    public void Opt_350m_counts_its_embedding_projections_post_norms_and_offset_positions()
    {
        // facebook/opt-350m: 331,196,416 parameters (Zhang et al. 2022, OPT, Table 1: 350M). A 512-wide embedding,
        // project_in and project_out of 512·1024 each, a position table of 2048 + 2 rows, no final norm.
        var shape = Fixture("facebook/opt-350m").Shape;
        shape.EmbeddingWidth.Should().Be(512);
        shape.FinalNorm.Should().BeFalse();
        var counts = shape.CountParameters();
        counts.Total.Count.Should().Be(331_196_416);
        counts.Breakdown.EmbeddingProjection.Count.Should().Be(2 * 512 * 1024);
        counts.Breakdown.Positions.Count.Should().Be(2050 * 1024);
    }

    [Fact]
    public void Llama_3_2_1B_is_tied_and_gives_the_released_count()
    {
        // meta-llama/Llama-3.2-1B: 1,235,814,400 parameters (1.23B, model card).
        Fixture("meta-llama/Llama-3.2-1B").Shape.CountParameters().Total.Count.Should().Be(1_235_814_400);
    }

    [Fact]
    public void Mistral_7B_v01_has_its_4096_token_window_in_every_layer()
    {
        // Jiang et al. 2023, Mistral 7B §2: W = 4096 in every layer.
        var shape = Fixture("mistralai/Mistral-7B-v0.1").Shape;
        shape.SlidingWindow.Should().Be(4096);
        shape.SlidingWindowLayers.Should().Be(32);
        shape.CountParameters().Total.Count.Should().Be(7_241_732_096);
    }

    [Fact]
    public void A_key_that_may_change_the_count_but_is_not_understood_is_reported()
    {
        // Before issue 16 a llama config with shared experts was counted as if the key were absent, silently.
        var import = HuggingFaceConfig.Import(Llama3Config.Replace("\"rms_norm_eps\":1e-05", "\"rms_norm_eps\":1e-05,\"n_shared_experts\":2,\"my_adapter_rank\":8", StringComparison.Ordinal));
        import.NotUnderstoodKeys.Should().Equal("my_adapter_rank", "n_shared_experts");
        import.Shape.CountParameters().Total.Count.Should().Be(8_030_261_248);
    }

    [Fact]
    public void A_layer_pattern_a_shape_cannot_represent_is_refused_naming_the_key()
    {
        const string json = """{"model_type":"gpt_oss","num_hidden_layers":4,"layer_types":["full_attention","sliding_attention","sliding_attention","full_attention"]}""";
        var act = () => HuggingFaceConfig.Parse(json);
        act.Should().Throw<HuggingFaceConfigException>().Which.Key.Should().Be("layer_types");
    }

    [Fact]
    public void Gemma_and_opt_configs_are_supported_where_they_were_refused()
    {
        // Issue 16: --hf-config refused gemma and opt configs.
        foreach (string type in new[] { "gemma", "opt", "gemma2", "deepseek_v3", "gpt_oss", "llama4", "bloom", "falcon", "phi3", "olmo2", "qwen3_moe" })
        {
            HuggingFaceConfig.SupportedModelTypes.Should().Contain(type);
        }
    }
}
