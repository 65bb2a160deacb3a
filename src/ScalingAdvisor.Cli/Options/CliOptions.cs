using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using ScalingAdvisor.Cli.Files;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Cli.Options;

/// <summary>
/// Factories for options that carry units, ranges or a set of ids. Each is typed as what it holds
/// (<c>Option&lt;double?&gt;</c>, <c>Option&lt;int?&gt;</c>, <c>Option&lt;TEnum&gt;</c>), parses with
/// <see cref="QuantityParser"/> (or its <see cref="Choices{T}"/>), and rejects bad values at parse time with a message
/// naming the option and the value (exit code 2). The help line states the accepted range or set from the very values
/// validation uses. Reading an absent option without a default gives <c>null</c>.
/// </summary>
internal static class CliOptions
{
    private const string CountForms = "plain or scientific notation, optionally with K, M, B/G, T or P (e.g. 70B, 1.4T, 7e10)";

    /// <summary>A count (parameters, tokens, FLOPs) &gt; 0, e.g. <c>--params 70B</c>.</summary>
    public static Option<double?> Count(string name, string description, bool required = false, double? defaultValue = null)
        => Number(name, description, required, defaultValue, new NumberRule(QuantityParser.TryParseCount, CountForms, v => v > 0, "greater than 0"));

    /// <summary>
    /// A byte size &gt; 0 with a unit, e.g. <c>--gpu-memory 80GiB</c>: KB/MB/GB/TB are powers of 1000, KiB/MiB/GiB/TiB of
    /// 1024 (<see cref="QuantityParser.ByteConvention"/>, appended to the help line); a bare number or <c>80G</c> is refused.
    /// </summary>
    public static Option<double?> Bytes(string name, string description, bool required = false)
        => Number(name, description + " " + QuantityParser.ByteConvention, required, null, new NumberRule(QuantityParser.TryParseBytes,
            QuantityParser.ByteForms, v => v > 0, "greater than 0", QuantityParser.ExplainBytes));

    /// <summary>A plain number ≥ <paramref name="min"/>, e.g. <c>--granularity 8</c> (≥ 1).</summary>
    public static Option<double?> AtLeast(string name, string description, double min, bool required = false, double? defaultValue = null)
        => Number(name, description, required, defaultValue, new NumberRule(QuantityParser.TryParseNumber, "a number", v => v >= min,
            "at least " + min.ToString("R", CultureInfo.InvariantCulture)));

    /// <summary>A plain number in [min, max], e.g. <c>--pue 1.1</c> in [1, 5].</summary>
    public static Option<double?> Between(string name, string description, double min, double max, bool required = false, double? defaultValue = null)
        => Number(name, description, required, defaultValue, new NumberRule(QuantityParser.TryParseNumber, "a number", v => v >= min && v <= max,
            string.Create(CultureInfo.InvariantCulture, $"in [{min:R}, {max:R}]")));

    /// <summary>A plain number in [min, max), e.g. <c>--sparsity 0.5</c> in [0, 1).</summary>
    public static Option<double?> HalfOpen(string name, string description, double min, double max, bool required = false)
        => Number(name, description, required, null, new NumberRule(QuantityParser.TryParseNumber, "a number", v => v >= min && v < max,
            string.Create(CultureInfo.InvariantCulture, $"in [{min:R}, {max:R})")));

    /// <summary>A plain number in the open interval (min, max), e.g. <c>--confidence 0.95</c> in (0, 1).</summary>
    public static Option<double?> Open(string name, string description, double min, double max, bool required = false, double? defaultValue = null)
        => Number(name, description, required, defaultValue, new NumberRule(QuantityParser.TryParseNumber, "a number", v => v > min && v < max,
            string.Create(CultureInfo.InvariantCulture, $"in ({min:R}, {max:R})")));

    /// <summary>A plain number &gt; 0.</summary>
    public static Option<double?> Positive(string name, string description, bool required = false, double? defaultValue = null)
        => Number(name, description, required, defaultValue, new NumberRule(QuantityParser.TryParseNumber, "a number", v => v > 0, "greater than 0"));

    /// <summary>A plain number ≥ 0.</summary>
    public static Option<double?> NonNegative(string name, string description, bool required = false, double? defaultValue = null)
        => Number(name, description, required, defaultValue, new NumberRule(QuantityParser.TryParseNumber, "a number", v => v >= 0, "at least 0"));

    /// <summary>A fraction in (0, 1], e.g. <c>--mfu 0.4</c>.</summary>
    public static Option<double?> Fraction(string name, string description, bool required = false, double? defaultValue = null)
        => Number(name, description, required, defaultValue, new NumberRule(QuantityParser.TryParseNumber, "a number", v => v is > 0 and <= 1, "in (0, 1]"));

    /// <summary>A time &gt; 0 in seconds, given as <c>0.5</c>, <c>0.5s</c>, <c>50ms</c>, <c>800us</c> or <c>2min</c>, e.g. <c>--ttft-slo 0.5s</c>.</summary>
    public static Option<double?> Seconds(string name, string description, bool required = false)
        => Number(name, description, required, null, new NumberRule(TryParseSeconds, "seconds, or with a unit s, ms, us or min (e.g. 0.5s, 50ms)", v => v > 0, "greater than 0"));

    private static bool TryParseSeconds(string text, out double seconds)
    {
        string t = text.Trim();
        (string Suffix, double Scale)[] units = [("ms", 1e-3), ("us", 1e-6), ("µs", 1e-6), ("min", 60), ("s", 1)];
        foreach (var (suffix, scale) in units)
        {
            if (t.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && QuantityParser.TryParseNumber(t[..^suffix.Length], out double value))
            {
                seconds = value * scale;
                return double.IsFinite(seconds);
            }
        }

        return QuantityParser.TryParseNumber(t, out seconds);
    }

    /// <summary>A whole number in [min, max] (K/M suffixes allowed, e.g. <c>--gpus 1K</c>).</summary>
    public static Option<int?> Integer(string name, string description, int min, int max = int.MaxValue, bool required = false, int? defaultValue = null)
        => WholeNumber(name, description, required, defaultValue, new IntegerRule(min, max, null));

    /// <summary>A whole number that must be one of <paramref name="allowed"/>, e.g. <c>--base-bits 16|8|4</c>.</summary>
    public static Option<int?> OneOf(string name, string description, int[] allowed, bool required = false, int? defaultValue = null)
        => WholeNumber(name, description, required, defaultValue, new IntegerRule(allowed.Min(), allowed.Max(), allowed));

    /// <summary>
    /// An enum option given by id (<c>--recompute none|selective|full</c>, any case); the help shows the ids, and an
    /// unknown id is a parse error listing them. <paramref name="unrecognised"/> words that error when a command has a
    /// house style for it (<c>--format</c>); by default it is System.CommandLine's own wording.
    /// </summary>
    public static Option<T> Choice<T>(string name, string description, Choices<T> choices, T defaultValue, Func<string, string>? unrecognised = null)
        where T : struct, Enum
    {
        var option = new Option<T>(name)
        {
            Description = description,
            HelpName = string.Join('|', choices.Ids),
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result =>
            {
                string token = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
                if (choices.TryParse(token, out T value))
                {
                    return value;
                }

                result.AddError(unrecognised?.Invoke(token)
                    ?? $"{name}: Argument '{token}' not recognized. Must be one of: {string.Join(", ", Array.ConvertAll(choices.Ids, id => $"'{id}'"))}.");
                return defaultValue;
            },
        };
        option.CompletionSources.Add(choices.Ids);
        return option;
    }

    private static Option<double?> Number(string name, string description, bool required, double? defaultValue, NumberRule rule)
    {
        var option = new Option<double?>(name)
        {
            Description = description + " [" + rule.RangeText + "]",
            Required = required,
            CustomParser = result =>
            {
                string? error = rule.TryConvert(Token(result), out double value);
                if (error is null)
                {
                    return value;
                }

                result.AddError($"{name}: {error}");
                return null;
            },
        };
        if (defaultValue is { } value)
        {
            option.DefaultValueFactory = _ => value;
        }

        return option;
    }

    private static Option<int?> WholeNumber(string name, string description, bool required, int? defaultValue, IntegerRule rule)
    {
        var option = new Option<int?>(name)
        {
            Description = description + " [" + rule.AcceptedText + "]",
            Required = required,
            CustomParser = result =>
            {
                string token = Token(result);
                if (rule.TryConvert(token, out int value))
                {
                    return value;
                }

                result.AddError($"{name}: '{token}' is not valid; expected a whole number {rule.AcceptedText}.");
                return null;
            },
        };
        if (defaultValue is { } value)
        {
            option.DefaultValueFactory = _ => value;
        }

        return option;
    }

    private static string Token(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";

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

/// <summary>How a number option parses and which values it accepts.</summary>
/// <param name="Parse">The token parser (counts with K/M/B/T suffixes, byte sizes, plain numbers).</param>
/// <param name="Forms">The accepted forms, for the error message.</param>
/// <param name="IsValid">The range check.</param>
/// <param name="RangeText">The range, for the help line and the error message ("greater than 0").</param>
/// <param name="Explain">Why a token that does not parse is refused, when more helpful than "not a finite number".</param>
internal sealed record NumberRule(TryParseNumber Parse, string Forms, Func<double, bool> IsValid, string RangeText, Func<string, string>? Explain = null)
{
    /// <summary>Converts a token; returns null on success, or the reason it is not valid.</summary>
    public string? TryConvert(string token, out double value)
    {
        if (!Parse(token, out value))
        {
            return Explain?.Invoke(token) ?? $"'{token}' is not a finite number; expected {Forms}.";
        }

        return IsValid(value)
            ? null
            : $"{value.ToString("R", CultureInfo.InvariantCulture)} is out of range; it must be {RangeText}.";
    }
}

/// <summary>Parses a number from a token; false when the token is not one.</summary>
internal delegate bool TryParseNumber(string text, out double value);

/// <summary>The whole numbers an integer option accepts: [min, max], or one of a set.</summary>
internal sealed record IntegerRule(int Min, int Max, int[]? Allowed)
{
    /// <summary>The values accepted, in words: "one of 16, 8, 4", "at least 1" or "from 0 to 3".</summary>
    public string AcceptedText => Allowed is { Length: > 0 }
        ? "one of " + string.Join(", ", Allowed.Select(v => v.ToString(CultureInfo.InvariantCulture)))
        : Max == int.MaxValue
            ? string.Create(CultureInfo.InvariantCulture, $"at least {Min}")
            : string.Create(CultureInfo.InvariantCulture, $"from {Min} to {Max}");

    /// <summary>Converts a token (K/M suffixes allowed); false when it is not an accepted whole number.</summary>
    public bool TryConvert(string token, out int value)
    {
        bool ok = QuantityParser.TryParseCount(token, out double number) && number == Math.Floor(number) && number >= Min && number <= Max
            && (Allowed is null || Array.IndexOf(Allowed, (int)number) >= 0);
        value = ok ? (int)number : 0;
        return ok;
    }
}
