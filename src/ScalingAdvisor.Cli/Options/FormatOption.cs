using System.CommandLine;
using ScalingAdvisor.Cli.Rendering;

namespace ScalingAdvisor.Cli.Options;

/// <summary><c>--format table|json|csv</c> (any case), recursive so every command takes it.</summary>
/// <remarks>
/// An <c>Option&lt;string&gt;</c> rather than <c>Option&lt;OutputFormat&gt;</c>: start-up, as <see cref="NumberOption"/>
/// explains (an enum instantiation was ~13 JIT-compiled methods per run).
/// </remarks>
internal static class FormatOption
{
    public const string Name = "--format";

    public static Option<string> Create() => new(Name)
    {
        Description = "Output format: table (human), json (the stable contract, SI units in field names) or csv.",
        HelpName = "table|json|csv",
        DefaultValueFactory = _ => "table",
        Recursive = true,
        CustomParser = result =>
        {
            string token = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
            if (TryParse(token, out _))
            {
                return token;
            }

            result.AddError($"{Name}: '{token}' is not valid; expected table, json or csv.");
            return null;
        },
    };

    /// <summary>The format the user chose; table when absent.</summary>
    public static OutputFormat Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return TryParse(parse.GetValue<string>(Name) ?? "table", out var format) ? format : OutputFormat.Table;
    }

    private static bool TryParse(string text, out OutputFormat format)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "table":
                format = OutputFormat.Table;
                return true;
            case "json":
                format = OutputFormat.Json;
                return true;
            case "csv":
                format = OutputFormat.Csv;
                return true;
            default:
                format = OutputFormat.Table;
                return false;
        }
    }
}
