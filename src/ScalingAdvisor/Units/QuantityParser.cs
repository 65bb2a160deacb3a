using System.Globalization;

namespace ScalingAdvisor.Units;

/// <summary>
/// Parses the number forms docs/CLI.md allows: plain and scientific notation, count suffixes
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

    /// <summary>The byte-size convention, for every byte option's help line (CLI.md, Numbers).</summary>
    public const string ByteConvention =
        "Needs a unit: KB MB GB TB are powers of 1000, KiB MiB GiB TiB powers of 1024 (GPU memory sold as \"80GB\" is 80GiB).";

    /// <summary>The accepted byte forms, for error messages.</summary>
    public const string ByteForms = "a size with a unit, e.g. 80GB (80e9 bytes) or 80GiB (80·2^30 bytes)";

    /// <summary>
    /// A byte size with its unit: <c>80GiB</c>, <c>80 GB</c>, <c>1.5e9B</c>. A bare number is refused (is <c>80</c> bytes or
    /// GB?), and so is a count suffix such as <c>80G</c> (GB or GiB?).
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="bytes">The size in bytes, or 0 when the text is not one.</param>
    /// <returns>Whether the text is a finite byte size with a unit.</returns>
    public static bool TryParseBytes(string text, out double bytes)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var comparison in (StringComparison[])[StringComparison.Ordinal, StringComparison.OrdinalIgnoreCase])
        {
            string trimmed = text.Trim();
            foreach (var (suffix, factor) in ByteSuffixes)
            {
                if (trimmed.Length > suffix.Length && trimmed.EndsWith(suffix, comparison)
                    && TryParseNumber(trimmed[..^suffix.Length], out double number))
                {
                    bytes = number * factor;
                    return double.IsFinite(bytes);
                }
            }
        }

        bytes = 0;
        return false;
    }

    /// <summary>Why a token is not a byte size, naming the two units it may have meant.</summary>
    /// <param name="token">The text that did not parse.</param>
    /// <returns>One sentence for an error message.</returns>
    public static string ExplainBytes(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        string trimmed = token.Trim();
        string number = trimmed.Length > 1 && char.IsLetter(trimmed[^1]) && TryParseNumber(trimmed[..^1], out _) ? trimmed[..^1] : trimmed;
        return TryParseNumber(number, out _)
            ? $"'{token}' has no byte unit; write {number}GB (GB = 1e9 bytes) or {number}GiB (GiB = 2^30 bytes)."
            : $"'{token}' is not a byte size; expected {ByteForms}.";
    }

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
