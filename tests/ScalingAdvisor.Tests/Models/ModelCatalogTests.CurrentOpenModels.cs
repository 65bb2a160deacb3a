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
    [InlineData("llama-3.2-1b", 1_235_814_400)]
    [InlineData("llama-3.2-3b", 3_212_749_824)]
    [InlineData("phi-4", 14_659_507_200)]
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
    [InlineData("llama-3.2-1b", 1.23e9, 1e7, 0, 0)]
    [InlineData("llama-3.2-3b", 3.21e9, 1e7, 0, 0)]
    [InlineData("phi-4", 14e9, 1e9, 0, 0)]
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

    // Each preset is the shape HuggingFaceConfig imports from the model's released config.json (Fixtures/README.md).
    [Theory]
    [InlineData("llama-3.2-1b", "meta-llama/Llama-3.2-1B")]
    [InlineData("llama-3.2-3b", "meta-llama/Llama-3.2-3B")]
    [InlineData("mistral-small-24b", "mistralai/Mistral-Small-24B-Base-2501")]
    [InlineData("mistral-nemo-12b", "mistralai/Mistral-Nemo-Base-2407")]
    public void Current_open_presets_are_the_shapes_their_released_configs_import_to(string id, string repository)
    {
        var imported = HuggingFaceConfig.LoadFile(ConfigFixtures.PathOf(repository));
        imported.Should().BeEquivalentTo(ModelCatalog.BuiltIn.Get(id).Shape, id);
        imported.CountParameters().Total.Should().Be(ModelCatalog.BuiltIn.Get(id).StatedParameters);
    }

    private static readonly string[] CurrentOpenModelIds =
    [
        "llama-3.2-1b", "llama-3.2-3b", "phi-4", "mistral-small-24b", "mistral-nemo-12b",
    ];
}
