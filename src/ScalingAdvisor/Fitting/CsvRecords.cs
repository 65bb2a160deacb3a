using nietras.SeparatedValues;
using ScalingAdvisor.Inputs;

namespace ScalingAdvisor.Fitting;

/// <summary>One non-empty CSV record: the file line it starts on (1-based, the header included) and its fields.</summary>
internal readonly record struct CsvRecord(int Line, string[] Fields);

/// <summary>
/// The record layer that <see cref="RunsCsv"/> and <see cref="TaskRunsCsv"/> share: RFC 4180 through Sep, blank lines
/// skipped, the header's byte-order mark dropped, every data row as wide as the header, at most
/// <see cref="InputLimits.MaxRuns"/> data rows, and an empty file or a header without rows refused.
/// </summary>
internal static class CsvRecords
{
    /// <summary>Yields the header first, then each data row.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="sourceName">A name for messages.</param>
    /// <param name="emptyMessage">The problem to report for a file with no header.</param>
    /// <param name="noRowsMessage">The problem to report for a header without rows.</param>
    /// <param name="tooManyMessage">The text after "more than N" for a file over the row limit.</param>
    public static IEnumerable<CsvRecord> Read(TextReader reader, string sourceName, string emptyMessage, string noRowsMessage, string tooManyMessage)
    {
        using var csv = Sep.New(',').Reader(o => o with
        {
            HasHeader = false,
            Unescape = true,
            Trim = SepTrim.All,
            DisableColCountCheck = true,
            CultureInfo = System.Globalization.CultureInfo.InvariantCulture,
        }).From(reader, leaveOpen: true);

        int headerWidth = -1, rows = 0, lastLine = 0;
        int nextLine = 1; // the first line of the next row: 1-based, the header is line 1
        foreach (var row in csv)
        {
            int line = nextLine;
            nextLine = row.LineNumberToExcl;
            lastLine = nextLine - 1;
            if (row.ColCount == 1 && row[0].Span.IsWhiteSpace())
            {
                continue;
            }

            string[] fields = row[..].ToStringsArray();
            if (headerWidth < 0)
            {
                fields[0] = fields[0].TrimStart('\uFEFF').Trim();
                headerWidth = fields.Length;
                yield return new CsvRecord(line, fields);
                continue;
            }

            if (fields.Length != headerWidth)
            {
                throw RunsCsv.Error(sourceName, line, null, $"expected {headerWidth} fields as in the header but found {fields.Length}.");
            }

            if (rows == InputLimits.MaxRuns)
            {
                throw new InputTooLargeException($"{sourceName}, line {line}: more than {InputLimits.MaxRuns} {tooManyMessage}");
            }

            rows++;
            yield return new CsvRecord(line, fields);
        }

        if (headerWidth < 0)
        {
            throw RunsCsv.Error(sourceName, Math.Max(lastLine, 1), null, emptyMessage);
        }

        if (rows == 0)
        {
            throw RunsCsv.Error(sourceName, Math.Max(lastLine, 1), null, noRowsMessage);
        }
    }
}
