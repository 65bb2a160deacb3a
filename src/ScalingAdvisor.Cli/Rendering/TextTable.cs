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
/// Kept over Spectre.Console's <c>Table</c> after issue 15 (Native AOT), where start-up no longer decides: this table
/// narrows a wide report the way its readers need (widest columns first, words kept whole, values such as
/// "14.4 GB (13.4 GiB)" never split, and the caller falls back to <c>label: value</c> blocks), which Spectre's layout
/// does not offer; it measures East-Asian wide and combining characters with <see cref="DisplayWidth"/> (the terminals'
/// <c>wcwidth</c> rule) where Spectre 0.49 has its own tables; it writes plain text to any <see cref="TextWriter"/>,
/// with no console capability detection or markup parsing to escape user-supplied names from; and it is plain code
/// with nothing for the AOT compiler to warn about. Spectre.Console stays for the fit command's progress display.
/// </para>
/// <para>
/// A table wider than the width it is given is narrowed the way a reader would: the widest columns first, their text
/// wrapped at word boundaries, down to the longest word in a column's header and cells (at most
/// <see cref="LongestUnbrokenWord"/> columns), text cells not below <see cref="NarrowestWrappedColumn"/>. A value
/// (a short cell line starting with a digit, a sign <c>-</c> <c>−</c> <c>+</c>, <c>$</c> or the <c>—</c> of a missing
/// value, e.g. "14.4 GB (13.4 GiB)") is never split, so a table of numbers that still does not fit is printed wider.
/// A cell holding line breaks spans several lines of its row. Widths are measured by
/// <see cref="DisplayWidth"/> (East-Asian wide characters take two columns, combining marks none).
/// </para>
/// </remarks>
internal sealed class TextTable(string? title = null)
{
    private readonly List<Column> _columns = [];
    private readonly List<string[][]> _rows = [];

    /// <summary>Adds a column; its header is aligned like its cells. A <paramref name="keepWhole"/> column is never narrowed (labels).</summary>
    public TextTable AddColumn(string header, bool rightAligned = false, bool keepWhole = false)
    {
        if (_rows.Count > 0) throw new InvalidOperationException("Add every column before the first row.");
        _columns.Add(new Column(SplitLines(header), rightAligned, keepWhole));
        return this;
    }

    /// <summary>How wide the table is when written within <paramref name="maxWidth"/> (wider if its values cannot narrow).</summary>
    public int WidthWithin(int maxWidth) => _columns.Count == 0 ? 0 : TableWidth(FitWidths(ColumnWidths(), maxWidth));

    /// <summary>
    /// Each column's natural width and the width it can narrow to, from which <see cref="WidthWithin(IReadOnlyList{ValueTuple{int, int}}, IReadOnlyList{int}, int)"/>
    /// tells the width of a table of some of these columns without building it.
    /// </summary>
    public (int Natural, int Floor)[] ColumnFits()
    {
        int[] natural = ColumnWidths();
        var fits = new (int Natural, int Floor)[natural.Length];
        for (int c = 0; c < natural.Length; c++)
        {
            fits[c] = (natural[c], _columns[c].KeepWhole ? natural[c] : Math.Min(natural[c], Floor(c)));
        }

        return fits;
    }

    /// <summary>
    /// How wide a table of the <paramref name="columns"/> (indices into <paramref name="fits"/>, from
    /// <see cref="ColumnFits"/>) is when written within <paramref name="maxWidth"/>: what <see cref="WidthWithin(int)"/>
    /// of that table returns, since each column's natural width and floor depend on that column alone and
    /// <see cref="FitWidths"/> narrows one column by one until the table fits or every column is at its floor.
    /// </summary>
    public static int WidthWithin(IReadOnlyList<(int Natural, int Floor)> fits, IReadOnlyList<int> columns, int maxWidth)
    {
        if (columns.Count == 0) return 0;
        var natural = new int[columns.Count];
        var floors = new int[columns.Count];
        for (int c = 0; c < columns.Count; c++)
        {
            (natural[c], floors[c]) = fits[columns[c]];
        }

        int width = TableWidth(natural);
        return width <= maxWidth ? width : Math.Max(maxWidth, TableWidth(floors));
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

    /// <summary>Words longer than this may be folded when a column has to narrow (long file paths, URLs).</summary>
    public const int LongestUnbrokenWord = 24;

    /// <summary>A column of text is not narrowed below this, so wrapped text stays readable (a few words a line).</summary>
    public const int NarrowestWrappedColumn = 20;

    /// <summary>
    /// Writes the title (if any) and the table, narrowed to <paramref name="maxWidth"/> columns where its text columns
    /// allow; a table without columns writes nothing.
    /// </summary>
    public void Write(TextWriter output, int maxWidth = int.MaxValue)
    {
        if (_columns.Count == 0) return;

        int[] natural = ColumnWidths();
        int[] widths = FitWidths(natural, maxWidth);
        if (title is not null) output.WriteLine(Centred(title, TableWidth(widths)));

        output.WriteLine(Rule('╭', '┬', '╮', widths));
        WriteRow(output, Wrapped(Headers(), natural, widths), widths);
        if (_rows.Count > 0) output.WriteLine(Rule('├', '┼', '┤', widths));
        for (int r = 0; r < _rows.Count; r++)
        {
            WriteRow(output, Wrapped(_rows[r], natural, widths), widths);
        }

        output.WriteLine(Rule('╰', '┴', '╯', widths));
    }

    /// <summary>Narrows the widest column by one until the table fits or no column can narrow further.</summary>
    private int[] FitWidths(int[] natural, int maxWidth)
    {
        int[] widths = (int[])natural.Clone();
        if (TableWidth(widths) <= maxWidth) return widths;

        var floors = new int[widths.Length];
        for (int c = 0; c < widths.Length; c++)
        {
            floors[c] = _columns[c].KeepWhole ? natural[c] : Math.Min(natural[c], Floor(c));
        }

        while (TableWidth(widths) > maxWidth)
        {
            int widest = -1;
            for (int c = 0; c < widths.Length; c++)
            {
                if (widths[c] > floors[c] && (widest < 0 || widths[c] > widths[widest])) widest = c;
            }

            if (widest < 0) break;
            widths[widest]--;
        }

        return widths;
    }

    /// <summary>
    /// How narrow a column may go: its header's longest word, each value line whole, and each text line's longest word
    /// but not below <see cref="NarrowestWrappedColumn"/> (or the line's own width, if less).
    /// </summary>
    private int Floor(int column)
    {
        int floor = 0;
        foreach (string line in _columns[column].Header)
        {
            floor = Math.Max(floor, LongestWord(line));
        }

        for (int r = 0; r < _rows.Count; r++)
        {
            foreach (string line in _rows[r][column])
            {
                int width = DisplayWidth.Of(line);
                floor = Math.Max(floor, IsValue(line) ? width : Math.Max(Math.Min(NarrowestWrappedColumn, width), LongestWord(line)));
            }
        }

        return floor;
    }

    /// <summary>The longest space-separated word of a line, at most <see cref="LongestUnbrokenWord"/>.</summary>
    private static int LongestWord(string line)
    {
        int longest = 0;
        foreach (string word in line.Split(' '))
        {
            longest = Math.Max(longest, Math.Min(LongestUnbrokenWord, DisplayWidth.Of(word)));
        }

        return longest;
    }

    /// <summary>
    /// A number with its unit ("4.19e+24 FLOPs", "14.4 GB (13.4 GiB)", "$1,234", "—"): short, starting like a number,
    /// at most four words. Read as one token, so never wrapped; longer lines starting with a digit are text.
    /// </summary>
    private static bool IsValue(string line)
        => line.Length > 0 && line.Length <= LongestUnbrokenWord
           && (char.IsAsciiDigit(line[0]) || line[0] is '-' or '−' or '+' or '$' or '—' or '.')
           && line.Split(' ').Length <= 4;

    /// <summary>The cells with every narrowed column's lines wrapped to its width.</summary>
    private static string[][] Wrapped(string[][] cells, int[] natural, int[] widths)
    {
        string[][]? wrapped = null;
        for (int c = 0; c < cells.Length; c++)
        {
            if (widths[c] >= natural[c]) continue;
            wrapped ??= (string[][])cells.Clone();
            var lines = new List<string>();
            foreach (string line in cells[c])
            {
                lines.AddRange(ParagraphWrapper.Wrap(line, widths[c]));
            }

            wrapped[c] = lines.ToArray();
        }

        return wrapped ?? cells;
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
                int padding = Math.Max(0, widths[c] - DisplayWidth.Of(text));
                line.Append(' ');
                if (_columns[c].RightAligned) line.Append(' ', padding);
                line.Append(text);
                if (!_columns[c].RightAligned) line.Append(' ', padding);
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
            rule.Append('─', widths[c] + 2);
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
        line.Append(' ', leftover / 2);
        line.Append(text);
        line.Append(' ', leftover - (leftover / 2));
        return line.ToString();
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
    private sealed class Column(string[] header, bool rightAligned, bool keepWhole)
    {
        public string[] Header { get; } = header;

        public bool RightAligned { get; } = rightAligned;

        public bool KeepWhole { get; } = keepWhole;
    }
}
