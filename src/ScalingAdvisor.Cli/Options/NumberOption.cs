using System.CommandLine;
using System.Globalization;

namespace ScalingAdvisor.Cli.Options;

/// <summary>
/// A number-valued option (a count such as <c>70B</c>, a byte size, a fraction): read it with
/// <c>parse.GetValue(option)</c>, which returns <c>null</c> when the option was not given and has no default.
/// </summary>
internal sealed class NumberOption : ValidatedOption
{
    private readonly NumberRule _rule;

    internal NumberOption(string name, string description, bool required, double? defaultValue, NumberRule rule)
        : base(name, description + " [" + rule.RangeText + "]", required, defaultValue?.ToString("R", CultureInfo.InvariantCulture))
    {
        _rule = rule;
    }

    /// <summary>The value given (or the default); <c>null</c> when absent.</summary>
    public double? Read(ParseResult parse) => ReadNumber(parse);

    protected override string? TryConvert(string token, out double value) => _rule.TryConvert(token, out value);
}

/// <summary>How a <see cref="NumberOption"/> parses and which values it accepts.</summary>
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
