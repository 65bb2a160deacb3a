using ScalingAdvisor.Inputs;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Fitting;

/// <summary>
/// Reads training runs from CSV (RFC 4180: quoted fields may hold commas and quotes; CRLF or LF; a UTF-8 byte-order
/// mark is ignored): a header line naming the columns, then one run per line. Columns, in any order and any letter
/// case: <c>params</c> (or <c>N</c>), <c>tokens</c> (or <c>D</c>), <c>loss</c> (nats per token), and optionally
/// <c>weight</c> and <c>uniqueTokens</c> (or <c>U</c>, for the data-constrained fit); other columns are ignored. Counts are written as on the command line (<see cref="QuantityParser"/>:
/// <c>7e10</c>, <c>70B</c>, <c>1.4T</c>, <c>350M</c>); empty lines are skipped. Messages and
/// <see cref="TrainingRun.Line"/> number the file's lines from 1, the header included. At most
/// <see cref="InputLimits.MaxRuns"/> runs and <see cref="InputLimits.MaxFileBytes"/> bytes.
/// </summary>
// Implementation note: parsing is Sep's (nietras, through CsvRecords), an RFC 4180 reader that is trim- and AOT-safe; this class maps its
// rows to runs and says which line and column is wrong.
public static class RunsCsv
{
    private static readonly string[] ParamsNames = ["params", "n"];
    private static readonly string[] TokensNames = ["tokens", "d"];
    private static readonly string[] LossNames = ["loss"];
    private static readonly string[] WeightNames = ["weight"];
    private static readonly string[] UniqueTokensNames = ["uniqueTokens", "unique_tokens", "U"];

    /// <summary>Reads runs from a CSV file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The runs, with the file's name as their source.</returns>
    /// <exception cref="ArgumentException">The file is missing a column, or a row is malformed or holds a value that is not finite and positive; the message names the file, line and column.</exception>
    /// <exception cref="InputTooLargeException">The file is larger than <see cref="InputLimits.MaxFileBytes"/> or holds more than <see cref="InputLimits.MaxRuns"/> runs.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static RunSet Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var reader = new StreamReader(InputFiles.OpenRead(path, "runs CSV"));
        return Read(reader, Path.GetFileName(path));
    }

    /// <summary>Reads runs from CSV text.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="sourceName">A name for the source used in messages and provenance, e.g. the file name.</param>
    /// <returns>The runs.</returns>
    /// <exception cref="ArgumentException">The text is missing a column, or a row is malformed or holds a value that is not finite and positive; the message names the source, line and column.</exception>
    /// <exception cref="InputTooLargeException">The text holds more than <see cref="InputLimits.MaxRuns"/> runs.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    public static RunSet Read(TextReader reader, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceName);
        string[]? header = null;
        int paramsColumn = -1, tokensColumn = -1, lossColumn = -1, weightColumn = -1, uniqueColumn = -1;
        var runs = new List<TrainingRun>();
        foreach (var (line, fields) in CsvRecords.Read(reader, sourceName,
            emptyMessage: "the file is empty; expected a header line with the columns params, tokens and loss.",
            noRowsMessage: "the file has a header but no runs.",
            tooManyMessage: "runs, the limit for a runs CSV; fit a sample of the runs."))
        {
            if (header is null)
            {
                header = fields;
                paramsColumn = Find(header, ParamsNames, sourceName, line, required: true);
                tokensColumn = Find(header, TokensNames, sourceName, line, required: true);
                lossColumn = Find(header, LossNames, sourceName, line, required: true);
                weightColumn = Find(header, WeightNames, sourceName, line, required: false);
                uniqueColumn = Find(header, UniqueTokensNames, sourceName, line, required: false);
                continue;
            }

            double n = Value(fields, paramsColumn, header, sourceName, line, isCount: true);
            double d = Value(fields, tokensColumn, header, sourceName, line, isCount: true);
            double loss = Value(fields, lossColumn, header, sourceName, line, isCount: false);
            double weight = weightColumn < 0 ? 1.0 : Value(fields, weightColumn, header, sourceName, line, isCount: false);
            TokenCount? unique = uniqueColumn < 0 ? null : TokenCount.FromCount(Value(fields, uniqueColumn, header, sourceName, line, isCount: true));
            runs.Add(new TrainingRun(ParameterCount.FromCount(n), TokenCount.FromCount(d), loss, weight) { Line = line, UniqueTokens = unique });
        }

        return new RunSet(sourceName, runs);
    }

    internal static int Find(string[] header, string[] names, string source, int line, bool required)
    {
        int found = -1;
        for (int i = 0; i < header.Length; i++)
        {
            if (names.Contains(header[i], StringComparer.OrdinalIgnoreCase))
            {
                if (found >= 0)
                {
                    throw Error(source, line, header[i], $"the header names the {names[0]} column twice ('{header[found]}' and '{header[i]}').");
                }

                found = i;
            }
        }

        if (found < 0 && required)
        {
            string alternatives = string.Join(" or ", names.Select(n => $"'{n}'"));
            throw Error(source, line, null, $"the header has no {names[0]} column (expected {alternatives}, any letter case; found: {string.Join(", ", header)}).");
        }

        return found;
    }

    // Counts (N, D) take the command line's forms (70B, 1.4T); the loss and the weight are plain numbers.
    internal static double Value(string[] fields, int column, string[] header, string source, int line, bool isCount)
    {
        string text = fields[column];
        bool parsed = isCount ? QuantityParser.TryParseCount(text, out double value) : QuantityParser.TryParseNumber(text, out value);
        if (!parsed && !double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            throw Error(source, line, header[column], isCount
                ? $"'{text}' is not a number. Counts are plain or scientific notation, optionally with K, M, B/G, T or P (e.g. 70B, 1.4T, 7e10)."
                : $"'{text}' is not a number.");
        }

        if (!parsed || value <= 0)
        {
            throw Error(source, line, header[column], $"the value {text} should be finite and > 0.");
        }

        return value;
    }

    internal static ArgumentException Error(string source, int line, string? column, string problem)
        => new(column is null
            ? $"{source}, line {line}: {problem}"
            : $"{source}, line {line}, column '{column}': {problem}");
}
