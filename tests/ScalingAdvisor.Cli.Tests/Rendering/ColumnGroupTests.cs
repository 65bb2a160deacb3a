using System.Globalization;
using ScalingAdvisor.Cli.Rendering;

namespace ScalingAdvisor.Cli.Tests.Rendering;

/// <summary>
/// Issue 13 (leftover): a row table wider than the terminal is split into column groups that each repeat its key
/// column, and falls back to label: value blocks only when one group cannot fit. Structure, not byte snapshots.
/// </summary>
public class ColumnGroupTests
{
    private static string Render(Report report, int width)
    {
        using var output = new StringWriter();
        TableReportWriter.Write(report, output, width, showSources: false);
        return output.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    /// <summary>Each drawn table as its rows of cells (header rows first), in order.</summary>
    private static List<List<string[]>> Tables(string text)
    {
        var tables = new List<List<string[]>>();
        List<string[]>? current = null;
        foreach (string line in text.Split('\n'))
        {
            if (line.StartsWith('╭')) current = [];
            else if (line.StartsWith('╰') && current is not null)
            {
                tables.Add(current);
                current = null;
            }
            else if (current is not null && line.StartsWith('│')) current.Add(line.Split('│', StringSplitOptions.TrimEntries)[1..^1]);
        }

        return tables;
    }

    private static Report Wide(int rows, int columns)
    {
        var report = new Report("wide");
        var array = report.AddArray("rows");
        for (int r = 0; r < rows; r++)
        {
            var item = ReportObject.NewItem(array).Add("key", "item" + r.ToString(CultureInfo.InvariantCulture));
            for (int c = 1; c < columns; c++)
            {
                item.Add("column" + c.ToString(CultureInfo.InvariantCulture) + "Bytes", 1e12 * ((r * columns) + c));
            }
        }

        return report;
    }

    [Fact]
    public void A_wide_row_table_is_split_into_groups_that_each_repeat_the_key_column_and_show_every_other_column_once()
    {
        string text = Render(Wide(rows: 3, columns: 12), 80);

        text.Split('\n').Should().OnlyContain(l => DisplayWidth.Of(l) <= 80);
        text.Should().NotContain("rows 1 of 3", "the groups fit, so no blocks");
        List<List<string[]>> tables = Tables(text);
        tables.Should().HaveCountGreaterThan(1);
        var seen = new List<string>();
        foreach (List<string[]> table in tables)
        {
            table[0][0].Should().Be("key", "every group starts with the key column");
            table.Should().HaveCount(4, "a header and the three rows");
            seen.AddRange(table[0].Skip(1));
            for (int r = 1; r < table.Count; r++)
            {
                table[r][0].Should().Be(tables[0][r][0], "row {0} of each group is the same item", r);
            }
        }

        seen.Should().Equal(Enumerable.Range(1, 11).Select(c => "column" + c.ToString(CultureInfo.InvariantCulture)), "each other column once, in order");
    }

    [Fact]
    public void Every_value_of_a_row_appears_once_across_the_groups()
    {
        Report report = Wide(rows: 2, columns: 10);
        string wide = Render(report, 400);
        string narrow = Render(report, 70);
        List<List<string[]>> whole = Tables(wide);
        whole.Should().HaveCount(1, "at 400 columns the table fits whole");
        List<List<string[]>> groups = Tables(narrow);
        for (int r = 1; r <= 2; r++)
        {
            var values = new List<string> { groups[0][r][0] };
            foreach (List<string[]> group in groups)
            {
                values.AddRange(group[r].Skip(1));
            }

            values.Should().Equal(whole[0][r], "row {0}'s values, once each, key first", r);
        }
    }

    [Fact]
    public void Blocks_are_the_fallback_only_when_the_key_and_one_column_cannot_fit()
    {
        var report = new Report("wide");
        var item = ReportObject.NewItem(report.AddArray("rows"));
        item.Add("first", "1234567890123456789012").Add("second", "2234567890123456789012").Add("third", "3234567890123456789012");

        string text = Render(report, 40);

        text.Should().Contain("rows 1 of 1").And.Contain("  first:");
        Tables(text).Should().BeEmpty();
        text.Split('\n').Should().OnlyContain(l => DisplayWidth.Of(l) <= 40);
    }

    [Fact]
    public void The_default_advise_report_is_column_groups_within_120_columns_and_under_a_hundred_and_twenty_lines()
    {
        var run = CliRunner.Run("advise");
        run.ExitCode.Should().Be(0, run.Stderr);
        string text = run.Stdout.Replace("\r\n", "\n", StringComparison.Ordinal);
        int width = TerminalWidth.Resolve(Environment.GetEnvironmentVariable("COLUMNS"), null);
        text.Split('\n').Should().OnlyContain(l => DisplayWidth.Of(l) <= width);
        if (width != TerminalWidth.Default) return;

        // 120, not 110, since issue 18: the predicted MFU adds a row and a finding, and the larger recommendation it allows
        // lies past the law's fitted range, which adds the extrapolation finding.
        text.Split('\n').Length.Should().BeLessThan(120, "it was 539 lines of blocks before");
        text.Should().NotContain("frontier 1 of");
        int budgets = CliRunner.Json("advise").GetProperty("frontier").GetArrayLength();
        List<List<string[]>> frontier = Tables(text).Where(t => t[0][0] == "FLOPs").ToList();
        frontier.Should().HaveCountGreaterThan(1);
        frontier.Should().OnlyContain(t => t.Count == budgets + 1, "every group has every budget");
        frontier.SelectMany(t => t[0].Skip(1)).Should().OnlyHaveUniqueItems().And.Contain(["params", "loss", "CO2e"]);
    }
}
