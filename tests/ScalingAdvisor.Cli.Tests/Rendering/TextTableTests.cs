using ScalingAdvisor.Cli.Rendering;

namespace ScalingAdvisor.Cli.Tests.Rendering;

public class TextTableTests
{
    private static string Render(TextTable table, int maxWidth = int.MaxValue)
    {
        using var output = new StringWriter();
        table.Write(output, maxWidth);
        return output.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    private static string Lines(params string[] lines) => string.Join("\n", lines) + "\n";

    [Fact]
    public void Draws_rounded_borders_with_one_space_of_padding_and_a_header_row()
    {
        var table = new TextTable().AddColumn("a").AddColumn("b");
        table.AddRow("1", "2");

        Render(table).Should().Be(Lines(
            "╭───┬───╮",
            "│ a │ b │",
            "├───┼───┤",
            "│ 1 │ 2 │",
            "╰───┴───╯"));
    }

    [Fact]
    public void Pads_each_column_to_its_widest_cell_header_included()
    {
        var table = new TextTable().AddColumn("name").AddColumn("x");
        table.AddRow("ab", "long value");
        table.AddRow("abcdef", "v");

        Render(table).Should().Be(Lines(
            "╭────────┬────────────╮",
            "│ name   │ x          │",
            "├────────┼────────────┤",
            "│ ab     │ long value │",
            "│ abcdef │ v          │",
            "╰────────┴────────────╯"));
    }

    [Fact]
    public void A_right_aligned_column_aligns_its_header_and_cells_right()
    {
        var table = new TextTable().AddColumn("quantity").AddColumn("value", rightAligned: true);
        table.AddRow("params", "6.738B");
        table.AddRow("loss", "2");

        Render(table).Should().Be(Lines(
            "╭──────────┬────────╮",
            "│ quantity │  value │",
            "├──────────┼────────┤",
            "│ params   │ 6.738B │",
            "│ loss     │      2 │",
            "╰──────────┴────────╯"));
    }

    [Fact]
    public void The_title_is_centred_over_the_table_with_an_odd_space_on_the_right()
    {
        var table = new TextTable("runs").AddColumn("name");
        table.AddRow("abcde");

        // The table is 9 wide; "runs" leaves 5 spaces: 2 before, 3 after.
        Render(table).Split('\n')[0].Should().Be("  runs   ");
    }

    [Fact]
    public void Missing_trailing_cells_are_empty_and_extra_cells_are_refused()
    {
        var table = new TextTable().AddColumn("a").AddColumn("b");
        table.AddRow("only a");

        Render(table).Split('\n')[3].Should().Be("│ only a │   │");
        var act = () => table.AddRow("1", "2", "3");
        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Narrow_non_ascii_characters_count_as_one_column()
    {
        var table = new TextTable().AddColumn("label").AddColumn("v", rightAligned: true);
        table.AddRow("per GPU › weights", "—");
        table.AddRow("x", "6·N·D ≈ 1");

        Render(table).Should().Be(Lines(
            "╭───────────────────┬───────────╮",
            "│ label             │         v │",
            "├───────────────────┼───────────┤",
            "│ per GPU › weights │         — │",
            "│ x                 │ 6·N·D ≈ 1 │",
            "╰───────────────────┴───────────╯"));
    }

    [Fact]
    public void A_cell_with_a_line_break_spans_two_lines_of_its_row()
    {
        var table = new TextTable().AddColumn("a").AddColumn("b");
        table.AddRow("one\ntwo", "x");

        Render(table).Should().Be(Lines(
            "╭─────┬───╮",
            "│ a   │ b │",
            "├─────┼───┤",
            "│ one │ x │",
            "│ two │   │",
            "╰─────┴───╯"));
    }

    [Fact]
    public void A_table_without_rows_has_no_header_separator_and_one_without_columns_writes_nothing()
    {
        Render(new TextTable().AddColumn("a")).Should().Be(Lines("╭───╮", "│ a │", "╰───╯"));
        Render(new TextTable("title")).Should().BeEmpty();
    }

    [Fact]
    public void Narrowing_wraps_the_widest_text_column_at_word_boundaries()
    {
        var table = new TextTable().AddColumn("id").AddColumn("source");
        table.AddRow("a100", "NVIDIA A100 Tensor Core GPU datasheet, SXM4, 2021");

        Render(table, maxWidth: 33).Should().Be(Lines(
            "╭──────┬────────────────────────╮",
            "│ id   │ source                 │",
            "├──────┼────────────────────────┤",
            "│ a100 │ NVIDIA A100 Tensor     │",
            "│      │ Core GPU datasheet,    │",
            "│      │ SXM4, 2021             │",
            "╰──────┴────────────────────────╯"));
    }

    [Fact]
    public void Wrapped_text_keeps_at_least_twenty_columns()
    {
        var table = new TextTable().AddColumn("id").AddColumn("source");
        table.AddRow("a100", "NVIDIA A100 Tensor Core GPU datasheet, SXM4, 2021");

        string[] lines = Render(table, maxWidth: 10).Split('\n');
        lines[0].Should().Be("╭──────┬" + new string('─', 22) + "╮", "the text column stops at 20 columns even though the table is wider than asked");
    }

    [Fact]
    public void A_number_with_its_unit_is_never_split()
    {
        var table = new TextTable().AddColumn("memory").AddColumn("note");
        table.AddRow("14.4 GB (13.4 GiB)", "fits on one GPU with room to spare for the KV cache");

        string rendered = Render(table, maxWidth: 30);
        rendered.Should().Contain("│ 14.4 GB (13.4 GiB) │");
        rendered.Split('\n').Should().Contain(l => l.Contains("fits on one GPU", StringComparison.Ordinal));
    }

    [Fact]
    public void A_column_is_not_narrowed_below_its_longest_word()
    {
        var table = new TextTable().AddColumn("value").AddColumn("unit");
        table.AddRow("1.57e+13", "FLOP/s");

        Render(table, maxWidth: 5).Should().Be(Render(table), "single words are never split to fit");
    }

    [Fact]
    public void The_width_of_some_columns_from_their_fits_is_the_width_of_a_table_of_those_columns()
    {
        // Session 15 (start-up): ColumnGroups sizes candidate groups from ColumnFits instead of building each table.
        string[] headers = ["compute", "parameters", "tokens", "note", "keep", "cost"];
        string[][] rows =
        [
            ["1e+21 FLOPs", "2.86e+09", "5.8e+10", "a long explanation that can wrap over several lines of a narrow column", "whole label", "$1,234"],
            ["1e+22 FLOPs", "9.1e+09", "1.8e+11", "short", "x", "$12,345"],
            ["1e+23 FLOPs", "2.9e+10", "5.8e+11", "https://example.org/a/very/long/unbroken/path/to/a/file.json", "y", "—"],
        ];
        var all = new TextTable();
        for (int c = 0; c < headers.Length; c++) all.AddColumn(headers[c], rightAligned: c == 5, keepWhole: c == 4);
        foreach (var row in rows) all.AddRow(row);
        var fits = all.ColumnFits();

        int[][] subsets = [[0, 1, 2, 3, 4, 5], [0, 3], [0, 4, 5], [0, 1], [3], [2, 3, 4]];
        foreach (int[] subset in subsets)
        {
            var table = new TextTable();
            foreach (int c in subset) table.AddColumn(headers[c], rightAligned: c == 5, keepWhole: c == 4);
            foreach (var row in rows) table.AddRow([.. subset.Select(c => row[c])]);
            for (int width = 10; width <= 160; width += 3)
            {
                TextTable.WidthWithin(fits, subset, width).Should().Be(table.WidthWithin(width), $"columns {string.Join(",", subset)} within {width}");
            }
        }
    }
}
