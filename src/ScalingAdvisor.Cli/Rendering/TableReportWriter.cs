using Spectre.Console;

namespace ScalingAdvisor.Cli.Rendering;

/// <summary>
/// The human view: a table of the report's rows (when it has a rows field), a two-column table of its
/// scalar results with units, then findings and assumptions. No colour, so output can be piped.
/// </summary>
internal static class TableReportWriter
{
    /// <summary>Width used when the output is not a terminal (tests, pipes).</summary>
    private const int DefaultWidth = 140;

    public static void Write(Report report, TextWriter output)
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new FixedWidthOutput(output, DefaultWidth),

            // Start-up (issue 7): no CI/terminal detection from the environment, and a fixed width, so that writing a
            // table never asks the terminal for its size (which loads terminfo on Unix).
            Enrichment = new ProfileEnrichment { UseDefaultEnrichers = false },
            EnvironmentVariables = new Dictionary<string, string>(),
        });
        console.Profile.Width = DefaultWidth;

        ReportObject document = report.Document();
        console.WriteLine(report.Title);

        foreach (var field in document.Fields)
        {
            if (field.Value is ReportValue.Array array && array.Items.Count > 0)
            {
                console.Write(RowTable(field.Name, array.Items));
            }
        }

        var scalars = ReportFlattener.Scalars(WithoutTrailer(document))
            .Where(p => p.Key != "schemaVersion")
            .ToList();
        if (scalars.Count > 0)
        {
            var table = new Table().Border(TableBorder.Rounded).AddColumn("quantity").AddColumn(new TableColumn("value").RightAligned());
            foreach (var (path, value) in scalars)
            {
                table.AddRow(Cell(ValueFormatter.Label(path)), Cell(ValueFormatter.Format(LastName(path), value)));
            }

            console.Write(table);
        }

        foreach (string finding in report.Findings)
        {
            console.WriteLine("• " + finding);
        }

        var assumptions = ReportFlattener.Scalars(report.Assumptions);
        if (assumptions.Count > 0)
        {
            console.WriteLine("Assumptions: " + string.Join("; ",
                assumptions.Select(p => $"{ValueFormatter.Label(p.Key)} {ValueFormatter.Format(LastName(p.Key), p.Value)}")));
        }
    }

    private static Table RowTable(string name, List<ReportObject> items)
    {
        var columns = ReportFlattener.Columns(items);
        var table = new Table().Border(TableBorder.Rounded).Title(ValueFormatter.Label(name));
        foreach (string column in columns)
        {
            table.AddColumn(new TableColumn(ValueFormatter.Label(column)));
        }

        foreach (var item in items)
        {
            var values = ReportFlattener.Scalars(item).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            table.AddRow(columns.Select(c => values.TryGetValue(c, out var v) ? Cell(ValueFormatter.Format(LastName(c), v)) : Cell("")).ToArray());
        }

        return table;
    }

    private static ReportObject WithoutTrailer(ReportObject document)
    {
        var copy = new ReportObject();
        copy.Fields.AddRange(document.Fields.Where(f => f.Name is not ("assumptions" or "findings")));
        return copy;
    }

    private static Text Cell(string text) => new(text);

    private static string LastName(string path) => path[(path.LastIndexOf('.') + 1)..];
}

/// <summary>Spectre output to a writer at a fixed width, never a terminal, so no terminal query happens.</summary>
internal sealed class FixedWidthOutput(TextWriter writer, int width) : Spectre.Console.IAnsiConsoleOutput
{
    public TextWriter Writer { get; } = writer;

    public bool IsTerminal => false;

    public int Width { get; } = width;

    public int Height => 24;

    public void SetEncoding(System.Text.Encoding encoding)
    {
        // The writer's encoding is the caller's choice.
    }
}
