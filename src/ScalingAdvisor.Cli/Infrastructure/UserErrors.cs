using System.CommandLine;
using System.CommandLine.Parsing;
using ScalingAdvisor.Catalogs;

namespace ScalingAdvisor.Cli.Infrastructure;

/// <summary>
/// Turns a failure into the one line a person can act on: the option it concerns is named (<c>--from</c>, never the
/// library's <c>scenario.From</c>), .NET's <c>(Parameter 'x')</c> suffix is dropped, and a list that
/// System.CommandLine spreads over several lines ("Must be one of: …") stays whole on one line.
/// </summary>
internal static partial class UserErrors
{
    [System.Text.RegularExpressions.GeneratedRegex(@"^([A-Za-z]\w*(?:\.\w+)+):")]
    private static partial System.Text.RegularExpressions.Regex LibraryPath();

    /// <summary>
    /// Exceptions that mean "the user's input is wrong" rather than "the tool is broken": bad arguments, unreadable or
    /// malformed files, a failed write (a full disk), and arithmetic overflow, which here only huge inputs cause.
    /// </summary>
    public static bool IsInvalidInput(Exception exception) => exception is
        ArgumentException or FormatException or CliInputException or IOException or UnauthorizedAccessException
        or System.Text.Json.JsonException or InvalidDataException or OverflowException or NotSupportedException;

    /// <summary>The line for an invalid-input exception (without the <c>error: </c> prefix).</summary>
    public static string Describe(Exception exception, ParseResult? parse)
    {
        string message = OneLine(exception.Message);
        string? paramName = (exception as ArgumentException)?.ParamName;
        if (!string.IsNullOrEmpty(paramName))
        {
            message = StripParameterSuffix(message, paramName);
        }

        if (exception is OverflowException)
        {
            message = "a number computed from these inputs is too large to represent; use smaller values.";
        }

        // A message that opens with a library path ("scenario.From: the sweep must go up") names that option instead.
        var path = LibraryPath().Match(message);
        if (path.Success && OptionBinding.FindByName(parse, path.Groups[1].Value) is { } named)
        {
            return named.Name + message[path.Groups[1].Length..];
        }

        Option? option = OptionBinding.Find(parse, exception);
        if (option is not null)
        {
            if (!string.IsNullOrEmpty(paramName) && StartsWithWord(message, paramName))
            {
                return option.Name + message[paramName.Length..];
            }

            return message.Contains(option.Name, StringComparison.Ordinal) ? message : $"{option.Name}: {message}";
        }

        // A quantity no option fed that overflowed (computed from huge inputs): say so rather than show its internal name.
        return !string.IsNullOrEmpty(paramName) && StartsWithWord(message, paramName) && message.Contains('∞', StringComparison.Ordinal)
            ? "a quantity computed from these inputs" + message[paramName.Length..]
            : message;
    }

    /// <summary>The line for a parse error: the unknown command, or the first error with its option named.</summary>
    public static string DescribeParseError(ParseResult parse, IEnumerable<string> commandNames)
    {
        if (parse.CommandResult.Parent is null && parse.UnmatchedTokens.Count > 0)
        {
            string unknown = parse.UnmatchedTokens[0];
            if (!unknown.StartsWith('-'))
            {
                var names = commandNames.ToList();
                string? suggestion = IdSuggestions.Closest(unknown, names);
                string hint = suggestion is null ? "" : $" Did you mean '{suggestion}'?";
                return $"unknown command '{unknown}'.{hint} Commands: {string.Join(", ", names)} (see --help).";
            }
        }

        ParseError error = parse.Errors[0];
        string message = Flatten(error.Message);
        Option? option = error.SymbolResult switch
        {
            OptionResult optionResult => optionResult.Option,
            ArgumentResult { Parent: OptionResult optionResult } => optionResult.Option,
            _ => null,
        };
        return option is null || message.Contains(option.Name, StringComparison.Ordinal) ? message : $"{option.Name}: {message}";
    }

    /// <summary>
    /// The first line of a message: <see cref="ArgumentOutOfRangeException"/> appends "Actual value was …" on a
    /// second line, which our own messages already say.
    /// </summary>
    internal static string OneLine(string message)
    {
        string trimmed = message.Trim();
        int newline = trimmed.IndexOfAny(['\r', '\n']);
        return newline < 0 ? trimmed : trimmed[..newline].TrimEnd();
    }

    /// <summary>
    /// A multi-line parse message on one line: "Must be one of:" followed by one value a line becomes
    /// "Must be one of: 'none', 'selective', 'full'."
    /// </summary>
    internal static string Flatten(string message)
    {
        var lines = message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length <= 1)
        {
            return message.Trim();
        }

        var text = new System.Text.StringBuilder(lines[0]);
        for (int i = 1; i < lines.Length; i++)
        {
            bool listItem = i > 1 || lines[0].EndsWith(':');
            text.Append(listItem && i > 1 ? ", " : " ").Append(lines[i]);
        }

        if (text[^1] != '.')
        {
            text.Append('.');
        }

        return text.ToString();
    }

    private static string StripParameterSuffix(string message, string paramName)
    {
        string suffix = $" (Parameter '{paramName}')";
        return message.EndsWith(suffix, StringComparison.Ordinal) ? message[..^suffix.Length] : message;
    }

    private static bool StartsWithWord(string message, string word)
        => message.StartsWith(word, StringComparison.Ordinal)
           && (message.Length == word.Length || !char.IsLetterOrDigit(message[word.Length]));
}
