using System.Globalization;

namespace ScalingAdvisor.Cli.Rendering;

/// <summary>
/// CSV (RFC 4180, invariant culture, raw SI values): the rows of <see cref="Report.RowsField"/> when the
/// report has one, otherwise one row of all top-level scalars with dotted column names.
/// </summary>
internal static class CsvReportWriter
{
    public static void Write(Report report, TextWriter output)
    {
        ReportObject document = report.Document();
        List<ReportObject> rows = RowsOf(document, report.RowsField) ?? [WithoutAssumptions(document)];
        List<string> columns = ReportFlattener.Columns(rows);
        output.WriteLine(string.Join(",", columns.Select(Escape)));
        foreach (var row in rows)
        {
            var values = ReportFlattener.DataScalars(row).ToDictionary(p => p.Path, p => p.Value, StringComparer.Ordinal);
            output.WriteLine(string.Join(",", columns.Select(c => values.TryGetValue(c, out var v) ? Escape(Raw(v)) : "")));
        }
    }

    private static List<ReportObject>? RowsOf(ReportObject document, string? field)
        => field is null ? null : document.Fields.Where(f => f.Name == field).Select(f => f.Value).OfType<ReportValue.Array>().FirstOrDefault()?.Items;

    private static ReportObject WithoutAssumptions(ReportObject document)
    {
        var copy = new ReportObject();
        copy.Fields.AddRange(document.Fields.Where(f => f.Name is not ("assumptions" or "findings")));
        return copy;
    }

    private static string Raw(ReportValue value) => value switch
    {
        ReportValue.Number n => n.Value.ToString("R", CultureInfo.InvariantCulture),
        ReportValue.Text t => t.Value,
        ReportValue.Flag f => f.Value ? "true" : "false",
        ReportValue.Strings s => string.Join("; ", s.Items),
        _ => "",
    };

    private static string Escape(string text)
        => text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
