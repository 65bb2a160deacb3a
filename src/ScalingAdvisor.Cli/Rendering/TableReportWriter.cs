using System.Text;

namespace ScalingAdvisor.Cli.Rendering;

/// <summary>
/// The human view: the title, a table of each non-empty top-level array (its rows, titled with its name), a
/// two-column table of the report's scalar results with units, then the findings and the assumptions. No colour,
/// so output can be piped.
/// </summary>
/// <remarks>
/// Drawn by the hand-written <see cref="TextTable"/> and <see cref="ParagraphWrapper"/> rather than Spectre.Console
/// for start-up (issue #7): Spectre's table layout JIT-compiled about 78 methods on every run, 25–45 ms of a what-if
/// whose budget is 80 ms. The look is Spectre's, at its former fixed width of <see cref="Width"/> columns: text
/// lines wrap there at word boundaries, and wider tables narrow their text columns towards it while keeping every
/// number whole, so a table of many numbers may stay wider (see <see cref="TextTable"/>).
/// </remarks>
internal static class TableReportWriter
{
    /// <summary>The width, in columns, at which the title, findings and assumptions wrap (tests, pipes and terminals alike).</summary>
    public const int Width = 140;

    private const string SchemaVersionField = "schemaVersion";

    public static void Write(Report report, TextWriter output)
    {
        ReportObject document = report.Document();
        WriteParagraph(output, report.Title);

        for (int i = 0; i < document.Fields.Count; i++)
        {
            ReportField field = document.Fields[i];
            if (field.Value is ReportValue.Array array && array.Items.Count > 0)
            {
                RowTable(field.Name, array.Items).Write(output, Width);
            }
        }

        ScalarTable(document)?.Write(output, Width);

        for (int i = 0; i < report.Findings.Count; i++)
        {
            WriteParagraph(output, "• " + report.Findings[i]);
        }

        List<ScalarField> assumptions = ReportFlattener.Scalars(report.Assumptions);
        if (assumptions.Count > 0)
        {
            WriteParagraph(output, AssumptionsLine(assumptions));
        }
    }

    /// <summary>
    /// A row table's header for a column: the last segment of its path when no other column ends the same way
    /// (<c>recommendation.wallDays</c> → "wall days"), so that a table of nested results is not a row of repeated
    /// prefixes; the full path otherwise. JSON and CSV keep the full paths.
    /// </summary>
    private static string ColumnHeader(List<string> columns, int index)
    {
        string last = ScalarField.LastName(columns[index]);
        for (int c = 0; c < columns.Count; c++)
        {
            if (c != index && ScalarField.LastName(columns[c]) == last)
            {
                return columns[index];
            }
        }

        return last;
    }

    /// <summary>The items of an array, one row each, with the union of their scalar paths as columns.</summary>
    private static TextTable RowTable(string name, List<ReportObject> items)
    {
        List<string> columns = ReportFlattener.Columns(items);
        var table = new TextTable(ValueFormatter.Label(name));
        for (int c = 0; c < columns.Count; c++)
        {
            table.AddColumn(ValueFormatter.Label(ColumnHeader(columns, c)));
        }

        for (int i = 0; i < items.Count; i++)
        {
            var cells = new string[columns.Count];
            for (int c = 0; c < cells.Length; c++)
            {
                cells[c] = "";
            }

            List<ScalarField> scalars = ReportFlattener.Scalars(items[i]);
            for (int s = 0; s < scalars.Count; s++)
            {
                cells[columns.IndexOf(scalars[s].Path)] = Formatted(scalars[s]);
            }

            table.AddRow(cells);
        }

        return table;
    }

    /// <summary>Quantity and right-aligned value for each top-level scalar but the schema version; null if there are none.</summary>
    private static TextTable? ScalarTable(ReportObject document)
    {
        List<ScalarField> scalars = ReportFlattener.Scalars(WithoutTrailer(document));
        var table = new TextTable().AddColumn("quantity").AddColumn("value", rightAligned: true);
        bool any = false;
        for (int i = 0; i < scalars.Count; i++)
        {
            if (scalars[i].Path == SchemaVersionField) continue;
            table.AddRow(ValueFormatter.Label(scalars[i].Path), Formatted(scalars[i]));
            any = true;
        }

        return any ? table : null;
    }

    /// <summary><c>Assumptions: law besiroglu2024; mfu 0.4; …</c></summary>
    private static string AssumptionsLine(List<ScalarField> assumptions)
    {
        var line = new StringBuilder("Assumptions: ");
        for (int i = 0; i < assumptions.Count; i++)
        {
            if (i > 0) line.Append("; ");
            line.Append(ValueFormatter.Label(assumptions[i].Path)).Append(' ').Append(Formatted(assumptions[i]));
        }

        return line.ToString();
    }

    /// <summary>The document without the findings and assumptions, which are printed under the tables.</summary>
    private static ReportObject WithoutTrailer(ReportObject document)
    {
        var copy = new ReportObject();
        for (int i = 0; i < document.Fields.Count; i++)
        {
            ReportField field = document.Fields[i];
            if (field.Name is not ("assumptions" or "findings")) copy.Fields.Add(field);
        }

        return copy;
    }

    private static string Formatted(ScalarField scalar) => ValueFormatter.Format(scalar.Name, scalar.Value);

    private static void WriteParagraph(TextWriter output, string text) => ParagraphWrapper.WriteLine(output, text, Width);
}
