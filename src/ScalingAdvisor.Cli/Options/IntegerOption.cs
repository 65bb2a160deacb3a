using System.CommandLine;
using System.Globalization;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Cli.Options;

/// <summary>
/// A whole-number option in [min, max], or one of a set of allowed values (<c>--gpus 1024</c>, <c>--layers 32</c>,
/// <c>--base-bits 4</c>; K/M suffixes allowed): read it with <c>parse.GetValue(option)</c>, which returns <c>null</c>
/// when the option was not given and has no default. The help line and the error state the same range or set, built
/// from the values validation uses.
/// </summary>
internal sealed class IntegerOption : ValidatedOption
{
    private readonly int _min;
    private readonly int _max;
    private readonly int[]? _allowed;

    internal IntegerOption(string name, string description, int min, int max, bool required, int? defaultValue, int[]? allowed = null)
        : base(name, description + " [" + Accepted(min, max, allowed) + "]", required, defaultValue?.ToString(CultureInfo.InvariantCulture))
    {
        _min = min;
        _max = max;
        _allowed = allowed;
    }

    /// <summary>The values accepted, in words: "one of 16, 8, 4", "at least 1" or "from 0 to 3".</summary>
    public string AcceptedText => Accepted(_min, _max, _allowed);

    private static string Accepted(int min, int max, int[]? allowed)
    {
        if (allowed is { Length: > 0 })
        {
            return "one of " + string.Join(", ", allowed.Select(v => v.ToString(CultureInfo.InvariantCulture)));
        }

        return max == int.MaxValue
            ? string.Create(CultureInfo.InvariantCulture, $"at least {min}")
            : string.Create(CultureInfo.InvariantCulture, $"from {min} to {max}");
    }

    /// <summary>The value given (or the default); <c>null</c> when absent.</summary>
    public int? Read(ParseResult parse) => ReadNumber(parse) is { } value ? (int)value : null;

    protected override string? TryConvert(string token, out double value)
    {
        if (QuantityParser.TryParseCount(token, out value) && value == Math.Floor(value) && value >= _min && value <= _max
            && (_allowed is null || Array.IndexOf(_allowed, (int)value) >= 0))
        {
            return null;
        }

        return $"'{token}' is not valid; expected a whole number {AcceptedText}.";
    }
}

/// <summary><c>parse.GetValue(option)</c> for the typed options, as for System.CommandLine's own.</summary>
internal static class TypedOptionValues
{
    public static double? GetValue(this ParseResult parse, NumberOption option) => option.Read(parse);

    public static int? GetValue(this ParseResult parse, IntegerOption option) => option.Read(parse);
}
