using System.Text.Json;

namespace ScalingAdvisor.Catalogs;

/// <summary>
/// A built-in catalog's entries, read on demand: the embedded JSON is parsed once into a <see cref="JsonDocument"/>
/// (tokens, no objects), its entries' ids are read, and an entry is turned into its record (by the same per-entry
/// reader as users' files) only when it is first asked for.
/// </summary>
/// <typeparam name="T">The entry type.</typeparam>
/// <remarks>
/// Implementation note (issue 15, start-up): a what-if query needs one device, preset or region, and parsing the
/// whole catalog (40 presets, 21 devices with sources and fabric fields) was most of what <c>time</c>,
/// <c>memory train --model</c> and <c>levers</c> did beyond the process start. The document is kept, not disposed, for
/// as long as the catalog (the process): returning its pooled buffers would start the shared array pool's per-core
/// stacks, whose first use times the processor-number query (0.2–0.4 ms under perf on the AOT binary).
/// When the id scan does not understand the file (a packaging bug, since the built-in files are tested), the
/// catalog's whole-file reader runs instead, so its message names the problem.
/// </remarks>
internal sealed class BuiltInEntries<T>
    where T : class, ICatalogEntry
{
    private readonly JsonElement[] _elements;
    private readonly T?[] _parsed;
    private readonly Func<JsonElement, int, T> _readEntry;
    private readonly Dictionary<string, int> _indexById;
    private readonly object _gate = new(); // not System.Threading.Lock: the library also targets net8.0

    private BuiltInEntries(List<(string Id, JsonElement Element)> scanned, Func<JsonElement, int, T> readEntry)
    {
        _readEntry = readEntry;
        _elements = new JsonElement[scanned.Count];
        _parsed = new T?[scanned.Count];
        _indexById = new Dictionary<string, int>(scanned.Count, StringComparer.OrdinalIgnoreCase);
        var ids = new string[scanned.Count];
        for (int i = 0; i < scanned.Count; i++)
        {
            (ids[i], _elements[i]) = scanned[i];
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
    /// <param name="readEntry">Reads one entry, given its index in the array (for messages).</param>
    /// <param name="readWhole">The whole-file reader of users' files.</param>
    /// <param name="whole">The whole-file reader's catalog, when the scan fell back to it.</param>
    public static BuiltInEntries<T>? Open<TCatalog>(
        string fileName,
        string arrayName,
        Func<JsonElement, int, T> readEntry,
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

    /// <summary>
    /// The entries of the top-level array <paramref name="arrayName"/> in <paramref name="json"/>, read on demand, or
    /// null when the document is not the shape the catalogs' readers accept without complaint: not JSON, a schema
    /// version they would refuse, no such array or an empty one, an entry that is not an object, an id that is missing,
    /// not a string or repeated (ignoring case).
    /// </summary>
    internal static BuiltInEntries<T>? FromJson(byte[] json, string arrayName, Func<JsonElement, int, T> readEntry)
    {
        JsonDocument document;
        try
        {
            // Not disposed: the entries' elements live in it (see the remarks on the class).
            document = JsonDocument.Parse(json, CatalogJson.DocumentOptions);
        }
        catch (JsonException)
        {
            return null;
        }

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || (root.TryGetProperty("schemaVersion", out var version)
                && Inputs.SchemaVersions.Problem(version.ValueKind == JsonValueKind.Number && version.TryGetDouble(out var v) ? v : double.NaN, null) is not null)
            || !root.TryGetProperty(arrayName, out var array)
            || array.ValueKind != JsonValueKind.Array
            || array.GetArrayLength() == 0)
        {
            return null;
        }

        var entries = new List<(string, JsonElement)>(array.GetArrayLength());
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in array.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object
                || !entry.TryGetProperty("id", out var idElement)
                || idElement.ValueKind != JsonValueKind.String
                || idElement.GetString()?.Trim() is not { Length: > 0 } id
                || !ids.Add(id))
            {
                return null;
            }

            entries.Add((id, entry));
        }

        return new BuiltInEntries<T>(entries, readEntry);
    }

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
        var all = new List<T>(_elements.Length);
        for (int i = 0; i < _elements.Length; i++)
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
            return _parsed[index] ??= _readEntry(_elements[index], index);
        }
    }
}
