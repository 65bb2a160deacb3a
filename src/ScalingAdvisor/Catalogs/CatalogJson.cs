using System.Globalization;
using System.Text.Json;

namespace ScalingAdvisor.Catalogs;

/// <summary>
/// Helpers shared by the catalogs read through <see cref="JsonDocument"/> (hardware, regions), with error messages
/// that name the file, the entry and the field.
/// </summary>
// Implementation note: JsonDocument (not reflection-based JsonSerializer) keeps the library trim- and
// AOT-safe and lets every error say exactly which entry and field is wrong.
internal static class CatalogJson
{
    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>The parse options of catalog files (comments and trailing commas allowed).</summary>
    public static JsonDocumentOptions DocumentOptions => Options;

    /// <summary>Parses a whole catalog document; malformed JSON becomes a <see cref="CatalogFormatException"/> with the line.</summary>
    public static JsonDocument Parse(Stream utf8Json, string fileName)
    {
        try
        {
            return JsonDocument.Parse(utf8Json, Options);
        }
        catch (JsonException ex)
        {
            throw NotJson(fileName, ex);
        }
    }

    /// <summary>The error for JSON that does not parse, naming the line and byte.</summary>
    public static CatalogFormatException NotJson(string fileName, JsonException ex)
        => new(fileName, null, null,
            $"not valid JSON (line {(ex.LineNumber + 1 ?? 0).ToString(CultureInfo.InvariantCulture)}, byte {(ex.BytePositionInLine ?? 0).ToString(CultureInfo.InvariantCulture)}): {ex.Message}", ex);

    public static JsonElement.ArrayEnumerator Entries(JsonDocument document, string arrayName, string fileName)
    {
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("schemaVersion", out var version)
            && Inputs.SchemaVersions.Problem(version.ValueKind == JsonValueKind.Number && version.TryGetDouble(out var v) ? v : double.NaN, null) is { } problem)
        {
            throw new CatalogFormatException(fileName, null, "schemaVersion", problem);
        }

        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty(arrayName, out var array)
            || array.ValueKind != JsonValueKind.Array)
        {
            throw new CatalogFormatException(fileName, null, arrayName,
                $"the file should be a JSON object with an array \"{arrayName}\".");
        }

        return array.EnumerateArray();
    }

    public static string RequiredString(JsonElement entry, string field, string fileName, string entryName)
    {
        if (!entry.TryGetProperty(field, out var value))
        {
            throw new CatalogFormatException(fileName, entryName, field, "the field is missing.");
        }

        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            throw new CatalogFormatException(fileName, entryName, field, "should be a non-empty string.");
        }

        return value.GetString()!.Trim();
    }

    public static string? OptionalString(JsonElement entry, string field, string fileName, string entryName)
    {
        if (!entry.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new CatalogFormatException(fileName, entryName, field, "should be a string.");
    }

    /// <summary>Reads a finite number &gt; 0 (or ≥ 0 when <paramref name="allowZero"/>).</summary>
    public static double Number(JsonElement value, string field, string fileName, string entryName, bool allowZero = false)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            throw new CatalogFormatException(fileName, entryName, field, $"should be a number but was {Describe(value)}.");
        }

        if (number < 0 || (!allowZero && number == 0))
        {
            throw new CatalogFormatException(fileName, entryName, field,
                $"should be {(allowZero ? "≥ 0" : "> 0")} but was {number.ToString("R", CultureInfo.InvariantCulture)}.");
        }

        return number;
    }

    public static int Year(JsonElement value, string field, string fileName, string entryName)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var year) || year < 1900 || year > 2200)
        {
            throw new CatalogFormatException(fileName, entryName, field, $"should be a year such as 2023 but was {Describe(value)}.");
        }

        return year;
    }

    /// <summary>
    /// Reads a sourced number: either a bare number, or an object
    /// <c>{ "value": 312, "source": "...", "year": 2021 }</c>. Returns the value and its provenance (null for a bare number).
    /// </summary>
    public static (double Value, Provenance? Provenance) SourcedNumber(JsonElement value, string field, string fileName, string entryName, bool allowZero = false)
    {
        if (value.ValueKind == JsonValueKind.Number)
        {
            return (Number(value, field, fileName, entryName, allowZero), null);
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new CatalogFormatException(fileName, entryName, field,
                $"should be a number or an object {{\"value\", \"source\", \"year\"}} but was {Describe(value)}.");
        }

        if (!value.TryGetProperty("value", out var inner))
        {
            throw new CatalogFormatException(fileName, entryName, field + ".value", "the field is missing.");
        }

        var number = Number(inner, field + ".value", fileName, entryName, allowZero);
        var source = OptionalString(value, "source", fileName, entryName);
        int? year = value.TryGetProperty("year", out var yearElement) && yearElement.ValueKind != JsonValueKind.Null
            ? Year(yearElement, field + ".year", fileName, entryName)
            : null;
        if ((source is null) != (year is null))
        {
            throw new CatalogFormatException(fileName, entryName, field,
                "a source needs a year and a year needs a source; give both or neither.");
        }

        return (number, source is null ? null : new Provenance(source, year!.Value));
    }

    internal static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{value.GetString()}\"",
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => "null",
    };
}
