using System.Text;
using System.Text.Json;
using ScalingAdvisor.Models;

namespace ScalingAdvisor.Tests.Models;

// The open models of 2024-25 (issue 16 item 3). Conventions: totalParams is the text model without a multi-token-prediction
// module or a vision tower; activeParams counts what one token touches, the token embedding included. Each figure below is
// quoted from the card or report named beside it and compared to the card's last printed digit: a count passes when it
// lies within one unit of that digit of the printed figure (cards round, and Qwen3-30B-A3B's card truncates 3.353B to 3.3B).
public partial class ModelCatalogTests
{
    // Released checkpoint counts (text model): safetensors index total_size ÷ 2 for bf16 checkpoints (Qwen3-8B 16,381,470,720
    // bytes, Qwen3-32B 65,524,246,528, Qwen3-30B-A3B 61,064,245,248, Qwen3-235B-A22B 470,187,269,120, Llama-3.2-3B 6,425,499,648,
    // phi-4 29,319,014,400, Mistral-Nemo 24,495,564,800, gemma-3-1b 1,999,771,904); the tensors' element count where the
    // checkpoint is quantised (DeepSeek-V3 FP8 main model without its MTP layer, Kimi-K2 FP8, gpt-oss MXFP4) or float32
    // (OLMo 2); for Gemma 3 4B-27B and Llama 4 the language model of the multimodal checkpoint (see
    // Vision_towers_account_for_the_rest_of_the_multimodal_checkpoints).
    [Theory]
    [InlineData("deepseek-v3", 671_026_419_200)]
    [InlineData("kimi-k2", 1_026_408_232_448)]
    [InlineData("qwen3-8b", 8_190_735_360)]
    [InlineData("qwen3-32b", 32_762_123_264)]
    [InlineData("qwen3-30b-a3b", 30_532_122_624)]
    [InlineData("qwen3-235b-a22b", 235_093_634_560)]
    [InlineData("gpt-oss-20b", 20_914_757_184)]
    [InlineData("gpt-oss-120b", 116_829_156_672)]
    [InlineData("gemma-3-1b", 999_885_952)]
    [InlineData("gemma-3-4b", 3_880_263_168)]
    [InlineData("gemma-3-12b", 11_766_034_176)]
    [InlineData("gemma-3-27b", 27_009_346_304)]
    [InlineData("llama-3.2-1b", 1_235_814_400)]
    [InlineData("llama-3.2-3b", 3_212_749_824)]
    [InlineData("llama-4-scout", 107_769_861_120)]
    [InlineData("llama-4-maverick", 400_711_848_960)]
    [InlineData("phi-4", 14_659_507_200)]
    [InlineData("olmo-2-7b", 7_298_617_344)]
    [InlineData("olmo-2-13b", 13_716_198_400)]
    [InlineData("mistral-small-24b", 23_572_403_200)]
    [InlineData("mistral-nemo-12b", 12_247_782_400)]
    public void Params_of_current_open_presets_match_their_released_checkpoints(string id, long released)
    {
        var preset = ModelCatalog.BuiltIn.Get(id);
        preset.ExactShape.Should().BeTrue();
        preset.Shape.CountParameters().Total.Count.Should().Be(released);
    }

    // The cards' own totals and, where they print one, non-embedding counts (Kaplan's N: without the embedding and an untied
    // unembedding): Qwen3 model cards ("8.2B, non-embedding 6.95B"; "32.8B, 31.2B"; "30.5B in total, 29.9B non-embedding";
    // "235B in total, 234B non-embedding"); gpt-oss model card Table 1 (20.91B, 116.83B); Gemma 3 Technical Report Table 1
    // (non-embedding 698M, 3,209M, 10,759M, 25,600M); Llama 3.2 model card (1.23B, 3.21B); DeepSeek-V3 report (671B); Kimi K2
    // card (1T); Phi-4 report (14B); OLMo 2 cards (7B, 13B); Mistral Small 3 (24B) and NeMo (12B) cards. Llama 4's totals
    // include the vision encoder and are checked with it below.
    [Theory]
    [InlineData("qwen3-8b", 8.2e9, 1e8, 6.95e9, 1e7)]
    [InlineData("qwen3-32b", 32.8e9, 1e8, 31.2e9, 1e8)]
    [InlineData("qwen3-30b-a3b", 30.5e9, 1e8, 29.9e9, 1e8)]
    [InlineData("qwen3-235b-a22b", 235e9, 1e9, 234e9, 1e9)]
    [InlineData("gpt-oss-20b", 20.91e9, 1e7, 0, 0)]
    [InlineData("gpt-oss-120b", 116.83e9, 1e7, 0, 0)]
    [InlineData("gemma-3-1b", 1e9, 1e9, 698e6, 1e6)]
    [InlineData("gemma-3-4b", 4e9, 1e9, 3_209e6, 1e6)]
    [InlineData("gemma-3-12b", 12e9, 1e9, 10_759e6, 1e6)]
    [InlineData("gemma-3-27b", 27e9, 1e9, 25_600e6, 1e6)]
    [InlineData("llama-3.2-1b", 1.23e9, 1e7, 0, 0)]
    [InlineData("llama-3.2-3b", 3.21e9, 1e7, 0, 0)]
    [InlineData("deepseek-v3", 671e9, 1e9, 0, 0)]
    [InlineData("kimi-k2", 1e12, 1e12, 0, 0)]
    [InlineData("phi-4", 14e9, 1e9, 0, 0)]
    [InlineData("olmo-2-7b", 7e9, 1e9, 0, 0)]
    [InlineData("olmo-2-13b", 13e9, 1e9, 0, 0)]
    [InlineData("mistral-small-24b", 24e9, 1e9, 0, 0)]
    [InlineData("mistral-nemo-12b", 12e9, 1e9, 0, 0)]
    public void Current_open_presets_reproduce_their_cards_totals_to_the_printed_digit(
        string id, double cardTotal, double totalDigit, double cardNonEmbedding, double nonEmbeddingDigit)
    {
        var counts = ModelCatalog.BuiltIn.Get(id).Shape.CountParameters();
        Math.Abs(counts.Total.Count - cardTotal).Should().BeLessThan(totalDigit, id);
        if (cardNonEmbedding > 0)
        {
            Math.Abs(counts.NonEmbedding.Count - cardNonEmbedding).Should().BeLessThan(nonEmbeddingDigit, id);
        }
    }

    // Active parameters per token as the cards print them: DeepSeek-V3 report (37B activated); Kimi K2 card (32B activated);
    // Qwen3 cards (3.3B, 22B activated); gpt-oss card Table 1 (3.61B, 5.13B active, which leave out the token embedding);
    // Llama 4 card (17B active, Scout and Maverick).
    [Theory]
    [InlineData("deepseek-v3", 37e9, 1e9)]
    [InlineData("kimi-k2", 32e9, 1e9)]
    [InlineData("qwen3-30b-a3b", 3.3e9, 1e8)]
    [InlineData("qwen3-235b-a22b", 22e9, 1e9)]
    [InlineData("gpt-oss-20b", 3.61e9, 1e7)]
    [InlineData("gpt-oss-120b", 5.13e9, 1e7)]
    [InlineData("llama-4-scout", 17e9, 1e9)]
    [InlineData("llama-4-maverick", 17e9, 1e9)]
    public void Mixture_of_experts_presets_reproduce_their_cards_active_count_to_the_printed_digit(string id, double cardActive, double digit)
    {
        var preset = ModelCatalog.BuiltIn.Get(id);
        preset.StatedActiveParameters!.Value.Count.Should().Be(cardActive, "the catalog states the card's figure");
        preset.StatedActiveParametersSource.Should().NotBeNullOrWhiteSpace();
        var counts = preset.Shape.CountParameters();
        double comparable = counts.Active.Count - (preset.StatedActiveExcludesEmbedding ? counts.Breakdown.Embedding.Count : 0);
        Math.Abs(comparable - cardActive).Should().BeLessThan(digit, id);
        counts.Active.Should().BeLessThan(counts.Total);
    }

    // gpt-oss model card Table 1: 5.13B and 3.61B active. Only without the token embedding (V·d = 201088·2880 = 579,133,440)
    // does the count reach the card's two decimals: the card counts the unembedding and not the embedding.
    [Theory]
    [InlineData("gpt-oss-20b", 3.61e9)]
    [InlineData("gpt-oss-120b", 5.13e9)]
    public void Gpt_oss_cards_leave_the_token_embedding_out_of_the_active_count(string id, double cardActive)
    {
        var preset = ModelCatalog.BuiltIn.Get(id);
        var counts = preset.Shape.CountParameters();
        preset.StatedActiveExcludesEmbedding.Should().BeTrue();
        counts.Breakdown.Embedding.Count.Should().Be(201_088L * 2_880);
        Math.Abs(counts.Active.Count - cardActive).Should().BeGreaterThan(0.5e9, "activeParams includes the embedding");
        Math.Abs(counts.Active.Count - counts.Breakdown.Embedding.Count - cardActive).Should().BeLessThan(1e7);
    }

    [Fact]
    public void Dense_presets_state_no_active_count_and_every_mixture_of_experts_preset_states_one()
    {
        foreach (var preset in ModelCatalog.BuiltIn.Presets)
        {
            bool isNew = Array.IndexOf(CurrentOpenModelIds, preset.Id) >= 0;
            if (!preset.Shape.IsMixtureOfExperts)
            {
                preset.StatedActiveParameters.Should().BeNull(preset.Id);
            }
            else if (isNew)
            {
                preset.StatedActiveParameters.Should().NotBeNull(preset.Id);
            }
        }
    }

    // DeepSeek-V3 report §2.2 and README_WEIGHTS.md: the open weights hold one MTP module (layer 61) besides the 671B main
    // model; the preset carries it so that it is reported apart, outside totalParams.
    [Fact]
    public void Deepseek_v3_preset_keeps_its_multi_token_prediction_module_out_of_the_total()
    {
        var shape = ModelCatalog.BuiltIn.Get("deepseek-v3").Shape;
        shape.MultiTokenPredictionModules.Should().Be(1);
        shape.LatentAttention!.CachedElementsPerToken.Should().Be(512 + 64);
        shape.CountParameters().Total.Count.Should().Be(671_026_419_200);
    }

    // What the multimodal checkpoints hold besides the language model, derived from each fixture's vision_config:
    // SigLIP (Zhai et al. 2023; transformers SiglipVisionModel: a patch convolution with bias, (image/patch)^2 learned
    // positions, per layer q, k, v, o and fc1, fc2 with biases and two LayerNorms, a final LayerNorm; no pooling head with
    // vision_use_head false) and Gemma3MultiModalProjector (a h_v·d projection and an RMSNorm of h_v): Gemma 3 Table 1
    // gives the encoder as 417M. Llama4VisionModel (a bias-free patch projection, a class embedding, (image/patch)^2 + 1
    // positions, LayerNorms before and after, the same encoder layers, the pixel-shuffle adapter's two bias-free
    // projections) and Llama4MultiModalProjector (vision_output_dim·d). The checkpoints' totals: google/gemma-3-4b-it
    // 4,300,079,472, -12b-it 12,187,325,040, -27b-it 27,432,406,640 (the -pt checkpoints have the same shapes);
    // Llama-4-Scout-17B-16E 108,641,793,536; Llama-4-Maverick-17B-128E 401,583,781,376.
    [Theory]
    [InlineData("gemma-3-4b", "google/gemma-3-4b-it", 4_300_079_472)]
    [InlineData("gemma-3-12b", "google/gemma-3-12b-it", 12_187_325_040)]
    [InlineData("gemma-3-27b", "google/gemma-3-27b-it", 27_432_406_640)]
    [InlineData("llama-4-scout", "meta-llama/Llama-4-Scout-17B-16E", 108_641_793_536)]
    [InlineData("llama-4-maverick", "meta-llama/Llama-4-Maverick-17B-128E", 401_583_781_376)]
    public void Vision_towers_account_for_the_rest_of_the_multimodal_checkpoints(string id, string repository, long checkpoint)
    {
        var preset = ModelCatalog.BuiltIn.Get(id);
        using var config = JsonDocument.Parse(File.ReadAllText(ConfigFixtures.PathOf(repository)));
        var vision = config.RootElement.GetProperty("vision_config");
        long h = Int(vision, "hidden_size"), f = Int(vision, "intermediate_size"), layers = Int(vision, "num_hidden_layers");
        long patch = Int(vision, "patch_size"), patches = (Int(vision, "image_size") / patch) * (Int(vision, "image_size") / patch);
        long encoderLayer = (4 * ((h * h) + h)) + (h * f) + f + (f * h) + h + (2 * 2 * h);
        long d = preset.Shape.ModelWidth;
        long extra = id.StartsWith("gemma", StringComparison.Ordinal)
            ? (3 * patch * patch * h) + h + (patches * h) + (layers * encoderLayer) + (2 * h) // SigLIP
              + (h * d) + h // projector and its RMSNorm
            : (3 * patch * patch * h) + h + ((patches + 1) * h) + (2 * 2 * h) + (layers * encoderLayer) // encoder
              + (f * Int(vision, "projector_input_dim")) + (Int(vision, "projector_output_dim") * Int(vision, "projector_output_dim")) // adapter
              + (Int(vision, "vision_output_dim") * d); // projector

        (preset.Shape.CountParameters().Total.Count + extra).Should().Be(checkpoint);
        if (id.StartsWith("gemma", StringComparison.Ordinal))
        {
            Math.Abs(extra - (h * d) - h - 417e6).Should().BeLessThan(1e6, "Gemma 3 Table 1: a 417M vision encoder");
        }

        static long Int(JsonElement e, string key) => e.GetProperty(key).GetInt64();
    }

    // Gemma 3 Table 1 prints 302M embedding parameters for the text-only 1B (V·d = 262144·1152 = 301,989,888), but 675M,
    // 1,012M and 1,416M for 4B, 12B and 27B where V·d is 671.3M, 1,006.9M and 1,409.6M: the preset counts V·d of the released
    // vocabulary (262208) and says so in its notes.
    [Fact]
    public void Gemma_3_embedding_matches_table_1_for_1b_and_its_notes_explain_the_larger_sizes()
    {
        Math.Abs(ModelCatalog.BuiltIn.Get("gemma-3-1b").Shape.CountParameters().Breakdown.Embedding.Count - 302e6).Should().BeLessThan(1e6);
        foreach (string id in new[] { "gemma-3-4b", "gemma-3-12b", "gemma-3-27b" })
        {
            ModelCatalog.BuiltIn.Get(id).Notes.Should().Contain("Table 1's embedding column");
        }
    }

    [Fact]
    public void Every_current_open_preset_cites_a_card_or_report_and_a_released_config()
    {
        foreach (string id in CurrentOpenModelIds)
        {
            var preset = ModelCatalog.BuiltIn.Get(id);
            preset.Source.Should().MatchRegex(@"(20\d\d)", id).And.Contain("config.json", id);
            preset.StatedParametersSource.Should().NotBeNullOrWhiteSpace(id);
            preset.StatedParameters.Should().Be(preset.Shape.CountParameters().Total, id);
        }
    }

    [Theory]
    [InlineData("""{"presets":[{"id":"x","name":"X","source":"s","statedParameters":2,"statedParametersSource":"s","statedActiveParameters":1,"shape":{"layers":1,"modelWidth":8,"heads":1,"feedForwardWidth":8,"vocabularySize":8,"contextLength":8}}]}""", "statedActiveParameters")]
    [InlineData("""{"presets":[{"id":"x","name":"X","source":"s","statedParameters":2,"statedParametersSource":"s","statedActiveParametersSource":"card","shape":{"layers":1,"modelWidth":8,"heads":1,"feedForwardWidth":8,"vocabularySize":8,"contextLength":8}}]}""", "statedActiveParametersSource")]
    [InlineData("""{"presets":[{"id":"x","name":"X","source":"s","statedParameters":2,"statedParametersSource":"s","statedActiveParameters":-1,"statedActiveParametersSource":"card","shape":{"layers":1,"modelWidth":8,"heads":1,"feedForwardWidth":8,"vocabularySize":8,"contextLength":8}}]}""", "statedActiveParameters")]
    public void A_stated_active_count_needs_its_source_and_a_source_its_count(string json, string field)
    {
        var act = () => ModelCatalog.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), "mine.json");
        act.Should().Throw<ArgumentException>().WithMessage("*mine.json*").WithMessage($"*{field}*");
    }

    // Each preset is the shape HuggingFaceConfig imports from the model's released config.json (Fixtures/README.md), every key
    // of which the importer understands.
    [Theory]
    [InlineData("deepseek-v3", "deepseek-ai/DeepSeek-V3")]
    [InlineData("kimi-k2", "moonshotai/Kimi-K2-Instruct")]
    [InlineData("qwen3-8b", "Qwen/Qwen3-8B")]
    [InlineData("qwen3-32b", "Qwen/Qwen3-32B")]
    [InlineData("qwen3-30b-a3b", "Qwen/Qwen3-30B-A3B")]
    [InlineData("qwen3-235b-a22b", "Qwen/Qwen3-235B-A22B")]
    [InlineData("gpt-oss-20b", "openai/gpt-oss-20b")]
    [InlineData("gpt-oss-120b", "openai/gpt-oss-120b")]
    [InlineData("gemma-3-1b", "google/gemma-3-1b-pt")]
    [InlineData("gemma-3-4b", "google/gemma-3-4b-it")]
    [InlineData("gemma-3-12b", "google/gemma-3-12b-it")]
    [InlineData("gemma-3-27b", "google/gemma-3-27b-it")]
    [InlineData("llama-3.2-1b", "meta-llama/Llama-3.2-1B")]
    [InlineData("llama-3.2-3b", "meta-llama/Llama-3.2-3B")]
    [InlineData("llama-4-scout", "meta-llama/Llama-4-Scout-17B-16E")]
    [InlineData("llama-4-maverick", "meta-llama/Llama-4-Maverick-17B-128E")]
    [InlineData("phi-4", "microsoft/phi-4")]
    [InlineData("olmo-2-7b", "allenai/OLMo-2-1124-7B")]
    [InlineData("olmo-2-13b", "allenai/OLMo-2-1124-13B")]
    [InlineData("mistral-small-24b", "mistralai/Mistral-Small-24B-Base-2501")]
    [InlineData("mistral-nemo-12b", "mistralai/Mistral-Nemo-Base-2407")]
    public void Current_open_presets_are_the_shapes_their_released_configs_import_to(string id, string repository)
    {
        var import = HuggingFaceConfig.ImportFile(ConfigFixtures.PathOf(repository));
        import.NotUnderstoodKeys.Should().BeEmpty(id);
        import.Shape.Should().BeEquivalentTo(ModelCatalog.BuiltIn.Get(id).Shape, id);
        import.Shape.CountParameters().Total.Should().Be(ModelCatalog.BuiltIn.Get(id).StatedParameters);
    }

    private static readonly string[] CurrentOpenModelIds =
    [
        "deepseek-v3", "kimi-k2", "qwen3-8b", "qwen3-32b", "qwen3-30b-a3b", "qwen3-235b-a22b", "gpt-oss-20b", "gpt-oss-120b",
        "gemma-3-1b", "gemma-3-4b", "gemma-3-12b", "gemma-3-27b", "llama-3.2-1b", "llama-3.2-3b", "llama-4-scout", "llama-4-maverick",
        "phi-4", "olmo-2-7b", "olmo-2-13b", "mistral-small-24b", "mistral-nemo-12b",
    ];
}
