using System.CommandLine;
using ScalingAdvisor.Cli.Rendering;

namespace ScalingAdvisor.Cli.Options;

/// <summary><c>--format table|json|csv</c>, recursive so every command takes it.</summary>
internal static class FormatOption
{
    public const string Name = "--format";

    public static Option<OutputFormat> Create() => new(Name)
    {
        Description = "Output format: table (human), json (the stable contract, SI units in field names) or csv.",
        DefaultValueFactory = _ => OutputFormat.Table,
        Recursive = true,
    };
}
