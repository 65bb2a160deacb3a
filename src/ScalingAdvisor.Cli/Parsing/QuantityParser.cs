using System.Globalization;

namespace ScalingAdvisor.Cli.Parsing;

/// <summary>
/// Parses the number forms ../shared/design/CLI.md allows: plain and scientific notation, count suffixes
/// K, M, B/G, T, P (powers of 1000, case-insensitive), and byte sizes in KB MB GB TB (powers of 1000)
/// or KiB MiB GiB TiB (powers of 1024). Everything else — NaN, ∞, overflow (1e400), junk — is rejected.
/// </summary>
internal static class QuantityParser
{
    private static readonly (string Suffix, double Factor)[] CountSuffixes =
    [
        ("K", 1e3), ("M", 1e6), ("B", 1e9), ("G", 1e9), ("T", 1e12), ("P", 1e15),
    ];

    // Longest suffixes first so "GiB" is not read as "B" after "Gi".
    private static readonly (string Suffix, double Factor)[] ByteSuffixes =
    [
        ("KiB", 1024d), ("MiB", 1048576d), ("GiB", 1073741824d), ("TiB", 1099511627776d),
        ("KB", 1e3), ("MB", 1e6), ("GB", 1e9), ("TB", 1e12), ("B", 1d),
    ];

    /// <summary>A count such as <c>70B</c>, <c>1.4T</c>, <c>7e10</c>, <c>350M</c>.</summary>
    public static bool TryParseCount(string text, out double value)
        => TryParseWithSuffix(text, CountSuffixes, StringComparison.OrdinalIgnoreCase, out value);

    /// <summary>A byte size such as <c>80GiB</c>, <c>80 GB</c>, <c>1.5e9</c> (bytes).</summary>
    public static bool TryParseBytes(string text, out double bytes)
        => TryParseWithSuffix(text, ByteSuffixes, StringComparison.Ordinal, out bytes)
           || TryParseWithSuffix(text, ByteSuffixes, StringComparison.OrdinalIgnoreCase, out bytes);

    /// <summary>A plain finite number (no suffixes).</summary>
    public static bool TryParseNumber(string text, out double value)
    {
        bool ok = double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value)
                  && double.IsFinite(value);
        if (!ok) value = 0;
        return ok;
    }

    private static bool TryParseWithSuffix(string text, (string Suffix, double Factor)[] suffixes, StringComparison comparison, out double value)
    {
        string trimmed = text.Trim();
        foreach (var (suffix, factor) in suffixes)
        {
            if (trimmed.Length > suffix.Length && trimmed.EndsWith(suffix, comparison)
                && TryParseNumber(trimmed[..^suffix.Length], out double number))
            {
                value = number * factor;
                return double.IsFinite(value);
            }
        }

        return TryParseNumber(trimmed, out value);
    }
}
