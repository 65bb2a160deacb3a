using ScalingAdvisor.Cli.Rendering;

namespace ScalingAdvisor.Cli.Tests.Rendering;

/// <summary>
/// The table view, drawn exactly. The expected texts are what Spectre.Console's rounded table printed before
/// the hand-written renderer replaced it (issue #7), so users see no change.
/// </summary>
public class TableReportWriterTests
{
    private static string Render(Report report)
    {
        using var output = new StringWriter();
        TableReportWriter.Write(report, output, 140, showSources: false);
        return output.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    private static string Lines(params string[] lines) => string.Join("\n", lines) + "\n";

    [Fact]
    public void A_small_report_is_drawn_exactly()
    {
        var report = new Report("memory train");
        report.Add("totalParams", 6738415616);
        report.AddObject("perGpu").Add("weightsBytes", 13476831232).Add("totalBytes", 1.5e10);
        report.Add("costUsd", (double?)null);
        report.Add("zeroStage", 3);
        report.Add("fits", true);
        report.Assumptions.Add("precision", "bf16").Add("mfu", 0.4);
        report.Findings.Add("fits with 12 GB to spare");

        Render(report).Should().Be(Lines(
            "memory train",
            "╭───────────────────┬────────────────────╮",
            "│ quantity          │              value │",
            "├───────────────────┼────────────────────┤",
            "│ total params      │             6.738B │",
            "│ per GPU › weights │ 13.5 GB (12.6 GiB) │",
            "│ per GPU › total   │     15 GB (14 GiB) │",
            "│ cost              │                  — │",
            "│ ZeRO stage        │                  3 │",
            "│ fits              │                yes │",
            "╰───────────────────┴────────────────────╯",
            "• fits with 12 GB to spare",
            "Assumptions: precision = bf16; MFU = 0.4"));
    }

    [Fact]
    public void The_value_column_is_right_aligned_and_every_column_is_as_wide_as_its_widest_cell()
    {
        var report = new Report("t");
        report.Add("a", "x");
        report.Add("longerName", "a much longer value");

        Render(report).Should().Be(Lines(
            "t",
            "╭─────────────┬─────────────────────╮",
            "│ quantity    │               value │",
            "├─────────────┼─────────────────────┤",
            "│ a           │                   x │",
            "│ longer name │ a much longer value │",
            "╰─────────────┴─────────────────────╯"));
    }

    [Fact]
    public void A_row_table_has_its_title_centred_above_it_and_a_missing_cell_is_empty()
    {
        var report = new Report("runs");
        var runs = report.AddArray("runs");
        ReportObject.NewItem(runs).Add("name", "a").Add("finalLoss", 2.5);
        ReportObject.NewItem(runs).Add("name", "bbbb");
        report.RowsField = "runs";

        Render(report).Should().Be(Lines(
            "runs",
            "        runs         ",
            "╭──────┬────────────╮",
            "│ name │ final loss │",
            "├──────┼────────────┤",
            "│ a    │ 2.5        │",
            "│ bbbb │            │",
            "╰──────┴────────────╯"));
    }

    [Fact]
    public void A_row_table_centres_an_odd_leftover_with_the_extra_space_on_the_right()
    {
        var report = new Report("t");
        ReportObject.NewItem(report.AddArray("laws")).Add("id", "abcdefg");

        Render(report).Split('\n')[1].Should().Be("   laws    ");
    }

    [Fact]
    public void An_empty_report_is_just_its_title()
    {
        Render(new Report("Nothing to show")).Should().Be(Lines("Nothing to show"));
    }

    [Fact]
    public void The_assumptions_paragraph_wraps_at_140_columns_at_word_boundaries()
    {
        var report = new Report("t");

        // "Assumptions: n = " is 17 wide and each ten-letter word with its space adds 11: after 11 words the line
        // is 137 wide, the 12th word (148) does not fit, so it moves down and the line ends without white space.
        string words = string.Join(" ", Enumerable.Range(0, 30).Select(i => new string((char)('a' + (i % 26)), 10)));
        report.Assumptions.Add("n", words);

        string[] lines = Render(report).Split('\n');
        lines[1].Should().Be("Assumptions: n = " + string.Join(" ", Enumerable.Range(0, 11).Select(i => new string((char)('a' + i), 10))));
        lines[1].Length.Should().BeLessThanOrEqualTo(140);
        lines[2].Should().StartWith("llllllllll mmmmmmmmmm");
        lines.Should().OnlyContain(l => l.Length <= 140);
        string.Concat(lines[1..]).Replace(" ", "", StringComparison.Ordinal)
            .Should().Be(("Assumptions: n = " + words).Replace(" ", "", StringComparison.Ordinal), "no text is lost");
    }

    [Fact]
    public void A_space_that_would_end_exactly_past_the_width_is_dropped_at_the_break()
    {
        var report = new Report("t");

        // "• " + 138 letters is exactly 140 wide; the space after it does not fit and is not carried over.
        report.Findings.Add(new string('x', 138) + " tail");

        Render(report).Should().Be(Lines("t", "• " + new string('x', 138), "tail"));
    }

    [Fact]
    public void A_table_of_single_words_wider_than_140_columns_becomes_column_groups_that_repeat_the_first_column()
    {
        var report = new Report("wide");
        var item = ReportObject.NewItem(report.AddArray("rows"));
        for (int i = 0; i < 12; i++)
        {
            item.Add("column" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), new string('v', 12));
        }

        string[] lines = Render(report).Split('\n');
        lines.Should().OnlyContain(l => l.Length <= 140);
        lines.Should().NotContain("rows 1 of 1");
        lines.Count(l => l.Trim().StartsWith("rows (", StringComparison.Ordinal)).Should().Be(2, "two groups, each titled with its part");
        lines.Where(l => l.StartsWith('│') && l.Contains("column", StringComparison.Ordinal)).Should().OnlyContain(l => l.StartsWith("│ column0 ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_wide_table_with_a_long_text_column_is_narrowed_to_140_columns()
    {
        var report = new Report("sources");
        var rows = report.AddArray("rows");
        string source = string.Join(" ", Enumerable.Repeat("datasheet", 40));
        ReportObject.NewItem(rows).Add("id", "h100-sxm").Add("source", source);

        string[] lines = Render(report).TrimEnd('\n').Split('\n');
        lines.Max(l => l.Length).Should().Be(140);
        string.Join(" ", lines.Skip(5).Where(l => l.StartsWith('│')).Select(l => l.Split('│')[2].Trim()).Where(t => t.Length > 0)).Should().Be(source, "no text is lost");
    }

    [Fact]
    public void A_row_tables_nested_columns_are_headed_by_their_last_name_unless_two_share_it()
    {
        var report = new Report("what ifs");
        var item = ReportObject.NewItem(report.AddArray("whatIfs"));
        item.Add("change", "fp8");
        item.AddObject("recommendation").Add("wallDays", 59.9).Add("loss", 1.93);
        item.AddObject("baseline").Add("loss", 1.94);

        string header = Render(report).Split('\n')[3];
        header.Should().Contain("│ wall time │").And.Contain("recommendation › loss").And.Contain("baseline › loss");
        header.Should().NotContain("recommendation › wall time");
    }
}
