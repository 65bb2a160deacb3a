using System.CommandLine;

namespace ScalingAdvisor.Cli.Options;

/// <summary>
/// <c>--sources</c> on the catalog commands: adds each entry's citations to the table. JSON and CSV always carry them;
/// without the flag a catalog's table is one line per entry.
/// </summary>
internal static class SourcesOption
{
    public const string Name = "--sources";

    public static Option<bool> Create() => new(Name)
    {
        Description = "Also show each entry's sources in the table (JSON and CSV always include them).",
    };

    /// <summary>Whether the invoked command has <c>--sources</c> and it was given.</summary>
    public static bool Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        foreach (Option option in parse.CommandResult.Command.Options)
        {
            if (option.Name == Name && option is Option<bool> flag) return parse.GetValue(flag);
        }

        return false;
    }
}
