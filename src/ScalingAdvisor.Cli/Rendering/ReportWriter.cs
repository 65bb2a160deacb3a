using System.CommandLine;
using ScalingAdvisor.Cli.Options;

namespace ScalingAdvisor.Cli.Rendering;

/// <summary>Writes a command's report in the format the user chose with <c>--format</c>.</summary>
internal static partial class ReportWriter
{
    /// <summary>Renders <paramref name="report"/> to the invocation's output and returns exit code 0.</summary>
    /// <exception cref="Infrastructure.CliInputException">A value or sentence shows Infinity or NaN: the inputs lie outside
    /// the range that can be represented (a report never shows them).</exception>
    public static int Write(ParseResult parse, Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        RequireFinite(report.Document(), "");
        TextWriter output = parse.InvocationConfiguration.Output;
        switch (FormatOf(parse))
        {
            case OutputFormat.Json:
                JsonReportWriter.Write(report, output);
                break;
            case OutputFormat.Csv:
                CsvReportWriter.Write(report, output);
                break;
            default:
                TableReportWriter.Write(report, output, TerminalWidth.For(output), SourcesOption.Read(parse));
                break;
        }

        return 0;
    }

    // Numbers are checked as they are added (ReportObject.Add); sentences built from a non-finite number say
    // "Infinity" or "NaN" (e.g. "Infinity× below the smallest run"), which only inputs outside the representable range cause.
    private static void RequireFinite(ReportObject node, string path)
    {
        foreach (var field in node.Fields)
        {
            string name = path.Length == 0 ? field.Name : path + "." + field.Name;
            switch (field.Value)
            {
                case ReportValue.Text text when ShowsNonFinite(text.Value):
                    throw NonFinite(name);
                case ReportValue.Strings strings when strings.Items.Any(ShowsNonFinite):
                    throw NonFinite(name);
                case ReportValue.Object child:
                    RequireFinite(child.Value, name);
                    break;
                case ReportValue.Array array:
                    foreach (var item in array.Items)
                    {
                        RequireFinite(item, name);
                    }

                    break;
            }
        }
    }

    // .NET's invariant renderings of ±∞ and NaN as whole words; AMD's "Infinity Fabric" (an interconnect named in the
    // hardware catalog's sources) is not a number.
    private static bool ShowsNonFinite(string text)
        => (text.Contains("Infinity", StringComparison.Ordinal) || text.Contains("NaN", StringComparison.Ordinal)) && NonFiniteWord().IsMatch(text);

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<![A-Za-z])(?:Infinity(?! Fabric)|NaN)(?![A-Za-z])")]
    private static partial System.Text.RegularExpressions.Regex NonFiniteWord();

    private static Infrastructure.CliInputException NonFinite(string field)
        => new($"{field}: a number computed from these inputs is infinite or not a number; the inputs lie outside the range that can be represented.");

    /// <summary>The <c>--format</c> the user chose (table when absent).</summary>
    public static OutputFormat FormatOf(ParseResult parse)
        => FormatOption.Read(parse);
}
