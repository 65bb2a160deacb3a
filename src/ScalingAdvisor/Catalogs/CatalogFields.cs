using System.Text.Json;

namespace ScalingAdvisor.Catalogs;

/// <summary>
/// The optional, typed fields of one JSON object of a catalog entry (nested objects too, their fields named
/// <c>outer.inner</c>): a missing or null field reads as null (false for a flag), a field of the wrong type fails with
/// a <see cref="CatalogFormatException"/> that names the file, the entry and the field.
/// </summary>
internal readonly struct CatalogFields
{
    private readonly JsonElement _object;
    private readonly string _fileName;
    private readonly string _entry;
    private readonly string _prefix;

    /// <summary>The fields of <paramref name="obj"/> (a JSON object) of entry <paramref name="entry"/> in <paramref name="fileName"/>.</summary>
    public CatalogFields(JsonElement obj, string fileName, string entry)
        : this(obj, fileName, entry, "")
    {
    }

    private CatalogFields(JsonElement obj, string fileName, string entry, string prefix)
    {
        _object = obj;
        _fileName = fileName;
        _entry = entry;
        _prefix = prefix;
    }

    /// <summary>The same fields, with messages naming the entry <paramref name="entry"/> (its id, once read).</summary>
    public CatalogFields ForEntry(string entry) => new(_object, _fileName, entry, _prefix);

    public string? String(string name)
        => Value(name) is not { } value ? null
            : value.ValueKind == JsonValueKind.String ? value.GetString()
            : throw Wrong(name, "should be a string");

    public int? Integer(string name)
        => Value(name) is not { } value ? null
            : value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int number) ? number
            : throw Wrong(name, "should be a whole number");

    public double? Number(string name)
        => Value(name) is not { } value ? null
            : value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double number) ? number
            : throw Wrong(name, "should be a number");

    public bool? NullableBoolean(string name)
        => Value(name) is not { } value ? null
            : value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean()
            : throw Wrong(name, "should be true or false");

    /// <summary>A flag: false when missing or null.</summary>
    public bool Boolean(string name) => NullableBoolean(name) ?? false;

    /// <summary>The fields of the nested object <paramref name="name"/>, or null when it is missing or null.</summary>
    public CatalogFields? Object(string name)
        => Value(name) is not { } value ? null
            : value.ValueKind == JsonValueKind.Object ? new CatalogFields(value, _fileName, _entry, _prefix + name + ".")
            : throw Wrong(name, "should be a JSON object");

    private JsonElement? Value(string name)
        => _object.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private CatalogFormatException Wrong(string name, string expected)
        => new(_fileName, _entry, _prefix + name, $"{expected} but was {CatalogJson.Describe(_object.GetProperty(name))}.");
}
