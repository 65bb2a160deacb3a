using System.CommandLine;
using System.CommandLine.Parsing;

namespace ScalingAdvisor.Cli.Options;

/// <summary>
/// An option whose value is validated at parse time (a bad value is a parse error naming the option and the value,
/// exit code 2) and read back as a number by the typed subclasses (<see cref="NumberOption"/>, <see cref="IntegerOption"/>).
/// </summary>
/// <remarks>
/// Implementation note (issue 7, start-up): System.CommandLine sees an <c>Option&lt;string&gt;</c>. An
/// <c>Option&lt;double?&gt;</c> or <c>Option&lt;int?&gt;</c> is a generic instantiation over a value type from another
/// assembly, which ReadyToRun cannot precompile: each one cost ~15 JIT-compiled methods, ~4 ms, on every run.
/// Instantiations over reference types share System.CommandLine's precompiled code.
/// </remarks>
internal abstract class ValidatedOption
{
    protected ValidatedOption(string name, string description, bool required, string? defaultText)
    {
        Symbol = new Option<string>(name)
        {
            Description = description,
            Required = required,
            CustomParser = Validate,
        };
        if (defaultText is not null)
        {
            Symbol.DefaultValueFactory = _ => defaultText;
        }
    }

    /// <summary>The System.CommandLine option to add to a command.</summary>
    public Option<string> Symbol { get; }

    /// <summary>The option's name, e.g. <c>--params</c>.</summary>
    public string Name => Symbol.Name;

    public static implicit operator Option(ValidatedOption option) => option?.Symbol!;

    /// <summary>Converts a token; returns null on success, or the reason it is not valid (without the option's name).</summary>
    protected abstract string? TryConvert(string token, out double value);

    /// <summary>The value given (or the default), validated at parse time; <c>null</c> when absent.</summary>
    protected double? ReadNumber(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        string? text = parse.GetValue(Symbol);
        if (text is null)
        {
            return null;
        }

        string? error = TryConvert(text, out double value);
        return error is null ? value : throw new Infrastructure.CliInputException($"{Name}: {error}");
    }

    private string? Validate(ArgumentResult result)
    {
        string token = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        string? error = TryConvert(token, out _);
        if (error is null)
        {
            return token;
        }

        result.AddError($"{Name}: {error}");
        return null;
    }
}
