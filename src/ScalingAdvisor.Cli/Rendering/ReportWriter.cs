using System.CommandLine;
using ScalingAdvisor.Cli.Options;

namespace ScalingAdvisor.Cli.Rendering;

/// <summary>Writes a command's report in the format the user chose with <c>--format</c>.</summary>
internal static class ReportWriter
{
    /// <summary>Renders <paramref name="report"/> to the invocation's output and returns exit code 0.</summary>
    public static int Write(ParseResult parse, Report report)
    {
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

    /// <summary>The <c>--format</c> the user chose (table when absent).</summary>
    public static OutputFormat FormatOf(ParseResult parse)
        => FormatOption.Read(parse);
}
