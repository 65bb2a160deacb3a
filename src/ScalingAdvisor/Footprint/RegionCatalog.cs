using System.Globalization;
using System.Text.Json;
using ScalingAdvisor.Catalogs;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Footprint;

/// <summary>
/// Grid carbon intensities by region. <see cref="BuiltIn"/> is the embedded <c>regions.catalog.json</c>
/// (each figure with source, year and basis); users may load their own file in the same format.
/// </summary>
/// <remarks>
/// File format: <c>{ "regions": [ { "id", "name", "kgCo2ePerKwh", "source", "year", "basis" } ] }</c>.
/// </remarks>
public sealed class RegionCatalog : Catalog<GridRegion>
{
    private const string BuiltInFile = "regions.catalog.json";
    private const string EntryKind = "region";

    private static readonly Lazy<RegionCatalog> BuiltInCatalog = new(
        () => ReadBuiltIn(BuiltInFile, "regions", ReadBuiltInRegion, entries => new RegionCatalog(entries), Load),
        LazyThreadSafetyMode.ExecutionAndPublication);

    private RegionCatalog(List<GridRegion> regions, string fileName)
        : base(EntryKind, regions, fileName)
    {
    }

    private RegionCatalog(BuiltInEntries<GridRegion> builtIn)
        : base(EntryKind, builtIn)
    {
    }

    /// <summary>The built-in catalog, read from the embedded <c>regions.catalog.json</c>: its ids on first use, each region when first asked for.</summary>
    public static RegionCatalog BuiltIn => BuiltInCatalog.Value;

    /// <summary>The region a footprint uses when none is given: <c>world</c>, the global average grid.</summary>
    public const string DefaultId = "world";

    /// <summary>The regions, in file order; the same as <see cref="Catalog{T}.Entries"/>.</summary>
    public IReadOnlyList<GridRegion> Regions => Entries;

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
            regions.Add(ReadRegion(entry, fileName, index++));
        }

        return new RegionCatalog(regions, fileName);
    }

    /// <summary>Reads a catalog file.</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The catalog.</returns>
    /// <exception cref="CatalogFormatException">The file is malformed.</exception>
    /// <exception cref="ArgumentException">The file cannot be opened, or is larger than <see cref="Inputs.InputLimits.MaxFileBytes"/>.</exception>
    public static RegionCatalog LoadFile(string path) => ReadFile(path, "region", Load);

    private static GridRegion ReadBuiltInRegion(JsonElement entry, int index) => ReadRegion(entry, BuiltInFile, index);

    private static GridRegion ReadRegion(JsonElement entry, string fileName, int index)
    {
        var entryName = "#" + index.ToString(CultureInfo.InvariantCulture);
        if (entry.ValueKind != JsonValueKind.Object)
        {
            throw new CatalogFormatException(fileName, entryName, null, "each region should be a JSON object.");
        }

        var id = CatalogJson.RequiredString(entry, "id", fileName, entryName);
        if (!entry.TryGetProperty("kgCo2ePerKwh", out var intensity))
        {
            throw new CatalogFormatException(fileName, id, "kgCo2ePerKwh", "the field is missing.");
        }

        if (!entry.TryGetProperty("year", out var year))
        {
            throw new CatalogFormatException(fileName, id, "year", "the field is missing.");
        }

        return new GridRegion(
            id,
            CatalogJson.RequiredString(entry, "name", fileName, id),
            CarbonIntensity.FromKilogramsPerKilowattHour(CatalogJson.Number(intensity, "kgCo2ePerKwh", fileName, id, allowZero: true)),
            CatalogJson.RequiredString(entry, "source", fileName, id),
            CatalogJson.Year(year, "year", fileName, id),
            CatalogJson.RequiredString(entry, "basis", fileName, id));
    }
}
