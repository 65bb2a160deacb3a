namespace ScalingAdvisor.Cli.Rendering;

/// <summary>How the table view writes a number.</summary>
internal enum UnitKind
{
    /// <summary>No unit: significant digits.</summary>
    Plain,

    /// <summary>A count (parameters, tokens): K, M, B, T suffixes, as the CLI accepts them back.</summary>
    Count,
    Bytes,
    BytesPerSecond,
    Flops,
    FlopsPerSecond,
    Seconds,
    Days,
    Hours,
    GpuHours,
    Kwh,
    Kg,
    KgPerKwh,
    Usd,
    Watts,
    Nats,
    TokensPerSecond,
    PerSecond,
}

/// <summary>
/// A unit suffix of a JSON field name (CLI.md: "the unit is in the name"), what the table writes for it and what of it
/// stays in the label. <see cref="LabelText"/> replaces the suffix in the label: empty when the value shows the unit
/// (<c>energyKwh</c> → "energy", "36270 kWh"), the qualifier when one follows the unit (<c>kvCacheBytesPerToken</c> →
/// "KV cache per token"); <see cref="KeepsName"/> when the whole name stays (<c>totalParams</c> → "total params").
/// </summary>
internal sealed class TableUnit(string suffix, UnitKind kind, string labelText = "", bool keepsName = false, double? secondsPerUnit = null)
{
    public string Suffix { get; } = suffix;

    public UnitKind Kind { get; } = kind;

    public string LabelText { get; } = labelText;

    public bool KeepsName { get; } = keepsName;

    /// <summary>For a duration, its unit in seconds: two durations with one label and one length are one quantity.</summary>
    public double? SecondsPerUnit { get; } = secondsPerUnit;
}

/// <summary>
/// The one table of unit suffixes, used both to format a value and to label it, so that the two cannot disagree
/// (the label once kept "kg per" of <c>gridIntensityKgPerKwh</c> because the label and the value stripped different
/// suffixes). Matched in order, most specific first; a name that is only the unit (<c>flops</c>,
/// <c>flopsPerToken</c>) matches too.
/// </summary>
internal static class TableUnits
{
    private static readonly TableUnit None = new("", UnitKind.Plain);

    private static readonly TableUnit[] Suffixes =
    [
        new("KgPerKwh", UnitKind.KgPerKwh),
        new("KgPerGpuHour", UnitKind.Kg, " per GPU-hour"),
        new("FlopsPerSecondPerDevice", UnitKind.FlopsPerSecond, " per device"),
        new("FlopsPerSecondPerGpu", UnitKind.FlopsPerSecond, " per GPU"),
        new("FlopsPerSecond", UnitKind.FlopsPerSecond),
        new("BytesPerSecond", UnitKind.BytesPerSecond),
        new("BytesPerToken", UnitKind.Bytes, " per token"),
        new("BytesPerGpu", UnitKind.Bytes, " per GPU"),
        new("Bytes", UnitKind.Bytes),
        new("Flops6ND", UnitKind.Flops, " FLOPs (6·N·D)"),
        new("FlopsPerToken", UnitKind.Flops, " FLOPs per token"),
        new("Flops", UnitKind.Flops, keepsName: true),
        new("TokensPerSecondPerGpu", UnitKind.TokensPerSecond, " per GPU"),
        new("TokensPerSecondPerDevice", UnitKind.TokensPerSecond, " per device"),
        new("TokensPerSecond", UnitKind.TokensPerSecond),
        new("PerSecond", UnitKind.PerSecond, keepsName: true),
        new("Seconds", UnitKind.Seconds, secondsPerUnit: 1),
        new("Days", UnitKind.Days, secondsPerUnit: 86400),
        new("GpuHours", UnitKind.GpuHours, " GPU-hours"),
        new("Hours", UnitKind.Hours, secondsPerUnit: 3600),
        new("Kwh", UnitKind.Kwh),
        new("Kg", UnitKind.Kg),
        new("Usd", UnitKind.Usd),
        new("Watts", UnitKind.Watts),
        new("Nats", UnitKind.Nats),
        new("Params", UnitKind.Count, keepsName: true),
        new("Tokens", UnitKind.Count, keepsName: true),
    ];

    /// <summary>The unit suffix of a field name, or a unit-less entry.</summary>
    public static TableUnit Of(string name)
    {
        foreach (TableUnit unit in Suffixes)
        {
            if (name.EndsWith(unit.Suffix, StringComparison.Ordinal) || IsOnly(name, unit.Suffix)) return unit;
        }

        return None;
    }

    /// <summary>Whether <paramref name="name"/> is the suffix itself in camelCase (<c>flops</c> for <c>Flops</c>).</summary>
    private static bool IsOnly(string name, string suffix)
        => name.Length == suffix.Length && name.Length > 0
           && char.ToUpperInvariant(name[0]) == suffix[0]
           && string.CompareOrdinal(name, 1, suffix, 1, suffix.Length - 1) == 0;
}
