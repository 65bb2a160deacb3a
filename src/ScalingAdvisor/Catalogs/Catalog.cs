using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace ScalingAdvisor.Catalogs;

/// <summary>
/// Entries looked up by id, case-insensitively: the one shape of the hardware, model preset and region catalogs. Each
/// has a built-in catalog read from its embedded <c>*.catalog.json</c> and reads users' files in the same format with
/// the same reader; an unknown id fails with an <see cref="UnknownIdException"/> that suggests the closest id
/// (<see cref="IdSuggestions"/>).
/// </summary>
/// <typeparam name="T">The entry type.</typeparam>
/// <remarks>
/// Implementation note (issue 15): under ReadyToRun the built-in catalogs were compiled into C# tables to skip
/// System.Text.Json's start-up cost; the CLI now ships as Native AOT, so the JSON is the only source and goes through
/// the readers that check users' files. A built-in catalog parses only the entries asked for (session 15: parsing the
/// whole hardware and preset catalogs for one entry was about a millisecond of a 7 ms query).
/// </remarks>
public abstract class Catalog<T>
    where T : class, ICatalogEntry
{
    // Either the entries by id (a user's file, entries built in code) or a built-in catalog's entries read on demand.
    private readonly Dictionary<string, T>? _byId;
    private readonly BuiltInEntries<T>? _builtIn;
    private IReadOnlyList<T>? _entries;

    /// <summary>Creates the catalog; ids must be unique, ignoring case.</summary>
    /// <param name="kind">What an entry is, for messages: "hardware", "model preset", "region".</param>
    /// <param name="entries">The entries, in catalog order.</param>
    /// <param name="fileName">The file the entries come from (a repeated id then names it), or null for entries built in code.</param>
    /// <param name="paramName">The public parameter that entries built in code came in through, for <see cref="ArgumentException.ParamName"/>.</param>
    /// <exception cref="CatalogFormatException">Two entries of the file share an id.</exception>
    /// <exception cref="ArgumentException">Two entries built in code share an id.</exception>
    private protected Catalog(string kind, IEnumerable<T> entries, string? fileName, string? paramName = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Kind = kind;
        List<T> list = [.. entries];
        _entries = list;
        _byId = new Dictionary<string, T>(list.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var entry in list)
        {
            if (!_byId.TryAdd(entry.Id, entry))
            {
                throw fileName is null
                    ? new ArgumentException($"The {kind} id '{entry.Id}' appears more than once.", paramName ?? nameof(entries))
                    : new CatalogFormatException(fileName, entry.Id, "id", "the id appears more than once in the file.");
            }
        }

        Ids = [.. list.Select(e => e.Id)];
    }

    /// <summary>Creates a built-in catalog whose entries are parsed when first asked for.</summary>
    /// <param name="kind">What an entry is, for messages.</param>
    /// <param name="builtIn">The embedded catalog's entries.</param>
    private protected Catalog(string kind, BuiltInEntries<T> builtIn)
    {
        Kind = kind;
        _builtIn = builtIn;
        Ids = builtIn.Ids;
    }

    /// <summary>What an entry is, as messages name it: "hardware", "model preset", "region".</summary>
    public string Kind { get; }

    /// <summary>The entries, in catalog (file) order.</summary>
    /// <remarks>A built-in catalog parses all its entries on first use of this list (a lookup by id parses only that entry).</remarks>
    public IReadOnlyList<T> Entries => _entries ??= _builtIn!.All();

    /// <summary>The ids, in <see cref="Entries"/> order.</summary>
    public IReadOnlyList<string> Ids { get; }

    /// <summary>Looks up an entry by id (case-insensitive, surrounding white space ignored).</summary>
    /// <param name="id">The id.</param>
    /// <param name="entry">The entry, when found.</param>
    /// <returns>Whether the id is in the catalog.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is null.</exception>
    public bool TryGet(string id, [MaybeNullWhen(false)] out T entry)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _byId is not null ? _byId.TryGetValue(id.Trim(), out entry) : _builtIn!.TryGet(id.Trim(), out entry);
    }

    /// <summary>Looks up an entry by id (case-insensitive, surrounding white space ignored).</summary>
    /// <param name="id">The id.</param>
    /// <returns>The entry.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is null.</exception>
    /// <exception cref="UnknownIdException">No entry has the id; the message suggests the closest id and lists the valid ones.</exception>
    public T Get(string id)
        => TryGet(id, out var entry) ? entry : throw IdSuggestions.Unknown(Kind, id, Ids);

    /// <summary>This catalog's entries with <paramref name="overrides"/>' added; an entry with an existing id replaces it whole, in its place.</summary>
    private protected IEnumerable<T> MergedWith(Catalog<T> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        return Entries.Select(e => overrides.TryGet(e.Id, out var replacement) ? replacement : e)
            .Concat(overrides.Entries.Where(e => !TryGet(e.Id, out _)));
    }

    /// <summary>
    /// Opens a built-in catalog from its embedded <c>*.catalog.json</c>: its ids now, each entry when first asked for,
    /// read by the per-entry reader of users' files (see <see cref="BuiltInEntries{T}"/>).
    /// </summary>
    /// <param name="fileName">The catalog file, e.g. <c>hardware.catalog.json</c>.</param>
    /// <param name="arrayName">The top-level array of entries, e.g. <c>accelerators</c>.</param>
    /// <param name="readEntry">Reads one entry: its JSON object and its index in the array, for messages.</param>
    /// <param name="create">Creates the catalog over the entries read on demand.</param>
    /// <param name="readWhole">The catalog's whole-file reader, used when the id scan does not understand the file.</param>
    private protected static TCatalog ReadBuiltIn<TCatalog>(
        string fileName,
        string arrayName,
        Func<JsonElement, int, T> readEntry,
        Func<BuiltInEntries<T>, TCatalog> create,
        Func<Stream, string, TCatalog> readWhole)
        where TCatalog : Catalog<T>
        => BuiltInEntries<T>.Open(fileName, arrayName, readEntry, readWhole, out var whole) is { } entries
            ? create(entries)
            : whole!;

    /// <summary>Reads a user's catalog file, bounded to <see cref="Inputs.InputLimits.MaxFileBytes"/>, with the same reader.</summary>
    /// <param name="path">The file.</param>
    /// <param name="kind">What the catalog holds, for the message ("hardware", "region").</param>
    /// <param name="read">The catalog's reader.</param>
    /// <exception cref="ArgumentException">The file cannot be read or is too large; the message names the file.</exception>
    private protected static TCatalog ReadFile<TCatalog>(string path, string kind, Func<Stream, string, TCatalog> read)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var stream = CatalogFiles.OpenRead(path, kind);
        return read(stream, path);
    }
}
