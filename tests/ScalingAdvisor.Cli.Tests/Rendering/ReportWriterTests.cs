using System.Text.Json;
using ScalingAdvisor.Cli.Rendering;

namespace ScalingAdvisor.Cli.Tests.Rendering;

public class ReportWriterTests
{
    private static Report Sample()
    {
        var report = new Report("memory train");
        report.Add("totalParams", 6738415616);
        var perGpu = report.AddObject("perGpu");
        perGpu.Add("weightsBytes", 13476831232).Add("totalBytes", 1.5e10);
        report.Add("costUsd", (double?)null);
        report.Assumptions.Add("precision", "bf16").Add("mfu", 0.4);
        report.Findings.Add("fits with 12 GB to spare");
        return report;
    }

    [Fact]
    public void Json_has_schema_version_exact_integers_nulls_and_assumptions()
    {
        using var output = new StringWriter();
        JsonReportWriter.Write(Sample(), output);
        using var json = JsonDocument.Parse(output.ToString());
        var root = json.RootElement;
        root.GetProperty("schemaVersion").GetInt32().Should().Be(1);
        root.GetProperty("totalParams").GetInt64().Should().Be(6738415616);
        root.GetProperty("perGpu").GetProperty("totalBytes").GetDouble().Should().Be(1.5e10);
        root.GetProperty("costUsd").ValueKind.Should().Be(JsonValueKind.Null);
        root.GetProperty("assumptions").GetProperty("mfu").GetDouble().Should().Be(0.4);
        root.GetProperty("findings")[0].GetString().Should().Contain("fits");
    }

    [Fact]
    public void Json_escapes_what_json_requires_and_keeps_other_text_as_is()
    {
        var report = new Report("strings");
        const string tricky = "6·N·D ≤ \"quoted\" back\\slash\ttab\nline\u0001";
        report.Add("text", tricky);
        report.Add("ratio", 0.1 + 0.2);
        report.Add("flops", 9.2166e22);
        report.Add("tiny", -1e-300);
        using var output = new StringWriter();
        JsonReportWriter.Write(report, output);

        string text = output.ToString();
        text.Should().Contain("6·N·D ≤ \\\"quoted\\\"").And.Contain("\\u0001");
        using var json = JsonDocument.Parse(text);
        json.RootElement.GetProperty("text").GetString().Should().Be(tricky);
        json.RootElement.GetProperty("ratio").GetDouble().Should().Be(0.1 + 0.2, "the shortest round-trip form is exact");
        json.RootElement.GetProperty("flops").GetDouble().Should().Be(9.2166e22);
        json.RootElement.GetProperty("tiny").GetDouble().Should().Be(-1e-300);
    }

    [Fact]
    public void Json_escapes_javascript_line_breaks_del_c1_controls_and_astral_characters_like_system_text_json()
    {
        var report = new Report("escapes");
        const string text = "a\u2028b\u2029c\u007Fd\u0085e😀f";
        report.Add("text", text);
        using var output = new StringWriter();
        JsonReportWriter.Write(report, output);

        output.ToString().Should().Contain("\"a\\u2028b\\u2029c\\u007Fd\\u0085e\\uD83D\\uDE00f\"");
        using var json = JsonDocument.Parse(output.ToString());
        json.RootElement.GetProperty("text").GetString().Should().Be(text);
    }

    [Fact]
    public void Json_is_indented_by_two_spaces_with_empty_containers_inline()
    {
        var report = new Report("shape");
        report.AddArray("rows");
        report.AddObject("perGpu").Add("totalBytes", 2);
        using var output = new StringWriter();
        JsonReportWriter.Write(report, output);
        output.ToString().ReplaceLineEndings("\n").Should().Be(
            "{\n  \"schemaVersion\": 1,\n  \"rows\": [],\n  \"perGpu\": {\n    \"totalBytes\": 2\n  },\n  \"findings\": [],\n  \"assumptions\": {}\n}\n");
    }

    [Fact]
    public void A_report_refuses_a_nan_or_infinity_naming_the_field_as_invalid_input()
    {
        // Issue 14: the table view printed "Infinity" with exit 0 where JSON refused; the report itself now refuses.
        var report = new Report("broken");
        ((Action)(() => report.Add("loss", double.NaN))).Should().Throw<ScalingAdvisor.Cli.Infrastructure.CliInputException>().WithMessage("loss: *not a number*");
        ((Action)(() => report.Add("flops", double.PositiveInfinity))).Should().Throw<ScalingAdvisor.Cli.Infrastructure.CliInputException>().WithMessage("flops: *infinite*");
    }

    [Fact]
    public void Csv_flattens_nested_fields_into_dotted_columns()
    {
        using var output = new StringWriter();
        CsvReportWriter.Write(Sample(), output);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Trim().Should().Be("schemaVersion,totalParams,perGpu.weightsBytes,perGpu.totalBytes,costUsd");
        lines[1].Trim().Should().Be("1,6738415616,13476831232,15000000000,");
    }

    [Fact]
    public void Csv_of_a_rows_report_has_one_line_per_row()
    {
        var report = new Report("frontier");
        var rows = report.AddArray("frontier");
        ReportObject.NewItem(rows).Add("flops", 1e20).Add("loss", 2.5);
        ReportObject.NewItem(rows).Add("flops", 2e20).Add("loss", 2.4);
        report.RowsField = "frontier";
        using var output = new StringWriter();
        CsvReportWriter.Write(report, output);
        output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(3);
    }

    [Fact]
    public void Table_shows_units_in_values_and_the_assumptions()
    {
        using var output = new StringWriter();
        TableReportWriter.Write(Sample(), output, 140, showSources: false);
        string text = output.ToString();
        text.Should().Contain("13.5 GB (12.6 GiB)");
        text.Should().Contain("per GPU › weights");
        text.Should().Contain("6.738B");
        text.Should().Contain("Assumptions: precision = bf16; MFU = 0.4");
    }
}
