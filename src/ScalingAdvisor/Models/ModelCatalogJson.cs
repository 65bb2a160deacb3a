using System.Globalization;
using System.Text.Json;
using ScalingAdvisor.Catalogs;

namespace ScalingAdvisor.Models;

// Implementation note: the DTOs mirror the file format (read by ModelPresetJson below, without reflection, so the
// library stays AOT- and trim-compatible) and are mapped to the public records with explicit checks, so a bad user
// catalog fails with a message naming the entry and the field.

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

    public double? StatedActiveParameters { get; set; }

    public string? StatedActiveParametersSource { get; set; }

    public bool StatedActiveExcludesEmbedding { get; set; }

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

/// <summary>
/// Reads the preset DTOs from a parsed entry, field by field (names as in the file, camelCase), with messages that name
/// the file, the entry and the field.
/// </summary>
/// <remarks>
/// Implementation note (session 15, start-up): this replaced a source-generated System.Text.Json context. Under Native
/// AOT the serializer's metadata set-up for these three types (about 50 properties) cost more than reading the preset
/// a query asks for; <see cref="CatalogFields"/> over <see cref="JsonElement"/> is how the hardware and region
/// catalogs are read too.
/// </remarks>
internal static class ModelPresetJson
{
    /// <summary>The preset in <paramref name="entry"/>, or null when the entry is not a JSON object.</summary>
    public static ModelPresetDocument? Read(JsonElement entry, string origin, int index)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var unnamed = new CatalogFields(entry, origin, "#" + index.ToString(CultureInfo.InvariantCulture));
        var fields = unnamed.String("id") is { } id && !string.IsNullOrWhiteSpace(id) ? unnamed.ForEntry(id) : unnamed;
        return new ModelPresetDocument
        {
            Id = fields.String("id"),
            Name = fields.String("name"),
            Source = fields.String("source"),
            ExactShape = fields.Boolean("exactShape"),
            StatedParameters = fields.Number("statedParameters"),
            StatedParametersSource = fields.String("statedParametersSource"),
            Notes = fields.String("notes"),
            TrainingSequenceLength = fields.Integer("trainingSequenceLength"),
            TrainingSequenceLengthSource = fields.String("trainingSequenceLengthSource"),
            StatedActiveParameters = fields.Number("statedActiveParameters"),
            StatedActiveParametersSource = fields.String("statedActiveParametersSource"),
            StatedActiveExcludesEmbedding = fields.Boolean("statedActiveExcludesEmbedding"),
            Shape = fields.Object("shape") is { } shape ? ReadShape(shape) : null,
        };

        ShapeDocument ReadShape(CatalogFields s) => new()
        {
            Layers = s.Integer("layers"),
            ModelWidth = s.Integer("modelWidth"),
            Heads = s.Integer("heads"),
            KeyValueHeads = s.Integer("keyValueHeads"),
            HeadWidth = s.Integer("headWidth"),
            FeedForwardWidth = s.Integer("feedForwardWidth"),
            VocabularySize = s.Integer("vocabularySize"),
            ContextLength = s.Integer("contextLength"),
            GatedFeedForward = s.Boolean("gatedFeedForward"),
            Biases = s.String("biases"),
            Norm = s.String("norm"),
            Positions = s.String("positions"),
            TiedEmbeddings = s.Boolean("tiedEmbeddings"),
            ParallelResidual = s.Boolean("parallelResidual"),
            Experts = s.Integer("experts"),
            ActiveExperts = s.Integer("activeExperts"),
            ExpertWidth = s.Integer("expertWidth"),
            SharedExperts = s.Integer("sharedExperts"),
            SharedExpertWidth = s.Integer("sharedExpertWidth"),
            SharedExpertGate = s.Boolean("sharedExpertGate"),
            RouterBias = s.Boolean("routerBias"),
            FirstDenseLayers = s.Integer("firstDenseLayers"),
            ExpertLayerInterval = s.Integer("expertLayerInterval"),
            SlidingWindow = s.Integer("slidingWindow"),
            GlobalAttentionInterval = s.Integer("globalAttentionInterval"),
            AttentionSinks = s.Boolean("attentionSinks"),
            LatentAttention = s.Object("latentAttention") is { } latent ? ReadLatentAttention(latent) : null,
            NormPlacement = s.String("normPlacement"),
            QueryKeyNorm = s.String("queryKeyNorm"),
            EmbeddingNorm = s.Boolean("embeddingNorm"),
            FinalNorm = s.NullableBoolean("finalNorm"),
            EmbeddingWidth = s.Integer("embeddingWidth"),
            LearnedPositionOffset = s.Integer("learnedPositionOffset"),
            MultiTokenPredictionModules = s.Integer("multiTokenPredictionModules"),
        };

        LatentAttentionDocument ReadLatentAttention(CatalogFields a) => new()
        {
            QueryLatentRank = a.Integer("queryLatentRank"),
            KeyValueLatentRank = a.Integer("keyValueLatentRank"),
            NonRotaryHeadWidth = a.Integer("nonRotaryHeadWidth"),
            RotaryHeadWidth = a.Integer("rotaryHeadWidth"),
            ValueHeadWidth = a.Integer("valueHeadWidth"),
        };
    }
}
