using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ScalingAdvisor.Catalogs;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Hardware;

/// <summary>
/// Reads the hardware listing that <c>scaling-advisor list hardware --format json</c> writes, so that it can be fed back
/// as a catalog file: <c>{ "hardware": [ { "id", "name", "vendor", "&lt;precision&gt;DenseFlopsPerSecond" (one per
/// precision, null when unsupported), "memoryBytes", "memoryBandwidthBytesPerSecond", "tdpWatts", "interconnectBytesPerSecond",
/// "embodiedCo2eKgPerGpuHour", "scaleUpBytesPerSecondPerDirection", "scaleOutBytesPerSecondPerDirection",
/// "scaleUpDomainDevices" (each null when unknown), "sources": [ "field: source (year)" ] } ] }</c>, all in SI units.
/// </summary>
internal static partial class ListedHardwareJson
{
    /// <summary>The name of the listing's array, which tells it apart from the catalog format's <c>accelerators</c>.</summary>
    public const string ArrayName = "hardware";

    public static bool IsListing(JsonDocument document)
        => document.RootElement.ValueKind == JsonValueKind.Object
            && !document.RootElement.TryGetProperty("accelerators", out _)
            && document.RootElement.TryGetProperty(ArrayName, out _);

    public static AcceleratorProfile ReadProfile(JsonElement entry, string fileName, int index)
    {
        var entryName = $"#{index.ToString(CultureInfo.InvariantCulture)}";
        if (entry.ValueKind != JsonValueKind.Object)
        {
            throw new CatalogFormatException(fileName, entryName, null, "each hardware entry should be a JSON object.");
        }

        var id = CatalogJson.RequiredString(entry, "id", fileName, entryName);
        var name = CatalogJson.RequiredString(entry, "name", fileName, id);
        var vendor = CatalogJson.RequiredString(entry, "vendor", fileName, id);
        var peaks = new double[Precisions.Count];
        bool anyPeak = false;
        foreach (var precision in Precisions.All)
        {
            if (Optional(entry, precision.ToId() + "DenseFlopsPerSecond", fileName, id) is { } peak)
            {
                peaks[(int)precision] = peak;
                anyPeak = true;
            }
        }

        if (!anyPeak)
        {
            throw new CatalogFormatException(fileName, id, "bf16DenseFlopsPerSecond", "needs a dense peak for at least one precision.");
        }

        var memory = Optional(entry, "memoryBytes", fileName, id)
            ?? throw new CatalogFormatException(fileName, id, "memoryBytes", "the field is missing.");
        var bandwidth = Optional(entry, "memoryBandwidthBytesPerSecond", fileName, id)
            ?? throw new CatalogFormatException(fileName, id, "memoryBandwidthBytesPerSecond", "the field is missing.");
        var tdp = Optional(entry, "tdpWatts", fileName, id);
        var interconnect = Optional(entry, "interconnectBytesPerSecond", fileName, id);
        var embodied = Optional(entry, "embodiedCo2eKgPerGpuHour", fileName, id, allowZero: true);
        var scaleUp = Optional(entry, "scaleUpBytesPerSecondPerDirection", fileName, id);
        var scaleOut = Optional(entry, "scaleOutBytesPerSecondPerDirection", fileName, id);
        var fabric = new AcceleratorFabric(
            scaleUp is null ? null : ByteRate.FromBytesPerSecond(scaleUp.Value),
            scaleOut is null ? null : ByteRate.FromBytesPerSecond(scaleOut.Value),
            AcceleratorCatalog.DeviceCount(Optional(entry, "scaleUpDomainDevices", fileName, id), "scaleUpDomainDevices", fileName, id));
        return new AcceleratorProfile(
            id,
            name,
            vendor,
            peaks,
            ByteSize.FromBytes(memory),
            ByteRate.FromBytesPerSecond(bandwidth),
            tdp is null ? null : Power.FromWatts(tdp.Value),
            interconnect is null ? null : ByteRate.FromBytesPerSecond(interconnect.Value),
            embodied is null ? null : CarbonMass.FromKilograms(embodied.Value),
            Sources(entry, fileName, id),
            fabric);
    }

    private static double? Optional(JsonElement entry, string field, string fileName, string id, bool allowZero = false)
        => entry.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null
            ? CatalogJson.Number(value, field, fileName, id, allowZero)
            : null;

    private static Dictionary<string, Provenance> Sources(JsonElement entry, string fileName, string id)
    {
        var sources = new Dictionary<string, Provenance>(StringComparer.Ordinal);
        if (!entry.TryGetProperty("sources", out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return sources;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new CatalogFormatException(fileName, id, "sources", "should be an array of \"field: source (year)\" strings.");
        }

        foreach (var item in array.EnumerateArray())
        {
            var match = item.ValueKind == JsonValueKind.String ? SourceLine().Match(item.GetString()!) : Match.Empty;
            if (!match.Success)
            {
                throw new CatalogFormatException(fileName, id, "sources", $"each source should read \"field: source (year)\", e.g. \"tdpWatts: NVIDIA A100 datasheet (2021)\".");
            }

            sources[match.Groups["field"].Value] = new Provenance(
                match.Groups["source"].Value, int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture));
        }

        return sources;
    }

    // "field: source (year)", as Provenance.ToString writes the source and year.
    [GeneratedRegex(@"^(?<field>[^:\s]+): (?<source>.+) \((?<year>\d{4})\)$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex SourceLine();
}
