using System.Text.Json;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Models;

/// <summary>
/// A set of <see cref="ModelPreset"/>s looked up by id. <see cref="BuiltIn"/> is the embedded
/// <c>presets.catalog.json</c> (loaded once, on first use); users can load their own catalogs in the same format
/// with <see cref="Load(Stream, string)"/> or <see cref="LoadFile"/>.
/// </summary>
public sealed class ModelCatalog
{
    private static readonly Lazy<ModelCatalog> BuiltInCatalog = new(LoadBuiltIn, LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly Dictionary<string, ModelPreset> _byId;

    private ModelCatalog(IReadOnlyList<ModelPreset> presets)
    {
        Presets = presets;
        _byId = presets.ToDictionary(p => p.Id, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The built-in presets (GPT-2, GPT-3, Gopher, Chinchilla, LLaMA 1/2/3, Mistral, Mixtral), each with its source.</summary>
    public static ModelCatalog BuiltIn => BuiltInCatalog.Value;

    /// <summary>The presets in catalog order.</summary>
    public IReadOnlyList<ModelPreset> Presets { get; }

    /// <summary>The preset ids in catalog order.</summary>
    public IReadOnlyList<string> Ids => Presets.Select(p => p.Id).ToArray();

    /// <summary>Finds a preset by id (case-insensitive).</summary>
    /// <param name="id">The preset id, e.g. <c>llama-2-7b</c>.</param>
    /// <returns>The preset.</returns>
    /// <exception cref="ArgumentException">No preset has this id; the message lists the valid ids.</exception>
    public ModelPreset Get(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return TryGet(id, out var preset)
            ? preset
            : throw Catalogs.IdSuggestions.Unknown("model preset", id, Ids);
    }

    /// <summary>Finds a preset by id (case-insensitive) without throwing.</summary>
    /// <param name="id">The preset id.</param>
    /// <param name="preset">The preset when found.</param>
    /// <returns>True when found.</returns>
    public bool TryGet(string id, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out ModelPreset preset)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _byId.TryGetValue(id, out preset);
    }

    /// <summary>Reads a catalog in the format of the built-in <c>presets.catalog.json</c>.</summary>
    /// <param name="json">The catalog's UTF-8 JSON.</param>
    /// <param name="origin">Where the JSON comes from (a file name), for error messages.</param>
    /// <returns>The catalog.</returns>
    /// <exception cref="ArgumentException">The JSON is malformed, an entry lacks a field or has an invalid value, or an id repeats.</exception>
    public static ModelCatalog Load(Stream json, string origin = "model catalog")
    {
        ArgumentNullException.ThrowIfNull(json);
        ModelCatalogDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(json, ModelCatalogJsonContext.Default.ModelCatalogDocument);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"{origin}: malformed JSON ({ex.Message}).", nameof(json), ex);
        }

        return FromDocument(document, origin, nameof(json));
    }

    /// <summary>Maps the catalog's file format to presets, with checks that name the entry and the field.</summary>
    /// <param name="document">The deserialised file.</param>
    /// <param name="origin">The file's name, for messages.</param>
    /// <param name="paramName">The public parameter the file came in through, for <see cref="ArgumentException.ParamName"/>.</param>
    private static ModelCatalog FromDocument(ModelCatalogDocument? document, string origin, string paramName)
    {
        if (Inputs.SchemaVersions.Problem(document?.SchemaVersion, origin) is { } versionProblem)
        {
            throw new ArgumentException(versionProblem, paramName);
        }

        if (document?.Presets is not { Count: > 0 } entries)
        {
            throw new ArgumentException($"{origin}: no 'presets' array.", paramName);
        }

        var presets = new List<ModelPreset>(entries.Count);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in entries)
        {
            var preset = ToPreset(entry, origin);
            if (!seen.Add(preset.Id))
            {
                throw new ArgumentException($"{origin}: the preset id '{preset.Id}' appears twice.", paramName);
            }

            presets.Add(preset);
        }

        return new ModelCatalog(presets);
    }

    /// <summary>Reads a catalog file in the format of the built-in <c>presets.catalog.json</c>.</summary>
    /// <param name="path">The file's path.</param>
    /// <returns>The catalog.</returns>
    /// <exception cref="ArgumentException">The file cannot be read, or its content is invalid; the message names the file.</exception>
    public static ModelCatalog LoadFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Stream stream;
        try
        {
            stream = Inputs.InputFiles.OpenRead(path, "model catalog");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"Cannot read the model catalog '{path}': {ex.Message}", nameof(path), ex);
        }

        using (stream)
        {
            return Load(stream, path);
        }
    }

    // Implementation note (issue 7, start-up): the built-in presets are presets.catalog.json compiled into
    // BuiltInPresetTable.cs as the same file-format objects the JSON deserialises to, mapped by the same checks.
    // Deserialising the JSON with source-generated System.Text.Json JIT-compiled ~225 methods (its metadata generics
    // over int?, double? and bool) on every CLI query that names a --model. The JSON stays the source of truth (still
    // embedded); a test holds the compiled table to it and regenerates it.
    private static ModelCatalog LoadBuiltIn() => FromDocument(BuiltInPresetTable.Create(), "presets.catalog.json", "BuiltIn");

    private static ModelPreset ToPreset(ModelPresetDocument entry, string origin)
    {
        string id = Required(entry.Id, "id", origin, "?");
        string where = $"{origin}, preset '{id}'";
        var shapeDocument = entry.Shape ?? throw new ArgumentException($"{where}: missing 'shape'.", nameof(entry));
        TransformerShape shape;
        try
        {
            shape = ToShape(shapeDocument, where);
        }
        catch (ArgumentException ex) when (!ex.Message.StartsWith(where, StringComparison.Ordinal))
        {
            throw new ArgumentException($"{where}: {ex.Message}", nameof(entry), ex);
        }

        double stated = entry.StatedParameters ?? throw new ArgumentException($"{where}: missing 'statedParameters'.", nameof(entry));
        if (entry.TrainingSequenceLength is int length && (length < 1 || string.IsNullOrWhiteSpace(entry.TrainingSequenceLengthSource)))
        {
            throw new ArgumentException(
                $"{where}: 'trainingSequenceLength' must be at least 1 and come with its 'trainingSequenceLengthSource'.", nameof(entry));
        }

        if (entry.TrainingSequenceLength is null && entry.TrainingSequenceLengthSource is not null)
        {
            throw new ArgumentException($"{where}: 'trainingSequenceLengthSource' without 'trainingSequenceLength'.", nameof(entry));
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
            entry.TrainingSequenceLengthSource);
    }

    private static TransformerShape ToShape(ShapeDocument s, string where)
    {
        var shape = new TransformerShape
        {
            Layers = s.Layers ?? throw Missing("layers"),
            ModelWidth = s.ModelWidth ?? throw Missing("modelWidth"),
            Heads = s.Heads ?? throw Missing("heads"),
            FeedForwardWidth = s.FeedForwardWidth ?? throw Missing("feedForwardWidth"),
            VocabularySize = s.VocabularySize ?? throw Missing("vocabularySize"),
            ContextLength = s.ContextLength ?? throw Missing("contextLength"),
            GatedFeedForward = s.GatedFeedForward,
            Biases = ParseEnum<BiasTerms>(s.Biases, "biases", BiasTerms.None),
            Norm = ParseEnum<NormKind>(s.Norm, "norm", NormKind.RmsNorm),
            Positions = ParseEnum<PositionEncoding>(s.Positions, "positions", PositionEncoding.Rotary),
            TiedEmbeddings = s.TiedEmbeddings,
            ParallelResidual = s.ParallelResidual,
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

        return shape.Validate();

        ArgumentException Missing(string field) => new($"{where}: missing 'shape.{field}'.", nameof(s));

        // The non-generic Enum.TryParse: the generic one is a framework instantiation over our enums that ReadyToRun
        // cannot precompile (issue 7, start-up).
        T ParseEnum<T>(string? text, string field, T fallback)
            where T : struct, Enum
            => text is null ? fallback
                : Enum.TryParse(typeof(T), text, ignoreCase: true, out object? value) && !int.TryParse(text, out _) ? (T)value!
                : throw new ArgumentException($"{where}: 'shape.{field}' is '{text}', expected one of {string.Join(", ", Enum.GetNames<T>())}.", nameof(s));
    }

    private static string Required(string? value, string field, string origin, string id)
        => string.IsNullOrWhiteSpace(value)
            ? throw new ArgumentException($"{origin}, preset '{id}': missing '{field}'.", nameof(value))
            : value;
}
