using System.Text.Json;
using ScalingAdvisor.Catalogs;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Models;

/// <summary>
/// A set of <see cref="ModelPreset"/>s looked up by id. <see cref="BuiltIn"/> is the embedded
/// <c>presets.catalog.json</c> (loaded once, on first use); users can load their own catalogs in the same format
/// with <see cref="Load(Stream, string)"/> or <see cref="LoadFile"/>.
/// </summary>
public sealed class ModelCatalog : Catalog<ModelPreset>
{
    private const string BuiltInFile = "presets.catalog.json";
    private const string EntryKind = "model preset";

    private static readonly Lazy<ModelCatalog> BuiltInCatalog = new(
        () => ReadBuiltIn(BuiltInFile, "presets", ReadBuiltInPreset, entries => new ModelCatalog(entries), Load),
        LazyThreadSafetyMode.ExecutionAndPublication);

    private ModelCatalog(List<ModelPreset> presets, string fileName)
        : base(EntryKind, presets, fileName)
    {
    }

    private ModelCatalog(BuiltInEntries<ModelPreset> builtIn)
        : base(EntryKind, builtIn)
    {
    }

    /// <summary>
    /// The built-in presets (the embedded catalog's ids read on first use, each preset when first asked for), each with its source: GPT-2, GPT-3, Gopher, Chinchilla, LLaMA 1/2/3, Mistral and Mixtral, and the
    /// open models of 2024-25 (DeepSeek-V3, Kimi K2, Qwen3, gpt-oss, Gemma 3, Llama 3.2, Llama 4, Phi-4, OLMo 2, Mistral Small
    /// and NeMo).
    /// </summary>
    public static ModelCatalog BuiltIn => BuiltInCatalog.Value;

    /// <summary>The presets in catalog order; the same as <see cref="Catalog{T}.Entries"/>.</summary>
    public IReadOnlyList<ModelPreset> Presets => Entries;

    /// <summary>Reads a catalog in the format of the built-in <c>presets.catalog.json</c>.</summary>
    /// <param name="json">The catalog's UTF-8 JSON.</param>
    /// <param name="origin">Where the JSON comes from (a file name), for error messages.</param>
    /// <returns>The catalog.</returns>
    /// <exception cref="CatalogFormatException">The JSON is malformed, an entry lacks a field or has an invalid value, or an id repeats; the message names the file, the entry and the field.</exception>
    public static ModelCatalog Load(Stream json, string origin = "model catalog")
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentException.ThrowIfNullOrWhiteSpace(origin);
        using var document = CatalogJson.Parse(json, origin);
        var presets = new List<ModelPreset>();
        foreach (var entry in CatalogJson.Entries(document, "presets", origin))
        {
            presets.Add(ToPreset(ModelPresetJson.Read(entry, origin, presets.Count), origin, presets.Count));
        }

        if (presets.Count == 0)
        {
            throw new CatalogFormatException(origin, null, "presets", "the file should be a JSON object with a non-empty array \"presets\".");
        }

        return new ModelCatalog(presets, origin);
    }

    /// <summary>Reads a catalog file in the format of the built-in <c>presets.catalog.json</c>.</summary>
    /// <param name="path">The file's path.</param>
    /// <returns>The catalog.</returns>
    /// <exception cref="ArgumentException">The file cannot be read, is larger than <see cref="Inputs.InputLimits.MaxFileBytes"/>, or its content is invalid; the message names the file.</exception>
    public static ModelCatalog LoadFile(string path) => ReadFile(path, "model preset", Load);

    private static ModelPreset ReadBuiltInPreset(JsonElement entry, int index)
        => ToPreset(ModelPresetJson.Read(entry, BuiltInFile, index), BuiltInFile, index);

    private static ModelPreset ToPreset(ModelPresetDocument? entry, string origin, int index)
    {
        string entryName = "#" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (entry is null)
        {
            throw new CatalogFormatException(origin, entryName, null, "each preset should be a JSON object.");
        }

        string id = Required(entry.Id, "id", origin, entryName);
        var shapeDocument = entry.Shape ?? throw Missing(origin, id, "shape");
        TransformerShape shape;
        try
        {
            shape = ToShape(shapeDocument, origin, id);
        }
        catch (ArgumentException ex) when (ex is not CatalogFormatException)
        {
            throw new CatalogFormatException(origin, id, "shape", ex.Message, ex);
        }

        double stated = entry.StatedParameters ?? throw Missing(origin, id, "statedParameters");
        if (entry.TrainingSequenceLength is int length && (length < 1 || string.IsNullOrWhiteSpace(entry.TrainingSequenceLengthSource)))
        {
            throw new CatalogFormatException(origin, id, "trainingSequenceLength",
                "must be at least 1 and come with its 'trainingSequenceLengthSource'.");
        }

        if (entry.TrainingSequenceLength is null && entry.TrainingSequenceLengthSource is not null)
        {
            throw new CatalogFormatException(origin, id, "trainingSequenceLengthSource", "given without 'trainingSequenceLength'.");
        }

        if (entry.StatedActiveParameters is double active
            && (!double.IsFinite(active) || active < 1 || string.IsNullOrWhiteSpace(entry.StatedActiveParametersSource)))
        {
            throw new CatalogFormatException(origin, id, "statedActiveParameters",
                "must be a finite count of at least 1 and come with its 'statedActiveParametersSource'.");
        }

        if (entry.StatedActiveParameters is null && (entry.StatedActiveParametersSource is not null || entry.StatedActiveExcludesEmbedding))
        {
            throw new CatalogFormatException(origin, id, "statedActiveParametersSource", "given without 'statedActiveParameters'.");
        }

        return new ModelPreset(
            id,
            Required(entry.Name, "name", origin, id),
            shape,
            Required(entry.Source, "source", origin, id),
            entry.ExactShape,
            ParameterCount.FromCount(stated),
            Required(entry.StatedParametersSource, "statedParametersSource", origin, id),
            entry.Notes ?? string.Empty,
            entry.TrainingSequenceLength,
            entry.TrainingSequenceLengthSource,
            entry.StatedActiveParameters is double statedActive ? ParameterCount.FromCount(statedActive) : null,
            entry.StatedActiveParametersSource,
            entry.StatedActiveExcludesEmbedding);
    }

    private static TransformerShape ToShape(ShapeDocument s, string origin, string id)
    {
        var shape = new TransformerShape
        {
            Layers = s.Layers ?? throw Missing(origin, id, "shape.layers"),
            ModelWidth = s.ModelWidth ?? throw Missing(origin, id, "shape.modelWidth"),
            Heads = s.Heads ?? throw Missing(origin, id, "shape.heads"),
            FeedForwardWidth = s.FeedForwardWidth ?? throw Missing(origin, id, "shape.feedForwardWidth"),
            VocabularySize = s.VocabularySize ?? throw Missing(origin, id, "shape.vocabularySize"),
            ContextLength = s.ContextLength ?? throw Missing(origin, id, "shape.contextLength"),
            GatedFeedForward = s.GatedFeedForward,
            Biases = ParseEnum(s.Biases, "biases", BiasTerms.None),
            Norm = ParseEnum(s.Norm, "norm", NormKind.RmsNorm),
            Positions = ParseEnum(s.Positions, "positions", PositionEncoding.Rotary),
            TiedEmbeddings = s.TiedEmbeddings,
            ParallelResidual = s.ParallelResidual,
            SharedExperts = s.SharedExperts ?? 0,
            SharedExpertGate = s.SharedExpertGate,
            RouterBias = s.RouterBias,
            FirstDenseLayers = s.FirstDenseLayers ?? 0,
            ExpertLayerInterval = s.ExpertLayerInterval ?? 1,
            SlidingWindow = s.SlidingWindow,
            GlobalAttentionInterval = s.GlobalAttentionInterval,
            AttentionSinks = s.AttentionSinks,
            LatentAttention = s.LatentAttention is { } mla ? new LatentAttention
            {
                QueryLatentRank = mla.QueryLatentRank,
                KeyValueLatentRank = mla.KeyValueLatentRank ?? throw Missing(origin, id, "shape.latentAttention.keyValueLatentRank"),
                NonRotaryHeadWidth = mla.NonRotaryHeadWidth ?? throw Missing(origin, id, "shape.latentAttention.nonRotaryHeadWidth"),
                RotaryHeadWidth = mla.RotaryHeadWidth ?? throw Missing(origin, id, "shape.latentAttention.rotaryHeadWidth"),
                ValueHeadWidth = mla.ValueHeadWidth ?? throw Missing(origin, id, "shape.latentAttention.valueHeadWidth"),
            } : null,
            NormPlacement = ParseEnum(s.NormPlacement, "normPlacement", NormPlacement.Pre),
            QueryKeyNorm = ParseEnum(s.QueryKeyNorm, "queryKeyNorm", QueryKeyNorm.None),
            EmbeddingNorm = s.EmbeddingNorm,
            FinalNorm = s.FinalNorm ?? true,
            LearnedPositionOffset = s.LearnedPositionOffset ?? 0,
            MultiTokenPredictionModules = s.MultiTokenPredictionModules ?? 0,
        };
        if (s.KeyValueHeads is int kv)
        {
            shape = shape with { KeyValueHeads = kv };
        }

        if (s.HeadWidth is int hw)
        {
            shape = shape with { HeadWidth = hw };
        }

        if (s.Experts is int e)
        {
            shape = shape with { Experts = e };
        }

        if (s.ActiveExperts is int k)
        {
            shape = shape with { ActiveExperts = k };
        }

        if (s.ExpertWidth is int expertWidth)
        {
            shape = shape with { ExpertWidth = expertWidth };
        }

        if (s.SharedExpertWidth is int sharedWidth)
        {
            shape = shape with { SharedExpertWidth = sharedWidth };
        }

        if (s.EmbeddingWidth is int embeddingWidth)
        {
            shape = shape with { EmbeddingWidth = embeddingWidth };
        }

        return shape.Validate();

        T ParseEnum<T>(string? text, string field, T fallback)
            where T : struct, Enum
            => text is null ? fallback
                : Enum.TryParse(text, ignoreCase: true, out T value) && !int.TryParse(text, out _) ? value
                : throw new CatalogFormatException(origin, id, "shape." + field,
                    $"is '{text}', expected one of {string.Join(", ", Enum.GetNames<T>())}.");
    }

    private static CatalogFormatException Missing(string origin, string id, string field) => new(origin, id, field, "the field is missing.");

    private static string Required(string? value, string field, string origin, string entry)
        => string.IsNullOrWhiteSpace(value) ? throw Missing(origin, entry, field) : value;
}
