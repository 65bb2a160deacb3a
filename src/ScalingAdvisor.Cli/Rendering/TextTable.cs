using System.Text;

namespace ScalingAdvisor.Cli.Rendering;

/// <summary>
/// A fixed-width text table that looks exactly like the Spectre.Console table it replaces
/// (<c>TableBorder.Rounded</c>): rounded box-drawing borders (<c>╭─┬─╮ │ ├─┼─┤ ╰─┴─╯</c>), one space of padding each
/// side of a cell, a header row, columns as wide as their widest cell, and an optional title centred over the
/// table's width (an odd leftover space goes to the right).
/// </summary>
/// <remarks>
/// <para>
/// Hand-written for start-up (issue #7): Spectre's table layout JIT-compiled about 78 methods on every table
/// run (its generic iterators over value tuples, <c>Measurement</c> arrays, <c>Dictionary&lt;int, …&gt;</c>,
/// <c>HashSet&lt;uint&gt;</c>), generic instantiations over value types that ReadyToRun cannot precompile across
/// assemblies. This type uses plain loops, arrays, lists of reference types and a <see cref="StringBuilder"/> only.
/// </para>
/// <para>
/// Unlike Spectre, cells are never shrunk or wrapped to fit the console: a table wider than the paragraph
/// width is printed wider, with every cell on one line and no text lost. A cell holding line breaks spans
/// several lines of its row. Widths are measured by <see cref="DisplayWidth"/> (one column per code point).
/// </para>
/// </remarks>
internal sealed class TextTable(string? title = null)
{
    private readonly List<Column> _columns = [];
    private readonly List<string[][]> _rows = [];

    /// <summary>Adds a column; its header is aligned like its cells.</summary>
    public TextTable AddColumn(string header, bool rightAligned = false)
    {
        if (_rows.Count > 0) throw new InvalidOperationException("Add every column before the first row.");
        _columns.Add(new Column(SplitLines(header), rightAligned));
        return this;
    }

    /// <summary>Adds a row, one cell per column in order; missing trailing cells are empty.</summary>
    public TextTable AddRow(params string[] cells)
    {
        if (cells.Length > _columns.Count)
        {
            throw new ArgumentException($"The row has {cells.Length} cells but the table has {_columns.Count} columns.", nameof(cells));
        }

        var row = new string[_columns.Count][];
        for (int i = 0; i < row.Length; i++)
        {
            row[i] = SplitLines(i < cells.Length ? cells[i] : "");
        }

        _rows.Add(row);
        return this;
    }

    /// <summary>Writes the title (if any) and the table; a table without columns writes nothing.</summary>
    public void Write(TextWriter output)
    {
        if (_columns.Count == 0) return;

        int[] widths = ColumnWidths();
        if (title is not null) output.WriteLine(Centred(title, TableWidth(widths)));

        output.WriteLine(Rule('╭', '┬', '╮', widths));
        WriteRow(output, Headers(), widths);
        if (_rows.Count > 0) output.WriteLine(Rule('├', '┼', '┤', widths));
        for (int r = 0; r < _rows.Count; r++)
        {
            WriteRow(output, _rows[r], widths);
        }

        output.WriteLine(Rule('╰', '┴', '╯', widths));
    }

    private int[] ColumnWidths()
    {
        var widths = new int[_columns.Count];
        for (int c = 0; c < widths.Length; c++)
        {
            widths[c] = WidestLine(_columns[c].Header);
            for (int r = 0; r < _rows.Count; r++)
            {
                widths[c] = Math.Max(widths[c], WidestLine(_rows[r][c]));
            }
        }

        return widths;
    }

    private string[][] Headers()
    {
        var headers = new string[_columns.Count][];
        for (int c = 0; c < headers.Length; c++)
        {
            headers[c] = _columns[c].Header;
        }

        return headers;
    }

    private void WriteRow(TextWriter output, string[][] cells, int[] widths)
    {
        int height = 1;
        for (int c = 0; c < cells.Length; c++)
        {
            height = Math.Max(height, cells[c].Length);
        }

        var line = new StringBuilder();
        for (int l = 0; l < height; l++)
        {
            line.Clear().Append('│');
            for (int c = 0; c < cells.Length; c++)
            {
                string text = l < cells[c].Length ? cells[c][l] : "";
                int padding = widths[c] - DisplayWidth.Of(text);
                line.Append(' ');
                if (_columns[c].RightAligned) Repeat(line, ' ', padding);
                line.Append(text);
                if (!_columns[c].RightAligned) Repeat(line, ' ', padding);
                line.Append(" │");
            }

            output.WriteLine(line.ToString());
        }
    }

    /// <summary>A border line: each column's width plus its two padding spaces in <c>─</c>.</summary>
    private static string Rule(char left, char between, char right, int[] widths)
    {
        var rule = new StringBuilder(TableWidth(widths));
        rule.Append(left);
        for (int c = 0; c < widths.Length; c++)
        {
            if (c > 0) rule.Append(between);
            Repeat(rule, '─', widths[c] + 2);
        }

        return rule.Append(right).ToString();
    }

    /// <summary>Outer borders, and per column its width, two padding spaces and one border.</summary>
    private static int TableWidth(int[] widths)
    {
        int width = 1;
        for (int c = 0; c < widths.Length; c++)
        {
            width += widths[c] + 3;
        }

        return width;
    }

    /// <summary>The title padded on both sides to the table's width; a title wider than the table is printed as is.</summary>
    private static string Centred(string text, int width)
    {
        int leftover = width - DisplayWidth.Of(text);
        if (leftover <= 0) return text;
        var line = new StringBuilder(width);
        Repeat(line, ' ', leftover / 2);
        line.Append(text);
        Repeat(line, ' ', leftover - (leftover / 2));
        return line.ToString();
    }

    /// <summary>
    /// Appends <paramref name="c"/> <paramref name="count"/> times one by one: <c>Append(char, int)</c> and
    /// <c>new string(char, int)</c> fill with <c>Vector&lt;ushort&gt;</c>, which ReadyToRun never precompiles.
    /// </summary>
    private static void Repeat(StringBuilder builder, char c, int count)
    {
        for (int i = 0; i < count; i++)
        {
            builder.Append(c);
        }
    }

    private static int WidestLine(string[] lines)
    {
        int widest = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            widest = Math.Max(widest, DisplayWidth.Of(lines[i]));
        }

        return widest;
    }

    private static string[] SplitLines(string text)
        => text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');

    /// <summary>A column's header lines and alignment.</summary>
    private sealed class Column(string[] header, bool rightAligned)
    {
        public string[] Header { get; } = header;

        public bool RightAligned { get; } = rightAligned;
    }
}
