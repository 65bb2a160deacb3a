using System.Globalization;
using System.Text;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Cli.Rendering;

/// <summary>
/// Human formatting for the table view, chosen by the unit suffix in the field name
/// (<c>…Bytes</c>, <c>…Flops</c>, <c>…Seconds</c>, <c>…Kwh</c>, <c>…Usd</c>, …). JSON and CSV print raw SI values.
/// </summary>
internal static class ValueFormatter
{
    public static string Format(string name, ReportValue value) => value switch
    {
        ReportValue.Number number => FormatNumber(name, number.Value),
        ReportValue.Text text => text.Value,
        ReportValue.Flag flag => flag.Value ? "yes" : "no",
        ReportValue.Null => "—",
        ReportValue.Strings strings => string.Join("; ", strings.Items),
        _ => "",
    };

    public static string FormatNumber(string name, double value)
    {
        if (EndsWith(name, "Bytes") || EndsWith(name, "BytesPerGpu") || EndsWith(name, "BytesPerToken"))
        {
            return $"{QuantityFormatter.FormatBytesDecimal(value)} ({QuantityFormatter.FormatBytesBinary(value)})";
        }

        if (EndsWith(name, "Flops") || EndsWith(name, "FlopsPerToken") || name.Equals("flops", StringComparison.Ordinal)
            || EndsWith(name, "Flops6ND"))
        {
            return QuantityFormatter.FormatScientific(value, 3) + " FLOPs";
        }

        if (EndsWith(name, "PerKwh")) return QuantityFormatter.Significant(value, 4) + " kg/kWh";
        if (EndsWith(name, "Seconds")) return QuantityFormatter.FormatDuration(value);
        if (EndsWith(name, "Days")) return QuantityFormatter.Significant(value, 3) + " days";
        if (EndsWith(name, "Hours")) return QuantityFormatter.Significant(value, 4) + " h";
        if (EndsWith(name, "Kwh")) return QuantityFormatter.Significant(value, 4) + " kWh";
        if (EndsWith(name, "Kg")) return QuantityFormatter.Significant(value, 4) + " kg";
        if (EndsWith(name, "Usd")) return QuantityFormatter.FormatMoney(value);
        if (EndsWith(name, "PerSecond")) return QuantityFormatter.Significant(value, 4) + " /s";
        if (EndsWith(name, "Params") || name.Equals("params", StringComparison.Ordinal)
            || EndsWith(name, "Tokens") || name.Equals("tokens", StringComparison.Ordinal))
        {
            return QuantityFormatter.FormatCount(value, 4);
        }

        return QuantityFormatter.Significant(value, 4);
    }

    /// <summary><c>perGpu.weightsBytes</c> → "per GPU › weights"; the unit moves into the value.</summary>
    public static string Label(string path)
    {
        var parts = path.Split('.');
        var builder = new StringBuilder();
        for (int i = 0; i < parts.Length; i++)
        {
            if (i > 0) builder.Append(" › ");
            builder.Append(Humanize(StripUnit(parts[i])));
        }

        return builder.ToString();
    }

    private static string StripUnit(string name)
    {
        foreach (string suffix in (string[])["BytesPerGpu", "BytesPerToken", "Bytes", "Seconds", "Kwh", "Usd", "Kg"])
        {
            if (name.Length > suffix.Length && EndsWith(name, suffix)) return name[..^suffix.Length];
        }

        return name;
    }

    private static string Humanize(string camel)
    {
        var builder = new StringBuilder(camel.Length + 8);
        for (int i = 0; i < camel.Length; i++)
        {
            char c = camel[i];
            bool boundary = i > 0 && char.IsUpper(c) && (char.IsLower(camel[i - 1]) || (i + 1 < camel.Length && char.IsLower(camel[i + 1])));
            if (boundary) builder.Append(' ');
            builder.Append(boundary && i + 1 < camel.Length && char.IsLower(camel[i + 1]) ? char.ToLower(c, CultureInfo.InvariantCulture) : c);
        }

        return builder.ToString();
    }

    private static bool EndsWith(string name, string suffix) => name.EndsWith(suffix, StringComparison.Ordinal);
}
