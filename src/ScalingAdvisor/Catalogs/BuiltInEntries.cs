using System.Text.Json;

namespace ScalingAdvisor.Catalogs;

/// <summary>
/// A built-in catalog's entries, read on demand: the embedded JSON is scanned once for the entries' ids and byte
/// ranges, and an entry is parsed (by the same per-entry reader as users' files) only when it is first asked for.
/// </summary>
/// <typeparam name="T">The entry type.</typeparam>
/// <remarks>
/// Implementation note (issue 15, start-up): a what-if query needs one device, preset or region, and parsing the
/// whole catalog (40 presets, 21 devices with sources and fabric fields) was most of what <c>time</c>,
/// <c>memory train --model</c> and <c>levers</c> did beyond the process start. The id scan reads tokens without
/// building anything but the id strings. When the scan does not understand the file (a packaging bug, since the
/// built-in files are tested), the catalog's whole-file reader runs instead, so its message names the problem.
/// </remarks>
internal sealed class BuiltInEntries<T>
    where T : class, ICatalogEntry
{
    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    private readonly byte[] _json;
    private readonly Range[] _ranges;
    private readonly T?[] _parsed;
    private readonly Func<ReadOnlyMemory<byte>, int, T> _readEntry;
    private readonly Dictionary<string, int> _indexById;
    private readonly object _gate = new(); // not System.Threading.Lock: the library also targets net8.0

    private BuiltInEntries(byte[] json, List<(string Id, Range Range)> scanned, Func<ReadOnlyMemory<byte>, int, T> readEntry)
    {
        _json = json;
        _readEntry = readEntry;
        _ranges = new Range[scanned.Count];
        _parsed = new T?[scanned.Count];
        _indexById = new Dictionary<string, int>(scanned.Count, StringComparer.OrdinalIgnoreCase);
        var ids = new string[scanned.Count];
        for (int i = 0; i < scanned.Count; i++)
        {
            (ids[i], _ranges[i]) = scanned[i];
            _indexById.Add(ids[i], i);
        }

        Ids = ids;
    }

    /// <summary>The ids, in file order.</summary>
    public IReadOnlyList<string> Ids { get; }

    /// <summary>
    /// Opens the embedded <paramref name="fileName"/>: its entries, read on demand, or (when the id scan does not
    /// understand the file) null after <paramref name="readWhole"/> has read it, which then throws or returns the
    /// catalog to use.
    /// </summary>
    /// <param name="fileName">The embedded catalog, e.g. <c>hardware.catalog.json</c>.</param>
    /// <param name="arrayName">The top-level array that holds the entries, e.g. <c>accelerators</c>.</param>
    /// <param name="readEntry">Reads one entry from its UTF-8 JSON object, given its index in the array (for messages).</param>
    /// <param name="readWhole">The whole-file reader of users' files.</param>
    /// <param name="whole">The whole-file reader's catalog, when the scan fell back to it.</param>
    public static BuiltInEntries<T>? Open<TCatalog>(
        string fileName,
        string arrayName,
        Func<ReadOnlyMemory<byte>, int, T> readEntry,
        Func<Stream, string, TCatalog> readWhole,
        out TCatalog? whole)
        where TCatalog : class
    {
        byte[] json;
        using (var stream = CatalogFiles.OpenBuiltIn(fileName))
        {
            json = new byte[stream.Length];
            stream.ReadExactly(json);
        }

        if (FromJson(json, arrayName, readEntry) is { } entries)
        {
            whole = null;
            return entries;
        }

        whole = readWhole(new MemoryStream(json, writable: false), fileName);
        return null;
    }

    /// <summary>The entries of the array <paramref name="arrayName"/> in <paramref name="json"/>, read on demand, or null when the id scan does not understand the document (see <see cref="Scan"/>).</summary>
    internal static BuiltInEntries<T>? FromJson(byte[] json, string arrayName, Func<ReadOnlyMemory<byte>, int, T> readEntry)
        => Scan(json, arrayName) is { } scanned ? new BuiltInEntries<T>(json, scanned, readEntry) : null;

    /// <summary>The entry with <paramref name="id"/> (already trimmed; case ignored), parsed on first use.</summary>
    public bool TryGet(string id, out T? entry)
    {
        if (_indexById.TryGetValue(id, out int index))
        {
            entry = At(index);
            return true;
        }

        entry = null;
        return false;
    }

    /// <summary>Every entry, in file order.</summary>
    public List<T> All()
    {
        var all = new List<T>(_ranges.Length);
        for (int i = 0; i < _ranges.Length; i++)
        {
            all.Add(At(i));
        }

        return all;
    }

    private T At(int index)
    {
        // One instance per entry, however many threads ask: Get and Entries hand out the same object.
        lock (_gate)
        {
            return _parsed[index] ??= _readEntry(_json.AsMemory(_ranges[index]), index);
        }
    }

    /// <summary>
    /// The id and byte range of each object in the top-level array <paramref name="arrayName"/>, or null when the
    /// document is not the shape the catalogs' readers accept without complaint: a schema version they would refuse,
    /// no such array, an entry that is not an object, an id that is missing, not a string or repeated.
    /// </summary>
    internal static List<(string Id, Range Range)>? Scan(ReadOnlySpan<byte> json, string arrayName)
    {
        try
        {
            return ScanOrThrow(json, arrayName);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static List<(string Id, Range Range)>? ScanOrThrow(ReadOnlySpan<byte> json, string arrayName)
    {
        var reader = new Utf8JsonReader(json, ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        List<(string, Range)>? entries = null;
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("schemaVersion"))
            {
                reader.Read();
                double version = reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var v) ? v : double.NaN;
                if (Inputs.SchemaVersions.Problem(version, null) is not null)
                {
                    return null;
                }

                continue;
            }

            if (!reader.ValueTextEquals(arrayName) || entries is not null)
            {
                reader.Read();
                reader.Skip();
                continue;
            }

            reader.Read();
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                return null;
            }

            entries = [];
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    return null;
                }

                int start = checked((int)reader.TokenStartIndex);
                string? id = null;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    bool isId = reader.ValueTextEquals("id");
                    reader.Read();
                    if (isId && reader.TokenType == JsonTokenType.String)
                    {
                        id = reader.GetString()?.Trim();
                    }
                    else
                    {
                        reader.Skip();
                    }
                }

                if (string.IsNullOrEmpty(id) || !ids.Add(id))
                {
                    return null;
                }

                entries.Add((id, start..checked((int)reader.BytesConsumed)));
            }
        }

        return entries is { Count: > 0 } ? entries : null;
    }
}
