using System.CommandLine;
using System.CommandLine.Parsing;
using ScalingAdvisor.Catalogs;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Cli.Infrastructure;

/// <summary>
/// Finds the command-line option that fed a failure, so that the message names <c>--from</c> rather than the
/// library's <c>scenario.From</c>. One rule for every command: the options are those of the parsed command line.
/// </summary>
/// <remarks>
/// Implementation note: two bindings, tried in order. (1) By name: the library names the parameter
/// (<see cref="ArgumentException.ParamName"/>, e.g. <c>scenario.InferenceTokens</c>); its last segment, without case
/// and dashes, is the option's name (<c>--inference-tokens</c>). (2) By value: the option the user gave whose value the
/// failure carries: the <see cref="ArgumentOutOfRangeException.ActualValue"/>, the <see cref="UnknownIdException.Id"/>,
/// or a quoted token (a path) in the message. A binding must be unique; an ambiguous one binds nothing.
/// </remarks>
internal static class OptionBinding
{
    /// <summary>The option that fed <paramref name="exception"/>, or null when none is known.</summary>
    public static Option? Find(ParseResult? parse, Exception exception)
    {
        if (parse is null)
        {
            return null;
        }

        var options = OptionsOf(parse);
        if (exception is ArgumentException { ParamName: { Length: > 0 } paramName } && FindByName(options, paramName) is { } byName)
        {
            return byName;
        }

        var given = new List<(Option Option, string Token)>();
        foreach (var option in options)
        {
            if (parse.GetResult(option) is OptionResult { Implicit: false } result && result.Tokens.Count > 0)
            {
                given.Add((option, result.Tokens[^1].Value));
            }
        }

        Func<string, bool>? matches = exception switch
        {
            UnknownIdException unknown => token => string.Equals(token.Trim(), unknown.Id.Trim(), StringComparison.OrdinalIgnoreCase),
            ArgumentOutOfRangeException { ActualValue: double actual } => token => ParsesTo(token, actual),
            ArgumentOutOfRangeException { ActualValue: int actual } => token => ParsesTo(token, actual),
            ArgumentOutOfRangeException { ActualValue: long actual } => token => ParsesTo(token, actual),
            _ => null,
        };
        if (matches is not null && UniqueGiven(given, matches) is { } byValue)
        {
            return byValue;
        }

        string message = exception.Message;
        return UniqueGiven(given, token => token.Length > 0
            && (message.Contains($"'{token}'", StringComparison.Ordinal) || message.Contains($"'{FullPath(token)}'", StringComparison.Ordinal)));
    }

    /// <summary>The option a library name (<c>scenario.From</c>, <c>InferenceTokens</c>) stands for, or null.</summary>
    public static Option? FindByName(ParseResult? parse, string libraryName)
        => parse is null ? null : FindByName(OptionsOf(parse), libraryName);

    private static Option? FindByName(List<Option> options, string libraryName)
    {
        string name = LastSegment(libraryName);
        string wanted = Normalise(Aliases.TryGetValue(name, out string? alias) ? alias : name);
        return Unique(options, option => Normalise(option.Name) == wanted);
    }

    // Library names whose option is spelt differently (the shape options are short for TransformerShape's properties).
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["ModelWidth"] = "--d-model",
        ["KeyValueHeads"] = "--kv-heads",
        ["HeadWidth"] = "--head-dim",
        ["FeedForwardWidth"] = "--ffn",
        ["VocabularySize"] = "--vocab",
        ["ContextLength"] = "--seq-len",
        ["expertParallel"] = "--ep",
        ["expertTensorParallel"] = "--etp",
        ["ExpertParallel"] = "--ep",
        ["expertAllToAllOverlap"] = "--ep-overlap",
        ["ExpertTensorParallel"] = "--etp",
    };

    /// <summary>The last segment of a dotted parameter name: <c>scenario.From</c> → <c>From</c>.</summary>
    public static string LastSegment(string paramName)
    {
        int dot = paramName.LastIndexOf('.');
        return dot < 0 ? paramName : paramName[(dot + 1)..];
    }

    /// <summary>The options that apply to the parsed command: its own and its ancestors' recursive ones.</summary>
    private static List<Option> OptionsOf(ParseResult parse)
    {
        var options = new List<Option>();
        bool own = true;
        for (SymbolResult? result = parse.CommandResult; result is not null; result = result.Parent)
        {
            if (result is CommandResult command)
            {
                foreach (var option in command.Command.Options)
                {
                    if (own || option.Recursive)
                    {
                        options.Add(option);
                    }
                }

                own = false;
            }
        }

        return options;
    }

    private static Option? Unique(List<Option> options, Func<Option, bool> predicate)
    {
        Option? found = null;
        foreach (var option in options)
        {
            if (predicate(option))
            {
                if (found is not null)
                {
                    return null;
                }

                found = option;
            }
        }

        return found;
    }

    private static Option? UniqueGiven(List<(Option Option, string Token)> given, Func<string, bool> predicate)
    {
        Option? found = null;
        foreach (var (option, token) in given)
        {
            if (predicate(token))
            {
                if (found is not null && found != option)
                {
                    return null;
                }

                found = option;
            }
        }

        return found;
    }

    private static bool ParsesTo(string token, double actual)
        => (QuantityParser.TryParseCount(token, out double count) && count.Equals(actual))
           || (QuantityParser.TryParseBytes(token, out double bytes) && bytes.Equals(actual));

    private static string FullPath(string token)
    {
        try
        {
            return Path.GetFullPath(token);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return token;
        }
    }

    private static string Normalise(string name)
    {
        var chars = new System.Text.StringBuilder(name.Length);
        foreach (char c in name)
        {
            if (c != '-' && c != '_')
            {
                chars.Append(char.ToLowerInvariant(c));
            }
        }

        return chars.ToString();
    }
}
