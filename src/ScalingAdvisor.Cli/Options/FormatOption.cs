using System.CommandLine;
using ScalingAdvisor.Cli.Rendering;

namespace ScalingAdvisor.Cli.Options;

/// <summary><c>--format table|json|csv</c> (any case), recursive so every command takes it.</summary>
internal static class FormatOption
{
    public const string Name = "--format";

    private static readonly Choices<OutputFormat> Formats = new(("table", OutputFormat.Table), ("json", OutputFormat.Json), ("csv", OutputFormat.Csv));

    public static Option<OutputFormat> Create()
    {
        var option = CliOptions.Choice(Name, "Output format: table (human), json (the stable contract, SI units in field names) or csv.",
            Formats, OutputFormat.Table, token => $"{Name}: '{token}' is not valid; expected table, json or csv.");
        option.Recursive = true;
        return option;
    }

    /// <summary>The format the user chose; table when absent.</summary>
    public static OutputFormat Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return parse.GetValue<OutputFormat>(Name);
    }
}
