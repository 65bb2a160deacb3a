using System.CommandLine;
using System.CommandLine.Parsing;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Cli.Options;

/// <summary>
/// Factories for options that carry units or ranges. Each option parses with
/// <see cref="QuantityParser"/> and rejects bad values at parse time with a message naming the option and
/// the value (exit code 2). Reading an absent option without a default gives <c>null</c>.
/// </summary>
internal static class CliOptions
{
    private const string CountForms = "plain or scientific notation, optionally with K, M, B/G, T or P (e.g. 70B, 1.4T, 7e10)";

    /// <summary>A count (parameters, tokens, FLOPs) &gt; 0, e.g. <c>--params 70B</c>.</summary>
    public static NumberOption Count(string name, string description, bool required = false, double? defaultValue = null)
        => new(name, description, required, defaultValue, new NumberRule(QuantityParser.TryParseCount, CountForms, v => v > 0, "greater than 0"));

    /// <summary>A byte size &gt; 0, e.g. <c>--gpu-memory 80GiB</c> (KB/MB/GB/TB are powers of 1000, KiB/MiB/GiB/TiB of 1024).</summary>
    public static NumberOption Bytes(string name, string description, bool required = false)
        => new(name, description, required, null, new NumberRule(QuantityParser.TryParseBytes,
            "a byte size such as 80GiB, 80GB or 1.5e9", v => v > 0, "greater than 0"));

    /// <summary>A plain number &gt; 0.</summary>
    public static NumberOption Positive(string name, string description, bool required = false, double? defaultValue = null)
        => new(name, description, required, defaultValue, new NumberRule(QuantityParser.TryParseNumber, "a number", v => v > 0, "greater than 0"));

    /// <summary>A plain number ≥ 0.</summary>
    public static NumberOption NonNegative(string name, string description, bool required = false, double? defaultValue = null)
        => new(name, description, required, defaultValue, new NumberRule(QuantityParser.TryParseNumber, "a number", v => v >= 0, "at least 0"));

    /// <summary>A fraction in (0, 1], e.g. <c>--mfu 0.4</c>.</summary>
    public static NumberOption Fraction(string name, string description, bool required = false, double? defaultValue = null)
        => new(name, description, required, defaultValue, new NumberRule(QuantityParser.TryParseNumber, "a number", v => v is > 0 and <= 1, "in (0, 1]"));

    /// <summary>A whole number in [min, max].</summary>
    public static IntegerOption Integer(string name, string description, int min, int max = int.MaxValue, bool required = false, int? defaultValue = null)
        => new(name, description, min, max, required, defaultValue);

    /// <summary>
    /// An existing file path; an empty path, a directory or a missing file is a parse error naming the option and the path.
    /// </summary>
    // Implementation note: a custom parser rather than a validator over System.CommandLine's FileInfo conversion: that
    // conversion fails on "" and the validator's GetValueOrDefault then threw from inside Parse (issue 14).
    public static Option<FileInfo?> ExistingFile(string name, string description, bool required = false)
        => new(name) { Description = description, Required = required, CustomParser = result => ParseExistingFile(result, name) };

    /// <summary>The file a token names, or null with an error on the result when it names no readable file.</summary>
    internal static FileInfo? ParseExistingFile(ArgumentResult result, string name)
    {
        string path = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        string? problem = ExistingFileProblem(path, out FileInfo? file);
        if (problem is null)
        {
            return file;
        }

        result.AddError($"{name}: {problem}");
        return null;
    }

    /// <summary>Why a path names no existing file (null when it does).</summary>
    internal static string? ExistingFileProblem(string path, out FileInfo? file)
    {
        file = null;
        if (string.IsNullOrWhiteSpace(path))
        {
            return "the path is empty; give a file.";
        }

        try
        {
            file = new FileInfo(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException or UnauthorizedAccessException)
        {
            return $"'{path}' is not a valid path: {ex.Message}";
        }

        if (Directory.Exists(file.FullName))
        {
            return $"'{file.FullName}' is a directory, not a file.";
        }

        return file.Exists ? null : $"file '{file.FullName}' does not exist.";
    }
}
