using System.Text;
using ScalingAdvisor.Models;

namespace ScalingAdvisor.Tests.Models;

public class ModelCatalogTests
{
    private static readonly string[] RequiredIds =
    [
        "gpt2", "gpt2-medium", "gpt2-large", "gpt2-xl", "gpt3-175b", "chinchilla-70b", "gopher-280b", "llama-7b", "llama-13b",
        "llama-33b", "llama-65b", "llama-2-7b", "llama-2-13b", "llama-2-70b", "llama-3-8b", "llama-3-70b", "llama-3.1-405b",
        "mistral-7b", "mixtral-8x7b",
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
    [InlineData("{ not json", "malformed")]
    [InlineData("""{ "presets": [ { "id": "x", "name": "X", "source": "s", "statedParameters": 1, "statedParametersSource": "s", "shape": { "layers": 2 } } ] }""", "shape.modelWidth")]
    [InlineData("""{ "presets": [ { "id": "x", "name": "X", "source": "s", "statedParameters": 1, "statedParametersSource": "s", "shape": { "layers": 2, "modelWidth": 8, "heads": 2, "feedForwardWidth": 8, "vocabularySize": 8, "contextLength": 8, "norm": "batch" } } ] }""", "shape.norm")]
    public void A_bad_user_catalog_fails_naming_the_file_and_the_field(string json, string expected)
    {
        var act = () => ModelCatalog.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), "mine.json");
        act.Should().Throw<ArgumentException>().WithMessage("*mine.json*").WithMessage($"*{expected}*");
    }
}
