using System.CommandLine;
using ScalingAdvisor.Cli.Files;
using ScalingAdvisor.Cli.Parsing;

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

    /// <summary>An existing file the command reads; a missing file is an error naming the option and the path.</summary>
    public static InputFileOption ExistingFile(string name, string description, bool required = false)
    {
        var option = new InputFileOption(name, description) { Required = required };
        option.Validators.Add(result =>
        {
            var file = result.GetValueOrDefault<FileInfo?>();
            if (file is not null && !file.Exists)
            {
                result.AddError($"{name}: file '{file.FullName}' does not exist.");
            }
        });
        return option;
    }

    /// <summary>A file the command writes, checked at parse time and written only through an <see cref="OutputPlan"/>.</summary>
    public static OutputFileOption OutputFile(string name, string description, OutputKind kind) => new(name, description, kind);
}
