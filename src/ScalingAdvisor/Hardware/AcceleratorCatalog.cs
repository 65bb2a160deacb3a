using System.Text.Json;
using ScalingAdvisor.Catalogs;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Hardware;

/// <summary>
/// A set of <see cref="AcceleratorProfile"/>s by id. <see cref="BuiltIn"/> is the embedded
/// <c>hardware.catalog.json</c> (every number with its source and year); users add or override entries with
/// their own file in the same format through <see cref="Load(Stream, string)"/> and <see cref="WithEntriesFrom"/>.
/// </summary>
/// <remarks>
/// File format: <c>{ "accelerators": [ { "id", "name", "vendor", "densePeakTflops": { "bf16": X, ... },
/// "memoryGiB" or "memoryGB", "memoryBandwidthGBps", "tdpWatts"?, "interconnectGBps"? (bidirectional headline),
/// "embodiedKgCo2ePerGpuHour"?, "scaleUpGBpsPerDirection"?, "scaleOutGBpsPerDirection"?, "scaleUpDomainDevices"? } ] }</c>. Every number may be bare (<c>312</c>) or sourced
/// (<c>{ "value": 312, "source": "NVIDIA A100 datasheet", "year": 2021 }</c>). Peaks are dense TFLOP/s
/// (int8: dense TOPS); GB and GB/s are decimal (1e9), GiB binary (2^30). The listing that <c>list hardware --format
/// json</c> writes (<c>{ "hardware": [ … ] }</c>, SI units, sources as "field: source (year)") is read back too.
/// See docs/HARDWARE-FILE.md.
/// </remarks>
public sealed class AcceleratorCatalog : Catalog<AcceleratorProfile>
{
    private const string BuiltInFile = "hardware.catalog.json";
    private const string EntryKind = "hardware";

    private static readonly Lazy<AcceleratorCatalog> BuiltInCatalog = new(
        () => ReadBuiltIn(BuiltInFile, "accelerators", ReadBuiltInProfile, entries => new AcceleratorCatalog(entries), Load),
        LazyThreadSafetyMode.ExecutionAndPublication);

    private AcceleratorCatalog(IEnumerable<AcceleratorProfile> profiles, string? fileName, string? paramName = null)
        : base(EntryKind, profiles, fileName, paramName)
    {
    }

    private AcceleratorCatalog(BuiltInEntries<AcceleratorProfile> builtIn)
        : base(EntryKind, builtIn)
    {
    }

    /// <summary>The built-in catalog, read from the embedded <c>hardware.catalog.json</c>: its ids on first use, each profile when first asked for.</summary>
    public static AcceleratorCatalog BuiltIn => BuiltInCatalog.Value;

    /// <summary>The profiles, in file order (overrides keep the position of the entry they replace); the same as <see cref="Catalog{T}.Entries"/>.</summary>
    public IReadOnlyList<AcceleratorProfile> Profiles => Entries;

    /// <summary>Builds a catalog from profiles (ids must be unique, ignoring case).</summary>
    /// <param name="profiles">The profiles.</param>
    /// <returns>The catalog.</returns>
    /// <exception cref="ArgumentException">Two profiles share an id.</exception>
    public static AcceleratorCatalog FromProfiles(IEnumerable<AcceleratorProfile> profiles)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        return new AcceleratorCatalog(profiles, fileName: null, nameof(profiles));
    }

    /// <summary>Reads a catalog from UTF-8 JSON in the catalog format.</summary>
    /// <param name="utf8Json">The JSON stream.</param>
    /// <param name="fileName">The name to use in error messages (usually the path).</param>
    /// <returns>The catalog.</returns>
    /// <exception cref="CatalogFormatException">The JSON is malformed or an entry is invalid; the message names the file, the entry and the field.</exception>
    public static AcceleratorCatalog Load(Stream utf8Json, string fileName)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        using var document = CatalogJson.Parse(utf8Json, fileName);
        var profiles = new List<AcceleratorProfile>();
        var index = 0;
        bool listing = ListedHardwareJson.IsListing(document);
        foreach (var entry in CatalogJson.Entries(document, listing ? ListedHardwareJson.ArrayName : "accelerators", fileName))
        {
            profiles.Add(listing ? ListedHardwareJson.ReadProfile(entry, fileName, index++) : ReadProfile(entry, fileName, index++));
        }

        return new AcceleratorCatalog(profiles, fileName);
    }

    /// <summary>Reads a catalog file in the catalog format.</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The catalog.</returns>
    /// <exception cref="CatalogFormatException">The file is malformed; the message names the file, the entry and the field.</exception>
    /// <exception cref="ArgumentException">The file cannot be opened, or is larger than <see cref="Inputs.InputLimits.MaxFileBytes"/>.</exception>
    public static AcceleratorCatalog LoadFile(string path) => ReadFile(path, "hardware", Load);

    /// <summary>This catalog with <paramref name="overrides"/>' entries added; an entry with an existing id replaces it whole.</summary>
    /// <param name="overrides">The user's entries.</param>
    /// <returns>The merged catalog.</returns>
    public AcceleratorCatalog WithEntriesFrom(AcceleratorCatalog overrides) => new(MergedWith(overrides), fileName: null);

    private static AcceleratorProfile ReadBuiltInProfile(JsonElement entry, int index) => ReadProfile(entry, BuiltInFile, index);

    private static AcceleratorProfile ReadProfile(JsonElement entry, string fileName, int index)
    {
        var entryName = $"#{index.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        if (entry.ValueKind != JsonValueKind.Object)
        {
            throw new CatalogFormatException(fileName, entryName, null, "each accelerator should be a JSON object.");
        }

        var id = CatalogJson.RequiredString(entry, "id", fileName, entryName);
        var name = CatalogJson.RequiredString(entry, "name", fileName, id);
        var vendor = CatalogJson.RequiredString(entry, "vendor", fileName, id);
        var sources = new Dictionary<string, Provenance>(StringComparer.Ordinal);

        if (!entry.TryGetProperty("densePeakTflops", out var peaksElement))
        {
            throw new CatalogFormatException(fileName, id, "densePeakTflops", "the field is missing.");
        }

        if (peaksElement.ValueKind != JsonValueKind.Object)
        {
            throw new CatalogFormatException(fileName, id, "densePeakTflops", "should be an object from precision to dense TFLOP/s.");
        }

        var peaks = new double[Precisions.Count];
        var peakCount = 0;
        foreach (var property in peaksElement.EnumerateObject())
        {
            var field = "densePeakTflops." + property.Name;
            if (!Precisions.TryParse(property.Name, out var precision))
            {
                throw new CatalogFormatException(fileName, id, field,
                    $"unknown precision; use {string.Join(", ", Precisions.All.Select(p => p.ToId()))}.");
            }

            var (value, provenance) = CatalogJson.SourcedNumber(property.Value, field, fileName, id);
            peakCount += peaks[(int)precision] == 0 ? 1 : 0;
            peaks[(int)precision] = FlopRate.FromTeraflopsPerSecond(value).FlopsPerSecond;
            Remember(sources, field, provenance);
        }

        if (peakCount == 0)
        {
            throw new CatalogFormatException(fileName, id, "densePeakTflops", "needs a peak for at least one precision.");
        }

        var hasGiB = entry.TryGetProperty("memoryGiB", out var memoryGiB);
        var hasGB = entry.TryGetProperty("memoryGB", out var memoryGB);
        if (hasGiB == hasGB)
        {
            throw new CatalogFormatException(fileName, id, "memoryGiB",
                "give exactly one of memoryGiB (2^30 bytes) or memoryGB (1e9 bytes).");
        }

        ByteSize memory;
        if (hasGiB)
        {
            var (value, provenance) = CatalogJson.SourcedNumber(memoryGiB, "memoryGiB", fileName, id);
            memory = ByteSize.FromGibibytes(value);
            Remember(sources, "memoryGiB", provenance);
        }
        else
        {
            var (value, provenance) = CatalogJson.SourcedNumber(memoryGB, "memoryGB", fileName, id);
            memory = ByteSize.FromGigabytes(value);
            Remember(sources, "memoryGB", provenance);
        }

        if (!entry.TryGetProperty("memoryBandwidthGBps", out var bandwidthElement))
        {
            throw new CatalogFormatException(fileName, id, "memoryBandwidthGBps", "the field is missing.");
        }

        var (bandwidth, bandwidthSource) = CatalogJson.SourcedNumber(bandwidthElement, "memoryBandwidthGBps", fileName, id);
        Remember(sources, "memoryBandwidthGBps", bandwidthSource);

        var tdp = Optional(entry, "tdpWatts", fileName, id, sources);
        var interconnect = Optional(entry, "interconnectGBps", fileName, id, sources);
        var embodied = Optional(entry, "embodiedKgCo2ePerGpuHour", fileName, id, sources, allowZero: true);
        var scaleUp = Optional(entry, "scaleUpGBpsPerDirection", fileName, id, sources);
        var scaleOut = Optional(entry, "scaleOutGBpsPerDirection", fileName, id, sources);
        var domain = Optional(entry, "scaleUpDomainDevices", fileName, id, sources);
        var fabric = new AcceleratorFabric(
            scaleUp is null ? null : ByteRate.FromGigabytesPerSecond(scaleUp.Value),
            scaleOut is null ? null : ByteRate.FromGigabytesPerSecond(scaleOut.Value),
            DeviceCount(domain, "scaleUpDomainDevices", fileName, id));

        return new AcceleratorProfile(
            id,
            name,
            vendor,
            peaks,
            memory,
            ByteRate.FromGigabytesPerSecond(bandwidth),
            tdp is null ? null : Power.FromWatts(tdp.Value),
            interconnect is null ? null : ByteRate.FromGigabytesPerSecond(interconnect.Value),
            embodied is null ? null : CarbonMass.FromKilograms(embodied.Value),
            sources,
            fabric);
    }

    /// <summary>A device count read as a JSON number: a whole number ≥ 1 (or null when absent).</summary>
    internal static int? DeviceCount(double? value, string field, string fileName, string id)
        => value switch
        {
            null => null,
            { } v when v >= 1 && v <= int.MaxValue && Math.Floor(v) == v => (int)v,
            _ => throw new CatalogFormatException(fileName, id, field, "should be a whole number of devices, at least 1."),
        };

    private static double? Optional(JsonElement entry, string field, string fileName, string id, Dictionary<string, Provenance> sources, bool allowZero = false)
    {
        if (!entry.TryGetProperty(field, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var (value, provenance) = CatalogJson.SourcedNumber(element, field, fileName, id, allowZero);
        Remember(sources, field, provenance);
        return value;
    }

    private static void Remember(Dictionary<string, Provenance> sources, string field, Provenance? provenance)
    {
        if (provenance is not null)
        {
            sources[field] = provenance;
        }
    }
}
