using System.Globalization;
using System.Text.Json;
using ScalingAdvisor.Hardware;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Footprint;

/// <summary>
/// Grid carbon intensities by region. <see cref="BuiltIn"/> is the embedded <c>regions.catalog.json</c>
/// (each figure with source, year and basis); users may load their own file in the same format.
/// </summary>
/// <remarks>
/// File format: <c>{ "regions": [ { "id", "name", "kgCo2ePerKwh", "source", "year", "basis" } ] }</c>.
/// </remarks>
public sealed class RegionCatalog
{
    private static readonly Lazy<RegionCatalog> BuiltInCatalog = new(LoadBuiltIn, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, GridRegion> _byId;

    private RegionCatalog(List<GridRegion> regions)
    {
        Regions = regions;
        _byId = regions.ToDictionary(r => r.Id, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The built-in catalog (loaded once, on first use).</summary>
    public static RegionCatalog BuiltIn => BuiltInCatalog.Value;

    /// <summary>The region a footprint uses when none is given: <c>world</c>, the global average grid.</summary>
    public const string DefaultId = "world";

    /// <summary>The regions, in file order.</summary>
    public IReadOnlyList<GridRegion> Regions { get; }

    /// <summary>The ids, in file order.</summary>
    public IReadOnlyList<string> Ids => [.. Regions.Select(r => r.Id)];

    /// <summary>Reads a catalog from UTF-8 JSON.</summary>
    /// <param name="utf8Json">The JSON stream.</param>
    /// <param name="fileName">The name to use in error messages.</param>
    /// <returns>The catalog.</returns>
    /// <exception cref="CatalogFormatException">The JSON is malformed or an entry is invalid; the message names the file, the entry and the field.</exception>
    public static RegionCatalog Load(Stream utf8Json, string fileName)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        using var document = CatalogJson.Parse(utf8Json, fileName);
        var regions = new List<GridRegion>();
        var index = 0;
        foreach (var entry in CatalogJson.Entries(document, "regions", fileName))
        {
            var entryName = "#" + index++.ToString(CultureInfo.InvariantCulture);
            if (entry.ValueKind != JsonValueKind.Object)
            {
                throw new CatalogFormatException(fileName, entryName, null, "each region should be a JSON object.");
            }

            var id = CatalogJson.RequiredString(entry, "id", fileName, entryName);
            if (regions.Any(r => string.Equals(r.Id, id, StringComparison.OrdinalIgnoreCase)))
            {
                throw new CatalogFormatException(fileName, id, "id", "the id appears more than once in the file.");
            }

            if (!entry.TryGetProperty("kgCo2ePerKwh", out var intensity))
            {
                throw new CatalogFormatException(fileName, id, "kgCo2ePerKwh", "the field is missing.");
            }

            if (!entry.TryGetProperty("year", out var year))
            {
                throw new CatalogFormatException(fileName, id, "year", "the field is missing.");
            }

            regions.Add(new GridRegion(
                id,
                CatalogJson.RequiredString(entry, "name", fileName, id),
                CarbonIntensity.FromKilogramsPerKilowattHour(CatalogJson.Number(intensity, "kgCo2ePerKwh", fileName, id, allowZero: true)),
                CatalogJson.RequiredString(entry, "source", fileName, id),
                CatalogJson.Year(year, "year", fileName, id),
                CatalogJson.RequiredString(entry, "basis", fileName, id)));
        }

        return new RegionCatalog(regions);
    }

    /// <summary>Reads a catalog file.</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The catalog.</returns>
    /// <exception cref="CatalogFormatException">The file is malformed.</exception>
    /// <exception cref="ArgumentException">The file cannot be opened.</exception>
    public static RegionCatalog LoadFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var stream = CatalogFiles.OpenRead(path, "regions");
        return Load(stream, path);
    }

    /// <summary>Looks up a region (case-insensitive).</summary>
    /// <param name="id">The id.</param>
    /// <param name="region">The region, when found.</param>
    /// <returns>Whether the id is known.</returns>
    public bool TryGet(string id, out GridRegion region)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _byId.TryGetValue(id.Trim(), out region!);
    }

    /// <summary>Looks up a region (case-insensitive).</summary>
    /// <param name="id">The id.</param>
    /// <returns>The region.</returns>
    /// <exception cref="ArgumentException">The id is unknown; the message lists the valid ids.</exception>
    public GridRegion Get(string id)
        => TryGet(id, out var region)
            ? region
            : throw Catalogs.IdSuggestions.Unknown("region", id, Ids);

    // Implementation note (issue 7, start-up): the built-in catalog is regions.catalog.json compiled into
    // BuiltInRegionTable.cs; parsing the JSON loaded System.Text.Json on every `footprint --region` query (~15 ms).
    // The JSON stays the source of truth (still embedded); a test holds the table to it and regenerates it.
    private static RegionCatalog LoadBuiltIn() => new([.. BuiltInRegionTable.Create()]);
}
