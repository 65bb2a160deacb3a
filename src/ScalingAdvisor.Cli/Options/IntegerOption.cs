using System.CommandLine;
using System.Globalization;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Cli.Options;

/// <summary>
/// A whole-number option in [min, max] (<c>--gpus 1024</c>, <c>--layers 32</c>; K/M suffixes allowed): read it with
/// <c>parse.GetValue(option)</c>, which returns <c>null</c> when the option was not given and has no default.
/// </summary>
internal sealed class IntegerOption : ValidatedOption
{
    private readonly int _min;
    private readonly int _max;

    internal IntegerOption(string name, string description, int min, int max, bool required, int? defaultValue)
        : base(name, description, required, defaultValue?.ToString(CultureInfo.InvariantCulture))
    {
        _min = min;
        _max = max;
    }

    /// <summary>The value given (or the default); <c>null</c> when absent.</summary>
    public int? Read(ParseResult parse) => ReadNumber(parse) is { } value ? (int)value : null;

    protected override string? TryConvert(string token, out double value)
    {
        if (QuantityParser.TryParseCount(token, out value) && value == Math.Floor(value) && value >= _min && value <= _max)
        {
            return null;
        }

        string range = _max == int.MaxValue ? $"at least {_min}" : $"from {_min} to {_max}";
        return $"'{token}' is not valid; expected a whole number {range}.";
    }
}

/// <summary><c>parse.GetValue(option)</c> for the typed options, as for System.CommandLine's own.</summary>
internal static class TypedOptionValues
{
    public static double? GetValue(this ParseResult parse, NumberOption option) => option.Read(parse);

    public static int? GetValue(this ParseResult parse, IntegerOption option) => option.Read(parse);
}
