using System.Globalization;

namespace ScalingAdvisor.Units;

/// <summary>
/// Parses the number forms ../shared/design/CLI.md allows: plain and scientific notation, count suffixes
/// K, M, B/G, T, P (powers of 1000, case-insensitive), and byte sizes in KB MB GB TB (powers of 1000)
/// or KiB MiB GiB TiB (powers of 1024). Everything else — NaN, ∞, overflow (1e400), junk — is rejected.
/// One implementation for the command line's options and the runs CSV's cells (<see cref="Fitting.RunsCsv"/>).
/// </summary>
public static class QuantityParser
{
    // Suffixes are small classes rather than (string, double) tuples: a tuple over double is a generic value type
    // ReadyToRun cannot precompile here, JIT-compiled on every run (issue 7, start-up).
    private static readonly Suffix[] CountSuffixes =
    [
        new("K", 1e3), new("M", 1e6), new("B", 1e9), new("G", 1e9), new("T", 1e12), new("P", 1e15),
    ];

    // Longest suffixes first so "GiB" is not read as "B" after "Gi".
    private static readonly Suffix[] ByteSuffixes =
    [
        new("KiB", 1024d), new("MiB", 1048576d), new("GiB", 1073741824d), new("TiB", 1099511627776d),
        new("KB", 1e3), new("MB", 1e6), new("GB", 1e9), new("TB", 1e12), new("B", 1d),
    ];

    /// <summary>A count such as <c>70B</c>, <c>1.4T</c>, <c>7e10</c>, <c>350M</c>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The count, or 0 when the text is not one.</param>
    /// <returns>Whether the text is a finite count.</returns>
    public static bool TryParseCount(string text, out double value)
        => TryParseWithSuffix(text, CountSuffixes, StringComparison.OrdinalIgnoreCase, out value);

    /// <summary>A byte size such as <c>80GiB</c>, <c>80 GB</c>, <c>1.5e9</c> (bytes).</summary>
    /// <param name="text">The text.</param>
    /// <param name="bytes">The size in bytes, or 0 when the text is not one.</param>
    /// <returns>Whether the text is a finite byte size.</returns>
    public static bool TryParseBytes(string text, out double bytes)
        => TryParseWithSuffix(text, ByteSuffixes, StringComparison.Ordinal, out bytes)
           || TryParseWithSuffix(text, ByteSuffixes, StringComparison.OrdinalIgnoreCase, out bytes);

    /// <summary>A plain finite number (no suffixes).</summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The number, or 0 when the text is not one.</param>
    /// <returns>Whether the text is a finite number.</returns>
    public static bool TryParseNumber(string text, out double value)
    {
        bool ok = double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value)
                  && double.IsFinite(value);
        if (!ok) value = 0;
        return ok;
    }

    private static bool TryParseWithSuffix(string text, Suffix[] suffixes, StringComparison comparison, out double value)
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

    /// <summary>A unit suffix and the factor it multiplies by.</summary>
    private sealed record Suffix(string Text, double Factor);
}
