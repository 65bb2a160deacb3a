using System.Text;

namespace ScalingAdvisor.Cli.Rendering;

/// <summary>
/// The human view: the title, each non-empty top-level array (one row per item, titled with its name), a two-column
/// table of the report's scalar results with units, then the findings and the assumptions. No colour, so output can
/// be piped. Everything fits the terminal's width (<see cref="TerminalWidth"/>): an array whose table would still be
/// wider after its text columns wrap is split into column groups that each repeat its key column, and written as one
/// block of <c>label: value</c> lines per item only when even one group cannot fit.
/// </summary>
/// <remarks>
/// <para>
/// Drawn by the hand-written <see cref="TextTable"/> and <see cref="ParagraphWrapper"/> rather than Spectre.Console
/// for start-up (issue #7): Spectre's table layout JIT-compiled about 78 methods on every run.
/// </para>
/// <para>
/// Labels (issue 13): every row of a table and every column of a row table has a distinct label. A label is the
/// field's name in words with its unit moved into the value (<see cref="ValueFormatter.LabelOfName"/>); a row table
/// heads nested columns by their last name unless that is ambiguous. When two fields would still share a label and
/// are one duration in two units (<c>wallSeconds</c>, <c>wallDays</c>), the table shows it once; otherwise the
/// labels fall back to the full path, then to the names with their units (<see cref="UniqueLabels"/>).
/// Numbers in one column share one notation (<see cref="NumberStyle.ForColumn"/>). Citations appear only with
/// <c>--sources</c>, details only in JSON and CSV (<see cref="FieldRole"/>).
/// </para>
/// </remarks>
internal static class TableReportWriter
{
    private const string SchemaVersionField = "schemaVersion";

    /// <summary>Writes at the width of <paramref name="output"/>'s terminal, without citations.</summary>
    public static void Write(Report report, TextWriter output) => Write(report, output, TerminalWidth.For(output), showSources: false);

    /// <summary>Writes within <paramref name="width"/> columns; <paramref name="showSources"/> adds citation fields.</summary>
    public static void Write(Report report, TextWriter output, int width, bool showSources)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        ReportObject document = report.Document();
        WriteParagraph(output, report.Title, width);

        for (int i = 0; i < document.Fields.Count; i++)
        {
            ReportField field = document.Fields[i];
            if (field.Value is ReportValue.Array array && array.Items.Count > 0)
            {
                WriteRows(output, field.Name, array.Items, width, showSources);
            }
        }

        ScalarTable(document, showSources)?.Write(output, width);

        for (int i = 0; i < report.Findings.Count; i++)
        {
            WriteParagraph(output, "• " + report.Findings[i], width);
        }

        List<ScalarField> assumptions = Shown(ReportFlattener.Scalars(report.Assumptions), showSources);
        if (assumptions.Count > 0)
        {
            WriteParagraph(output, AssumptionsLine(assumptions), width);
        }
    }

    /// <summary>
    /// Distinct labels for the paths of one table, in order. First each path's short label (its last name's, when
    /// <paramref name="shortNames"/> and no other path shares that last name; else the full path's); where labels still
    /// collide, the full path's label; where they still do, the names in words with their units kept.
    /// </summary>
    public static List<string> UniqueLabels(List<string> paths, bool shortNames)
    {
        var labels = new List<string>(paths.Count);
        for (int i = 0; i < paths.Count; i++)
        {
            labels.Add(ValueFormatter.Label(shortNames ? ShortPath(paths, i) : paths[i]));
        }

        for (int i = 0; i < paths.Count; i++)
        {
            if (Collides(labels, i)) labels[i] = ValueFormatter.Label(paths[i]);
        }

        for (int i = 0; i < paths.Count; i++)
        {
            if (Collides(labels, i)) labels[i] = LabelWithUnits(paths[i]);
        }

        return labels;
    }

    private static bool Collides(List<string> labels, int index)
    {
        for (int j = 0; j < labels.Count; j++)
        {
            if (j != index && labels[j] == labels[index]) return true;
        }

        return false;
    }

    /// <summary>The last name of a path when no other path ends the same way, else the path.</summary>
    private static string ShortPath(List<string> paths, int index)
    {
        string last = ScalarField.LastName(paths[index]);
        for (int c = 0; c < paths.Count; c++)
        {
            if (c != index && ScalarField.LastName(paths[c]) == last) return paths[index];
        }

        return last;
    }

    /// <summary><c>perGpu.wallSeconds</c> → "per GPU › wall seconds": the last resort when two labels would coincide.</summary>
    private static string LabelWithUnits(string path)
    {
        string label = ValueFormatter.Label(path);
        string last = ScalarField.LastName(path);
        TableUnit unit = TableUnits.Of(last);
        if (unit.Suffix.Length == 0 || unit.KeepsName) return label;
        string unitWords = ValueFormatter.LabelOfName(unit.Suffix).Trim();
        return label + " (" + unitWords + ")";
    }

    /// <summary>
    /// The items of an array as one table; when that is wider than <paramref name="width"/>, as column groups that each
    /// repeat the key (first) column (<see cref="ColumnGroups"/>); as blocks only when the key and one other column
    /// alone cannot fit.
    /// </summary>
    private static void WriteRows(TextWriter output, string name, List<ReportObject> items, int width, bool showSources)
    {
        List<string> columns = ShownColumns(items, showSources);
        if (columns.Count == 0) return;
        List<string> headers = UniqueLabels(columns, shortNames: true);
        string[][] cells = Cells(items, columns);
        string title = ValueFormatter.Label(name);

        List<List<int>>? groups = ColumnGroups(headers, cells, width);
        if (groups is null)
        {
            WriteBlocks(output, title, headers, cells, width);
            return;
        }

        for (int g = 0; g < groups.Count; g++)
        {
            string groupTitle = groups.Count == 1 ? title : title + " (" + (g + 1) + " of " + groups.Count + ")";
            Table(groupTitle, headers, cells, groups[g]).Write(output, width);
        }
    }

    /// <summary>
    /// The columns of a row table split into consecutive groups that each fit <paramref name="width"/>: every group
    /// starts with the key column (the first: a frontier's FLOPs, a lever's name) so that each row can be read across
    /// groups, and the other columns appear once, in order. One group when the whole table fits; null when the key
    /// column and a single other column already do not fit, or when there is only the key column and it does not.
    /// </summary>
    public static List<List<int>>? ColumnGroups(List<string> headers, string[][] cells, int width)
    {
        var all = new List<int>(headers.Count);
        for (int c = 0; c < headers.Count; c++)
        {
            all.Add(c);
        }

        TextTable whole = Table(null, headers, cells, all);
        if (whole.WidthWithin(width) <= width) return [all];
        if (headers.Count < 2) return null;

        // Each candidate group's width from the columns' own widths, rather than a table built per candidate (session
        // 15, start-up: that was most of the rendering time of advise and levers).
        var fits = whole.ColumnFits();
        var groups = new List<List<int>>();
        var current = new List<int> { 0 };
        for (int c = 1; c < headers.Count; c++)
        {
            current.Add(c);
            if (TextTable.WidthWithin(fits, current, width) <= width) continue;
            current.RemoveAt(current.Count - 1);
            if (current.Count == 1) return null;
            groups.Add(current);
            current = [0, c];
            if (TextTable.WidthWithin(fits, current, width) > width) return null;
        }

        groups.Add(current);
        return groups;
    }

    /// <summary>A table of the given columns of <paramref name="cells"/>, in order.</summary>
    private static TextTable Table(string? title, List<string> headers, string[][] cells, List<int> columns)
    {
        var table = new TextTable(title);
        for (int c = 0; c < columns.Count; c++)
        {
            table.AddColumn(headers[columns[c]]);
        }

        var row = new string[columns.Count];
        for (int r = 0; r < cells.Length; r++)
        {
            for (int c = 0; c < columns.Count; c++)
            {
                row[c] = cells[r][columns[c]];
            }

            table.AddRow(row);
        }

        return table;
    }

    /// <summary>
    /// One block per item: a heading (<c>frontier 3 of 28</c>, with the item's first text value when it has one) and
    /// an indented <c>label: value</c> line per field, values aligned and wrapped under themselves.
    /// </summary>
    private static void WriteBlocks(TextWriter output, string name, List<string> headers, string[][] cells, int width)
    {
        int labelWidth = 0;
        for (int c = 0; c < headers.Count; c++)
        {
            labelWidth = Math.Max(labelWidth, DisplayWidth.Of(headers[c]));
        }

        const string Indent = "  ";
        int valueColumn = Indent.Length + labelWidth + 2;
        int valueWidth = Math.Max(TextTable.NarrowestWrappedColumn, width - valueColumn);
        for (int r = 0; r < cells.Length; r++)
        {
            if (r > 0) output.WriteLine();
            var heading = new StringBuilder(name).Append(' ').Append(r + 1).Append(" of ").Append(cells.Length);
            WriteParagraph(output, heading.ToString(), width);
            for (int c = 0; c < headers.Count; c++)
            {
                if (cells[r][c].Length == 0) continue;
                var line = new StringBuilder(Indent).Append(headers[c]).Append(':');
                Pad(line, valueColumn - Indent.Length - DisplayWidth.Of(headers[c]) - 1);
                List<string> lines = ParagraphWrapper.Wrap(cells[r][c], valueWidth);
                for (int l = 0; l < lines.Count; l++)
                {
                    if (l > 0)
                    {
                        line.Clear();
                        Pad(line, valueColumn);
                    }

                    output.WriteLine(line.Append(lines[l]).ToString());
                }
            }
        }

        output.WriteLine();
    }

    private static void Pad(StringBuilder line, int count)
    {
        for (int i = 0; i < count; i++)
        {
            line.Append(' ');
        }
    }

    /// <summary>The union of the items' shown scalar paths.</summary>
    private static List<string> ShownColumns(List<ReportObject> items, bool showSources)
    {
        var columns = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < items.Count; i++)
        {
            List<ScalarField> scalars = Shown(ReportFlattener.Scalars(items[i]), showSources);
            for (int s = 0; s < scalars.Count; s++)
            {
                if (seen.Add(scalars[s].Path)) columns.Add(scalars[s].Path);
            }
        }

        return columns;
    }

    /// <summary>Each item's formatted cells, every number column in one notation.</summary>
    private static string[][] Cells(List<ReportObject> items, List<string> columns)
    {
        var scalars = new List<ScalarField>[items.Count];
        for (int i = 0; i < items.Count; i++)
        {
            scalars[i] = ReportFlattener.Scalars(items[i]);
        }

        var styles = new NumberStyle[columns.Count];
        for (int c = 0; c < columns.Count; c++)
        {
            UnitKind? unit = null;
            var values = new List<double>();
            for (int i = 0; i < items.Count; i++)
            {
                if (Find(scalars[i], columns[c])?.Value is ReportValue.Number number)
                {
                    values.Add(number.Value);
                    unit ??= number.Unit ?? TableUnits.Of(ScalarField.LastName(columns[c])).Kind;
                }
            }

            styles[c] = unit is { } kind ? NumberStyle.ForColumn(kind, values) : NumberStyle.PerValue;
        }

        var cells = new string[items.Count][];
        for (int i = 0; i < items.Count; i++)
        {
            cells[i] = new string[columns.Count];
            for (int c = 0; c < columns.Count; c++)
            {
                ScalarField? scalar = Find(scalars[i], columns[c]);
                cells[i][c] = scalar is null ? "" : ValueFormatter.Format(scalar.Name, scalar.Value, styles[c]);
            }
        }

        return cells;
    }

    private static ScalarField? Find(List<ScalarField> scalars, string path)
    {
        for (int s = 0; s < scalars.Count; s++)
        {
            if (scalars[s].Path == path) return scalars[s];
        }

        return null;
    }

    /// <summary>Quantity and right-aligned value for each top-level scalar but the schema version; null if there are none.</summary>
    private static TextTable? ScalarTable(ReportObject document, bool showSources)
    {
        List<ScalarField> all = Shown(ReportFlattener.Scalars(WithoutTrailer(document)), showSources);
        var scalars = new List<ScalarField>();
        for (int i = 0; i < all.Count; i++)
        {
            if (all[i].Path != SchemaVersionField && !RepeatsADuration(scalars, all[i])) scalars.Add(all[i]);
        }

        if (scalars.Count == 0) return null;
        var paths = new List<string>(scalars.Count);
        for (int i = 0; i < scalars.Count; i++)
        {
            paths.Add(scalars[i].Path);
        }

        List<string> labels = UniqueLabels(paths, shortNames: false);
        var table = new TextTable().AddColumn("quantity", keepWhole: true).AddColumn("value", rightAligned: true);
        for (int i = 0; i < scalars.Count; i++)
        {
            table.AddRow(labels[i], Formatted(scalars[i]));
        }

        return table;
    }

    /// <summary>
    /// Whether <paramref name="candidate"/> is a duration already shown under the same label in another unit
    /// (<c>wallDays</c> after <c>wallSeconds</c>): one quantity, one row. JSON and CSV keep both fields.
    /// </summary>
    private static bool RepeatsADuration(List<ScalarField> shown, ScalarField candidate)
    {
        if (candidate.Value is not ReportValue.Number number || TableUnits.Of(candidate.Name).SecondsPerUnit is not { } unit) return false;
        string label = ValueFormatter.Label(candidate.Path);
        double seconds = number.Value * unit;
        for (int i = 0; i < shown.Count; i++)
        {
            if (shown[i].Value is ReportValue.Number other && TableUnits.Of(shown[i].Name).SecondsPerUnit is { } otherUnit
                && ValueFormatter.Label(shown[i].Path) == label
                && Math.Abs((other.Value * otherUnit) - seconds) <= 1e-9 * Math.Max(1, Math.Abs(seconds)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>Assumptions: law = besiroglu2024; MFU = 0.4; …</c></summary>
    private static string AssumptionsLine(List<ScalarField> assumptions)
    {
        var paths = new List<string>(assumptions.Count);
        for (int i = 0; i < assumptions.Count; i++)
        {
            paths.Add(assumptions[i].Path);
        }

        List<string> labels = UniqueLabels(paths, shortNames: false);
        var line = new StringBuilder("Assumptions: ");
        for (int i = 0; i < assumptions.Count; i++)
        {
            if (i > 0) line.Append("; ");
            line.Append(labels[i]).Append(" = ").Append(Formatted(assumptions[i]));
        }

        return line.ToString();
    }

    /// <summary>The fields the table shows: values, and citations when asked for.</summary>
    private static List<ScalarField> Shown(List<ScalarField> scalars, bool showSources)
    {
        var shown = new List<ScalarField>(scalars.Count);
        for (int i = 0; i < scalars.Count; i++)
        {
            FieldRole role = scalars[i].Role;
            if (role is FieldRole.Value or FieldRole.TableOnly || (role == FieldRole.Citation && showSources)) shown.Add(scalars[i]);
        }

        return shown;
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

    private static void WriteParagraph(TextWriter output, string text, int width) => ParagraphWrapper.WriteLine(output, text, width);
}
