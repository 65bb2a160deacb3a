using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace ScalingAdvisor.Cli.Options;

/// <summary>
/// A number-valued option (a count such as <c>70B</c>, a byte size, a fraction): read it with
/// <c>parse.GetValue(option)</c>, which returns <c>null</c> when the option was not given and has no default.
/// </summary>
/// <remarks>
/// Implementation note (issue 7, start-up): System.CommandLine sees an <c>Option&lt;string&gt;</c> whose custom
/// parser validates the token at parse time (so a bad value is still a parse error naming the option, exit code 2).
/// An <c>Option&lt;double?&gt;</c> would be a generic instantiation over a value type from another assembly, which
/// ReadyToRun cannot precompile: each such instantiation cost ~15 JIT-compiled methods, ~4 ms, on every run.
/// Instantiations over reference types share System.CommandLine's precompiled code.
/// </remarks>
internal sealed class NumberOption
{
    private readonly NumberRule _rule;

    internal NumberOption(string name, string description, bool required, double? defaultValue, NumberRule rule)
    {
        _rule = rule;
        Symbol = new Option<string>(name)
        {
            Description = description,
            Required = required,
            CustomParser = result => TokenParsing.Validate(result, name, rule.TryConvert),
        };
        if (defaultValue is { } d)
        {
            string text = d.ToString("R", CultureInfo.InvariantCulture);
            Symbol.DefaultValueFactory = _ => text;
        }
    }

    /// <summary>The System.CommandLine option to add to a command.</summary>
    public Option<string> Symbol { get; }

    /// <summary>The option's name, e.g. <c>--params</c>.</summary>
    public string Name => Symbol.Name;

    public static implicit operator Option(NumberOption option) => option.Symbol;

    /// <summary>The value given (or the default), already validated at parse time; <c>null</c> when absent.</summary>
    public double? Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        string? text = parse.GetValue(Symbol);
        if (text is null)
        {
            return null;
        }

        string? error = _rule.TryConvert(text, out double value);
        return error is null ? value : throw new Infrastructure.CliInputException($"{Name}: {error}");
    }
}

/// <summary>How a <see cref="NumberOption"/> parses and which values it accepts.</summary>
/// <param name="Parse">The token parser (counts with K/M/B/T suffixes, byte sizes, plain numbers).</param>
/// <param name="Forms">The accepted forms, for the error message.</param>
/// <param name="IsValid">The range check.</param>
/// <param name="RangeText">The range, for the error message ("greater than 0").</param>
internal sealed record NumberRule(TryParseNumber Parse, string Forms, Func<double, bool> IsValid, string RangeText)
{
    /// <summary>Converts a token; returns null on success, or the reason it is not valid.</summary>
    public string? TryConvert(string token, out double value)
    {
        if (!Parse(token, out value))
        {
            return $"'{token}' is not a finite number; expected {Forms}.";
        }

        return IsValid(value)
            ? null
            : $"{value.ToString("R", CultureInfo.InvariantCulture)} is out of range; it must be {RangeText}.";
    }
}

/// <summary>Parses a number from a token; false when the token is not one.</summary>
internal delegate bool TryParseNumber(string text, out double value);

/// <summary>Parse-time validation shared by the typed options.</summary>
internal static class TokenParsing
{
    /// <summary>Converts an option's last token for validation only; the error names the option and the value.</summary>
    public static string? Validate(ArgumentResult result, string name, TryConvertToken convert)
    {
        string token = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        string? error = convert(token, out _);
        if (error is null)
        {
            return token;
        }

        result.AddError($"{name}: {error}");
        return null;
    }
}

/// <summary>Converts a token; returns null on success or the reason it is not valid.</summary>
internal delegate string? TryConvertToken(string token, out double value);
