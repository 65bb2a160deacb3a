using System.CommandLine;
using System.CommandLine.Parsing;
using ScalingAdvisor.Cli.Files;
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

    /// <summary>
    /// A byte size &gt; 0 with a unit, e.g. <c>--gpu-memory 80GiB</c>: KB/MB/GB/TB are powers of 1000, KiB/MiB/GiB/TiB of
    /// 1024 (<see cref="QuantityParser.ByteConvention"/>, appended to the help line); a bare number or <c>80G</c> is refused.
    /// </summary>
    public static NumberOption Bytes(string name, string description, bool required = false)
        => new(name, description + " " + QuantityParser.ByteConvention, required, null, new NumberRule(QuantityParser.TryParseBytes,
            QuantityParser.ByteForms, v => v > 0, "greater than 0", QuantityParser.ExplainBytes));

    /// <summary>A plain number ≥ <paramref name="min"/>, e.g. <c>--granularity 8</c> (≥ 1).</summary>
    public static NumberOption AtLeast(string name, string description, double min, bool required = false, double? defaultValue = null)
        => new(name, description, required, defaultValue, new NumberRule(QuantityParser.TryParseNumber, "a number", v => v >= min,
            "at least " + min.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>A plain number in [min, max], e.g. <c>--pue 1.1</c> in [1, 5].</summary>
    public static NumberOption Between(string name, string description, double min, double max, bool required = false, double? defaultValue = null)
        => new(name, description, required, defaultValue, new NumberRule(QuantityParser.TryParseNumber, "a number", v => v >= min && v <= max,
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"in [{min:R}, {max:R}]")));

    /// <summary>A plain number in [min, max), e.g. <c>--sparsity 0.5</c> in [0, 1).</summary>
    public static NumberOption HalfOpen(string name, string description, double min, double max, bool required = false)
        => new(name, description, required, null, new NumberRule(QuantityParser.TryParseNumber, "a number", v => v >= min && v < max,
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"in [{min:R}, {max:R})")));

    /// <summary>A plain number in the open interval (min, max), e.g. <c>--confidence 0.95</c> in (0, 1).</summary>
    public static NumberOption Open(string name, string description, double min, double max, bool required = false, double? defaultValue = null)
        => new(name, description, required, defaultValue, new NumberRule(QuantityParser.TryParseNumber, "a number", v => v > min && v < max,
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"in ({min:R}, {max:R})")));

    /// <summary>A whole number that must be one of <paramref name="allowed"/>, e.g. <c>--base-bits 16|8|4</c>.</summary>
    public static IntegerOption OneOf(string name, string description, int[] allowed, bool required = false, int? defaultValue = null)
        => new(name, description, allowed.Min(), allowed.Max(), required, defaultValue, allowed);

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
    /// An existing file the command reads; an empty path, a directory or a missing file is a parse error naming the
    /// option and the path.
    /// </summary>
    // Implementation note: a custom parser rather than a validator over System.CommandLine's FileInfo conversion: that
    // conversion fails on "" and the validator's GetValueOrDefault then threw from inside Parse (issue 14).
    public static InputFileOption ExistingFile(string name, string description, bool required = false)
        => new(name, description) { Required = required, CustomParser = result => ParseExistingFile(result, name) };

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

    /// <summary>A file the command writes, checked at parse time and written only through an <see cref="OutputPlan"/>.</summary>
    public static OutputFileOption OutputFile(string name, string description, OutputKind kind) => new(name, description, kind);
}
