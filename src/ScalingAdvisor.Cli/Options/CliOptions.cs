using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using ScalingAdvisor.Cli.Parsing;

namespace ScalingAdvisor.Cli.Options;

/// <summary>
/// Factories for options that carry units or ranges. Each option parses with
/// <see cref="QuantityParser"/> and rejects bad values at parse time with a message naming the option and
/// the value (exit code 2). Optional options have nullable types: <c>null</c> means "not given".
/// </summary>
internal static class CliOptions
{
    private const string CountForms = "plain or scientific notation, optionally with K, M, B/G, T or P (e.g. 70B, 1.4T, 7e10)";

    /// <summary>A count (parameters, tokens, FLOPs) &gt; 0, e.g. <c>--params 70B</c>.</summary>
    public static Option<double?> Count(string name, string description, bool required = false, double? defaultValue = null)
        => Number(name, description, required, defaultValue, QuantityParser.TryParseCount, CountForms, v => v > 0, "greater than 0");

    /// <summary>A byte size &gt; 0, e.g. <c>--gpu-memory 80GiB</c> (KB/MB/GB/TB are powers of 1000, KiB/MiB/GiB/TiB of 1024).</summary>
    public static Option<double?> Bytes(string name, string description, bool required = false)
        => Number(name, description, required, null, QuantityParser.TryParseBytes,
            "a byte size such as 80GiB, 80GB or 1.5e9", v => v > 0, "greater than 0");

    /// <summary>A plain number &gt; 0.</summary>
    public static Option<double?> Positive(string name, string description, bool required = false, double? defaultValue = null)
        => Number(name, description, required, defaultValue, QuantityParser.TryParseNumber, "a number", v => v > 0, "greater than 0");

    /// <summary>A plain number ≥ 0.</summary>
    public static Option<double?> NonNegative(string name, string description, bool required = false, double? defaultValue = null)
        => Number(name, description, required, defaultValue, QuantityParser.TryParseNumber, "a number", v => v >= 0, "at least 0");

    /// <summary>A fraction in (0, 1], e.g. <c>--mfu 0.4</c>.</summary>
    public static Option<double?> Fraction(string name, string description, bool required = false, double? defaultValue = null)
        => Number(name, description, required, defaultValue, QuantityParser.TryParseNumber, "a number", v => v is > 0 and <= 1, "in (0, 1]");

    /// <summary>A whole number in [min, max].</summary>
    public static Option<int?> Integer(string name, string description, int min, int max = int.MaxValue, bool required = false, int? defaultValue = null)
    {
        var option = new Option<int?>(name)
        {
            Description = description,
            Required = required,
            CustomParser = result =>
            {
                string token = SingleToken(result);
                if (QuantityParser.TryParseCount(token, out double value) && value == Math.Floor(value) && value >= min && value <= max)
                {
                    return (int)value;
                }

                string range = max == int.MaxValue ? $"at least {min}" : $"from {min} to {max}";
                result.AddError($"{name}: '{token}' is not valid; expected a whole number {range}.");
                return null;
            },
        };
        if (defaultValue is { } d) option.DefaultValueFactory = _ => d;
        return option;
    }

    /// <summary>An existing file path; a missing file is an error naming the option and the path.</summary>
    public static Option<FileInfo?> ExistingFile(string name, string description, bool required = false)
    {
        var option = new Option<FileInfo?>(name) { Description = description, Required = required };
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

    private static Option<double?> Number(string name, string description, bool required, double? defaultValue,
        TryParse parse, string forms, Func<double, bool> valid, string rangeText)
    {
        var option = new Option<double?>(name)
        {
            Description = description,
            Required = required,
            CustomParser = result =>
            {
                string token = SingleToken(result);
                if (!parse(token, out double value))
                {
                    result.AddError($"{name}: '{token}' is not a finite number; expected {forms}.");
                    return null;
                }

                if (!valid(value))
                {
                    result.AddError($"{name}: {value.ToString("R", CultureInfo.InvariantCulture)} is out of range; it must be {rangeText}.");
                    return null;
                }

                return value;
            },
        };
        if (defaultValue is { } d) option.DefaultValueFactory = _ => d;
        return option;
    }

    private static string SingleToken(ArgumentResult result)
        => result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";

    private delegate bool TryParse(string text, out double value);
}
