using System.Text.Json.Serialization;

namespace ScalingAdvisor.Models;

// Implementation note: the catalog is read through source-generated System.Text.Json (the library is AOT- and
// trim-compatible, so reflection-based deserialisation is not an option). The DTOs mirror the file format and
// are mapped to the public records with explicit checks, so a bad user catalog fails with a message naming the
// entry and the field.

internal sealed class ModelCatalogDocument
{
    public double? SchemaVersion { get; set; }

    public List<ModelPresetDocument>? Presets { get; set; }
}

internal sealed class ModelPresetDocument
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? Source { get; set; }

    public bool ExactShape { get; set; }

    public double? StatedParameters { get; set; }

    public string? StatedParametersSource { get; set; }

    public string? Notes { get; set; }

    public int? TrainingSequenceLength { get; set; }

    public string? TrainingSequenceLengthSource { get; set; }

    public ShapeDocument? Shape { get; set; }
}

internal sealed class ShapeDocument
{
    public int? Layers { get; set; }

    public int? ModelWidth { get; set; }

    public int? Heads { get; set; }

    public int? KeyValueHeads { get; set; }

    public int? HeadWidth { get; set; }

    public int? FeedForwardWidth { get; set; }

    public int? VocabularySize { get; set; }

    public int? ContextLength { get; set; }

    public bool GatedFeedForward { get; set; }

    public string? Biases { get; set; }

    public string? Norm { get; set; }

    public string? Positions { get; set; }

    public bool TiedEmbeddings { get; set; }

    public bool ParallelResidual { get; set; }

    public int? Experts { get; set; }

    public int? ActiveExperts { get; set; }

    public int? ExpertWidth { get; set; }

    public int? SharedExperts { get; set; }

    public int? SharedExpertWidth { get; set; }

    public bool SharedExpertGate { get; set; }

    public bool RouterBias { get; set; }

    public int? FirstDenseLayers { get; set; }

    public int? ExpertLayerInterval { get; set; }

    public int? SlidingWindow { get; set; }

    public int? GlobalAttentionInterval { get; set; }

    public bool AttentionSinks { get; set; }

    public LatentAttentionDocument? LatentAttention { get; set; }

    public string? NormPlacement { get; set; }

    public string? QueryKeyNorm { get; set; }

    public bool EmbeddingNorm { get; set; }

    public bool? FinalNorm { get; set; }

    public int? EmbeddingWidth { get; set; }

    public int? LearnedPositionOffset { get; set; }

    public int? MultiTokenPredictionModules { get; set; }
}

internal sealed class LatentAttentionDocument
{
    public int? QueryLatentRank { get; set; }

    public int? KeyValueLatentRank { get; set; }

    public int? NonRotaryHeadWidth { get; set; }

    public int? RotaryHeadWidth { get; set; }

    public int? ValueHeadWidth { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(ModelCatalogDocument))]
internal sealed partial class ModelCatalogJsonContext : JsonSerializerContext
{
}
