using System.CommandLine;
using System.Globalization;
using ScalingAdvisor.Cli.Parsing;

namespace ScalingAdvisor.Cli.Options;

/// <summary>
/// A whole-number option in [min, max] (<c>--gpus 1024</c>, <c>--layers 32</c>; K/M suffixes allowed): read it with
/// <c>parse.GetValue(option)</c>, which returns <c>null</c> when the option was not given and has no default.
/// </summary>
/// <remarks>Backed by an <c>Option&lt;string&gt;</c> for start-up, as <see cref="NumberOption"/> explains.</remarks>
internal sealed class IntegerOption
{
    private readonly int _min;
    private readonly int _max;

    internal IntegerOption(string name, string description, int min, int max, bool required, int? defaultValue)
    {
        _min = min;
        _max = max;
        Symbol = new Option<string>(name)
        {
            Description = description,
            Required = required,
            CustomParser = result => TokenParsing.Validate(result, name, TryConvert),
        };
        if (defaultValue is { } d)
        {
            string text = d.ToString(CultureInfo.InvariantCulture);
            Symbol.DefaultValueFactory = _ => text;
        }
    }

    /// <summary>The System.CommandLine option to add to a command.</summary>
    public Option<string> Symbol { get; }

    /// <summary>The option's name, e.g. <c>--gpus</c>.</summary>
    public string Name => Symbol.Name;

    public static implicit operator Option(IntegerOption option) => option.Symbol;

    /// <summary>The value given (or the default), already validated at parse time; <c>null</c> when absent.</summary>
    public int? Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        string? text = parse.GetValue(Symbol);
        if (text is null)
        {
            return null;
        }

        string? error = TryConvert(text, out double value);
        return error is null ? (int)value : throw new Infrastructure.CliInputException($"{Name}: {error}");
    }

    private string? TryConvert(string token, out double value)
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
