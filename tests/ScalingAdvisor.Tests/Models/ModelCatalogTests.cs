using System.Text;
using ScalingAdvisor.Models;

namespace ScalingAdvisor.Tests.Models;

public partial class ModelCatalogTests
{
    private static readonly string[] RequiredIds =
    [
        "gpt2", "gpt2-medium", "gpt2-large", "gpt2-xl", "gpt3-175b", "chinchilla-70b", "gopher-280b", "llama-7b", "llama-13b",
        "llama-33b", "llama-65b", "llama-2-7b", "llama-2-13b", "llama-2-70b", "llama-3-8b", "llama-3-70b", "llama-3.1-405b",
        "mistral-7b", "mixtral-8x7b",
        "deepseek-v3", "kimi-k2", "qwen3-8b", "qwen3-32b", "qwen3-30b-a3b", "qwen3-235b-a22b", "gpt-oss-20b", "gpt-oss-120b",
        "gemma-3-1b", "gemma-3-4b", "gemma-3-12b", "gemma-3-27b", "llama-3.2-1b", "llama-3.2-3b", "llama-4-scout", "llama-4-maverick",
        "phi-4", "olmo-2-7b", "olmo-2-13b", "mistral-small-24b", "mistral-nemo-12b",
    ];

    [Fact]
    public void Built_in_catalog_has_exactly_the_required_ids_each_with_a_source_and_context_length()
    {
        ModelCatalog.BuiltIn.Ids.Should().BeEquivalentTo(RequiredIds);
        foreach (var preset in ModelCatalog.BuiltIn.Presets)
        {
            preset.Source.Should().NotBeNullOrWhiteSpace();
            preset.StatedParametersSource.Should().NotBeNullOrWhiteSpace();
            preset.Shape.ContextLength.Should().BeGreaterThan(0);
        }
    }

    [Theory]
    [InlineData("gpt2", 1024)]
    [InlineData("gpt3-175b", 2048)]
    [InlineData("llama-7b", 2048)]
    [InlineData("llama-2-70b", 4096)]
    [InlineData("llama-3-8b", 8192)]
    [InlineData("llama-3.1-405b", 131072)]
    [InlineData("mistral-7b", 32768)]
    public void Presets_carry_their_published_context_length(string id, int context)
        => ModelCatalog.BuiltIn.Get(id).Shape.ContextLength.Should().Be(context);

    // Pre-training sequence lengths as each source states them (issue 13): Radford et al. 2019 §2.3 (1024); Brown et al.
    // 2020 §2.1 (2048); Touvron et al. 2023b Table 1 (LLaMA 1 2k, Llama 2 4k); Dubey et al. 2024 §3.4.1 (8,192); Jiang et
    // al. 2023 Table 1 (Mistral 7B 8192); Jiang et al. 2024 §2 (Mixtral 32k). Never the long context window.
    [Theory]
    [InlineData("gpt2", 1024)]
    [InlineData("gpt3-175b", 2048)]
    [InlineData("llama-7b", 2048)]
    [InlineData("llama-2-7b", 4096)]
    [InlineData("llama-3-8b", 8192)]
    [InlineData("llama-3.1-405b", 8192)]
    [InlineData("mistral-7b", 8192)]
    [InlineData("mixtral-8x7b", 32768)]
    public void Presets_carry_their_published_pretraining_sequence_length(string id, int tokens)
    {
        var preset = ModelCatalog.BuiltIn.Get(id);
        preset.TrainingSequenceLength.Should().Be(tokens);
        preset.TrainingSequenceLengthSource.Should().MatchRegex(@"(et al\. 20\d\d|Radford)");
        var training = ScalingAdvisor.Compute.TrainingSequence.Of(preset);
        training.Tokens.Should().Be(tokens);
        training.Origin.Should().Be(ScalingAdvisor.Compute.TrainingSequenceOrigin.Preset);
        training.Source.Should().Contain(preset.TrainingSequenceLengthSource);
    }

    [Fact]
    public void Every_preset_with_a_training_length_cites_it_and_trains_within_its_context()
    {
        foreach (var preset in ModelCatalog.BuiltIn.Presets.Where(p => p.TrainingSequenceLength is not null))
        {
            preset.TrainingSequenceLengthSource.Should().NotBeNullOrWhiteSpace(preset.Id);
            preset.TrainingSequenceLength!.Value.Should().BeLessOrEqualTo(preset.Shape.ContextLength, preset.Id);
        }
    }

    [Fact]
    public void A_preset_without_a_stated_training_length_gets_the_default_and_says_so()
    {
        var preset = ModelCatalog.BuiltIn.Get("llama-2-7b") with { TrainingSequenceLength = null, TrainingSequenceLengthSource = null };
        var training = ScalingAdvisor.Compute.TrainingSequence.Of(preset);
        training.Tokens.Should().Be(ScalingAdvisor.Compute.TrainingDefaults.SequenceLength).And.NotBe(preset.Shape.ContextLength + 1);
        training.Origin.Should().Be(ScalingAdvisor.Compute.TrainingSequenceOrigin.Default);
        training.Source.Should().Contain("default 4096");
    }

    [Fact]
    public void A_catalog_entry_with_a_training_length_but_no_source_is_rejected()
    {
        const string json = """{"presets":[{"id":"x","name":"X","source":"s","statedParameters":1,"statedParametersSource":"s","trainingSequenceLength":4096,"shape":{"layers":1,"modelWidth":8,"heads":1,"feedForwardWidth":8,"vocabularySize":8,"contextLength":8}}]}""";
        var act = () => ModelCatalog.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), "test.json");
        act.Should().Throw<ArgumentException>().WithMessage("*trainingSequenceLengthSource*");
    }

    [Fact]
    public void Lookup_is_case_insensitive()
        => ModelCatalog.BuiltIn.Get("LLaMA-2-7B").Id.Should().Be("llama-2-7b");

    [Fact]
    public void Unknown_preset_message_lists_the_valid_ids()
    {
        var act = () => ModelCatalog.BuiltIn.Get("llama-9");
        act.Should().Throw<ArgumentException>().WithMessage("*llama-9*").WithMessage("*gpt2*mixtral-8x7b*");
    }

    [Fact]
    public void A_user_catalog_in_the_same_format_loads()
    {
        const string json = """
            { "presets": [ { "id": "tiny", "name": "Tiny", "source": "made up for a test", "exactShape": true,
              "statedParameters": 1, "statedParametersSource": "none",
              "shape": { "layers": 2, "modelWidth": 64, "heads": 4, "feedForwardWidth": 256, "vocabularySize": 100,
                         "contextLength": 32, "norm": "layerNorm", "biases": "QueryKeyValue, AttentionOutput" } } ] }
            """;
        var catalog = ModelCatalog.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), "mine.json");
        var shape = catalog.Get("tiny").Shape;
        shape.Norm.Should().Be(NormKind.LayerNorm);
        shape.Biases.Should().Be(BiasTerms.QueryKeyValue | BiasTerms.AttentionOutput);
    }

    [Theory]
    [InlineData("{ not json", "not valid JSON")]
    [InlineData("""{ "presets": [ { "id": "x", "name": "X", "source": "s", "statedParameters": 1, "statedParametersSource": "s", "shape": { "layers": 2 } } ] }""", "shape.modelWidth")]
    [InlineData("""{ "presets": [ { "id": "x", "name": "X", "source": "s", "statedParameters": 1, "statedParametersSource": "s", "shape": { "layers": 2, "modelWidth": 8, "heads": 2, "feedForwardWidth": 8, "vocabularySize": 8, "contextLength": 8, "norm": "batch" } } ] }""", "shape.norm")]
    public void A_bad_user_catalog_fails_naming_the_file_and_the_field(string json, string expected)
    {
        var act = () => ModelCatalog.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), "mine.json");
        act.Should().Throw<ArgumentException>().WithMessage("*mine.json*").WithMessage($"*{expected}*");
    }
}
