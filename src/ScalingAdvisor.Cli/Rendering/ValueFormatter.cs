using System.Globalization;
using System.Text;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Cli.Rendering;

/// <summary>
/// Human formatting for the table view. A field name's unit suffix (<c>…Bytes</c>, <c>…Flops</c>, <c>…Seconds</c>,
/// <c>…KgPerKwh</c>, …; see <see cref="TableUnits"/>) chooses both how its value is written and what its label keeps:
/// the unit moves into the value, any qualifier after it (<c>…BytesPerToken</c> → "per token") stays in the label, so
/// two fields never lose the words that tell them apart. JSON and CSV print raw SI values.
/// </summary>
internal static class ValueFormatter
{
    public static string Format(string name, ReportValue value) => Format(name, value, NumberStyle.PerValue);

    /// <summary>Formats a value; <paramref name="style"/> fixes the notation of a whole column of numbers.</summary>
    public static string Format(string name, ReportValue value, NumberStyle style) => value switch
    {
        ReportValue.Number number => FormatNumber(number.Unit ?? TableUnits.Of(name).Kind, number.Value, style),
        ReportValue.Text text => text.Value,
        ReportValue.Flag flag => flag.Value ? "yes" : "no",
        ReportValue.Null => "—",
        ReportValue.Strings strings => string.Join("; ", strings.Items),
        _ => "",
    };

    public static string FormatNumber(string name, double value) => FormatNumber(TableUnits.Of(name).Kind, value, NumberStyle.PerValue);

    /// <summary>A number of the given unit, in the given notation.</summary>
    public static string FormatNumber(UnitKind unit, double value, NumberStyle style) => unit switch
    {
        UnitKind.Bytes => $"{QuantityFormatter.FormatBytesDecimal(value)} ({QuantityFormatter.FormatBytesBinary(value)})",
        UnitKind.Flops => QuantityFormatter.FormatScientific(value, 3) + " FLOPs",
        UnitKind.FlopsPerSecond => QuantityFormatter.FormatSi(value, "FLOP/s"),
        UnitKind.BytesPerSecond => QuantityFormatter.FormatSi(value, "B/s"),
        UnitKind.KgPerKwh => Plain(value, 4, style) + " kg/kWh",
        UnitKind.Seconds => style.DurationUnitSeconds is { } unitSeconds
            ? Plain(value / unitSeconds, 3, style) + " " + style.DurationUnitName
            : QuantityFormatter.FormatDuration(value),
        UnitKind.Days => Plain(value, 3, style) + " days",
        UnitKind.Hours => Plain(value, 4, style) + " h",
        UnitKind.GpuHours => Grouped(value, style),
        UnitKind.Kwh => Plain(value, 4, style) + " kWh",
        UnitKind.Kg => Plain(value, 4, style) + " kg",
        UnitKind.Watts => Plain(value, 4, style) + " W",
        UnitKind.Nats => Plain(value, 4, style) + " nats",
        UnitKind.Usd => QuantityFormatter.FormatMoney(value),
        UnitKind.TokensPerSecond => Plain(value, 4, style) + " tokens/s",
        UnitKind.PerSecond => Plain(value, 4, style) + " /s",
        UnitKind.Count => QuantityFormatter.FormatCount(value, 4),
        _ => Plain(value, 4, style),
    };

    /// <summary><c>perGpu.weightsBytes</c> → "per GPU › weights"; the unit moves into the value.</summary>
    public static string Label(string path)
    {
        var parts = path.Split('.');
        var builder = new StringBuilder();
        for (int i = 0; i < parts.Length; i++)
        {
            if (i > 0) builder.Append(" › ");
            builder.Append(LabelOfName(parts[i]));
        }

        return builder.ToString();
    }

    /// <summary>
    /// One field name as words: the unit suffix replaced by its label text (usually nothing), the rest split at its
    /// camelCase boundaries, acronyms spelt as they are written (GPU, KV, MFU, FLOPs, CO2e, ZeRO). A name that is only a
    /// unit, or whose rest would be a lone qualifier (<c>maxDays</c>), keeps its unit as words.
    /// </summary>
    public static string LabelOfName(string name)
    {
        TableUnit unit = TableUnits.Of(name);
        string stem = name.Length > unit.Suffix.Length ? name[..^unit.Suffix.Length] : name;
        if (unit.Suffix.Length == 0 || unit.KeepsName || stem.Length == name.Length || stem is "max" or "min")
        {
            return Words(name);
        }

        string words = (Words(stem) + unit.LabelText).Trim();

        // A duration named by what it times: "wall" or "training" alone reads as a thing, not a time.
        return unit.SecondsPerUnit is not null && words is "wall" or "training" or "serving" ? words + " time" : words;
    }

    /// <summary>camelCase → lower-case words, digits kept with the letters before them (<c>bf16</c>, <c>co2e</c>).</summary>
    private static string Words(string camel)
    {
        var words = new List<string>();
        int start = 0;
        for (int i = 1; i <= camel.Length; i++)
        {
            bool boundary = i == camel.Length
                || (char.IsUpper(camel[i]) && (!char.IsUpper(camel[i - 1]) || (i + 1 < camel.Length && char.IsLower(camel[i + 1]))));
            if (!boundary) continue;
            words.Add(camel[start..i]);
            start = i;
        }

        var builder = new StringBuilder(camel.Length + 8);
        for (int w = 0; w < words.Count; w++)
        {
            if (w > 0) builder.Append(' ');
            builder.Append(Spelling(words[w]));
        }

        return builder.Replace("GPU hours", "GPU-hours").Replace("GPU hour", "GPU-hour").Replace("non- ", "non-").ToString();
    }

    /// <summary>How a word is written in a label: acronyms in their usual case, other words in lower case.</summary>
    private static string Spelling(string word)
    {
        string lower = word.ToLowerInvariant();
        return lower switch
        {
            "gpu" => "GPU",
            "gpus" => "GPUs",
            "kv" => "KV",
            "mfu" => "MFU",
            "pue" => "PUE",
            "tdp" => "TDP",
            "ffn" => "FFN",
            "tp" => "TP",
            "pp" => "PP",
            "cp" => "CP",
            "ep" => "EP",
            "co2e" => "CO2e",
            "flops" => "FLOPs",
            "zero" => "ZeRO",
            "rmse" => "RMSE",
            "ttft" => "TTFT",
            "tpot" => "TPOT",
            "slo" => "SLO",
            "usd" => "USD",
            "kwh" => "kWh",
            "kg" => "kg",
            "moe" => "MoE",
            "non" => "non-",
            "lora" => "LoRA",
            _ => word.Length > 1 && IsAllUpper(word) ? word : (word.Length == 1 && char.IsUpper(word[0]) ? word : lower),
        };
    }

    private static bool IsAllUpper(string word)
    {
        foreach (char c in word)
        {
            if (char.IsLower(c)) return false;
        }

        return true;
    }

    /// <summary>Significant digits, in the column's notation when it has one (scientific or plain), else the value's own.</summary>
    private static string Plain(double value, int digits, NumberStyle style) => style.Notation switch
    {
        Notation.Scientific => QuantityFormatter.FormatScientific(value, digits),
        Notation.Plain => PlainDigits(value, digits),
        _ => QuantityFormatter.Significant(value, digits),
    };

    /// <summary>Significant digits, never an exponent (a column whose values are all below 1e9).</summary>
    private static string PlainDigits(double value, int digits)
    {
        double abs = Math.Abs(value);
        if (abs is 0 or >= 1e9 || !double.IsFinite(value)) return QuantityFormatter.Significant(value, digits);
        int magnitude = (int)Math.Floor(Math.Log10(abs));
        int decimals = Math.Clamp(digits - 1 - magnitude, 0, 15);
        return Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("0." + new string('#', decimals), CultureInfo.InvariantCulture);
    }

    /// <summary>Whole numbers with thousands separators from 100 up (GPU-hours: "833,333"), else three significant digits.</summary>
    private static string Grouped(double value, NumberStyle style)
        => style.Notation == Notation.Scientific
            ? QuantityFormatter.FormatScientific(value, 4)
            : Math.Abs(value) >= 100 ? value.ToString("N0", CultureInfo.InvariantCulture) : PlainDigits(value, 3);
}

/// <summary>How a number column is written, decided once from all its values so every row reads alike.</summary>
internal sealed class NumberStyle
{
    private NumberStyle(Notation notation, double? durationUnitSeconds, string durationUnitName)
    {
        Notation = notation;
        DurationUnitSeconds = durationUnitSeconds;
        DurationUnitName = durationUnitName;
    }

    /// <summary>Each value chooses its own notation and duration unit (a quantity/value table, one quantity a row).</summary>
    public static NumberStyle PerValue { get; } = new(Notation.PerValue, null, "");

    public Notation Notation { get; }

    /// <summary>Seconds per unit of a duration column (all its values in one unit), or null.</summary>
    public double? DurationUnitSeconds { get; }

    public string DurationUnitName { get; }

    /// <summary>
    /// One notation for a column: scientific when its largest magnitude reaches 1e9 (where the per-value style switches to
    /// an exponent), plain otherwise; a duration column in the unit its largest value reads best in.
    /// </summary>
    public static NumberStyle ForColumn(UnitKind unit, List<double> values)
    {
        double largest = 0;
        foreach (double v in values)
        {
            if (double.IsFinite(v)) largest = Math.Max(largest, Math.Abs(v));
        }

        var notation = largest >= 1e9 && unit != UnitKind.Seconds ? Notation.Scientific : Notation.Plain;
        if (unit != UnitKind.Seconds) return new NumberStyle(notation, null, "");
        // The thresholds of QuantityFormatter.FormatDuration, applied to the column's largest value.
        return largest switch
        {
            < 120 => new NumberStyle(Notation.Plain, 1, "s"),
            < 2 * 3600 => new NumberStyle(Notation.Plain, 60, "min"),
            < 2 * 86400 => new NumberStyle(Notation.Plain, 3600, "h"),
            < 2 * 31557600 => new NumberStyle(Notation.Plain, 86400, "days"),
            _ => new NumberStyle(Notation.Plain, 31557600, "years"),
        };
    }
}

/// <summary>The notation of a number column.</summary>
internal enum Notation
{
    PerValue,
    Plain,
    Scientific,
}
