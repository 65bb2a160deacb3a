using System.Globalization;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Fitting;

/// <summary>
/// Reads training runs from CSV: a header line naming the columns, then one run per line. Columns, in any
/// order and any letter case: <c>params</c> (or <c>N</c>), <c>tokens</c> (or <c>D</c>), <c>loss</c> (nats per
/// token), and optionally <c>weight</c>; other columns are ignored. Numbers use the invariant culture
/// (<c>7e10</c>, <c>1.4e12</c>, <c>2.05</c>); empty lines are skipped.
/// </summary>
public static class RunsCsv
{
    private static readonly string[] ParamsNames = ["params", "n"];
    private static readonly string[] TokensNames = ["tokens", "d"];
    private static readonly string[] LossNames = ["loss"];
    private static readonly string[] WeightNames = ["weight"];

    /// <summary>Reads runs from a CSV file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The runs, with the file's name as their source.</returns>
    /// <exception cref="ArgumentException">The file is missing a column, or a row is malformed or holds a value that is not finite and positive; the message names the file, line and column.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static RunSet Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var reader = new StreamReader(path);
        return Read(reader, Path.GetFileName(path));
    }

    /// <summary>Reads runs from CSV text.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="sourceName">A name for the source used in messages and provenance, e.g. the file name.</param>
    /// <returns>The runs.</returns>
    /// <exception cref="ArgumentException">The text is missing a column, or a row is malformed or holds a value that is not finite and positive; the message names the source, line and column.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    public static RunSet Read(TextReader reader, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceName);
        int lineNumber = 0;
        string? line;
        string[]? header = null;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                header = Split(line);
                break;
            }
        }

        if (header is null)
        {
            throw Error(sourceName, lineNumber, null, "the file is empty; expected a header line with the columns params, tokens and loss.");
        }

        int headerLine = lineNumber;
        int paramsColumn = Find(header, ParamsNames, sourceName, headerLine, required: true);
        int tokensColumn = Find(header, TokensNames, sourceName, headerLine, required: true);
        int lossColumn = Find(header, LossNames, sourceName, headerLine, required: true);
        int weightColumn = Find(header, WeightNames, sourceName, headerLine, required: false);

        var runs = new List<TrainingRun>();
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            string[] fields = Split(line);
            if (fields.Length != header.Length)
            {
                throw Error(sourceName, lineNumber, null, $"expected {header.Length} fields as in the header but found {fields.Length}.");
            }

            double n = Value(fields, paramsColumn, header, sourceName, lineNumber);
            double d = Value(fields, tokensColumn, header, sourceName, lineNumber);
            double loss = Value(fields, lossColumn, header, sourceName, lineNumber);
            double weight = weightColumn < 0 ? 1.0 : Value(fields, weightColumn, header, sourceName, lineNumber);
            runs.Add(new TrainingRun(ParameterCount.FromCount(n), TokenCount.FromCount(d), loss, weight));
        }

        if (runs.Count == 0)
        {
            throw Error(sourceName, lineNumber, null, "the file has a header but no runs.");
        }

        return new RunSet(sourceName, runs);
    }

    private static string[] Split(string line)
    {
        string[] fields = line.Split(',');
        for (int i = 0; i < fields.Length; i++)
        {
            fields[i] = fields[i].Trim().Trim('"').Trim();
        }

        return fields;
    }

    private static int Find(string[] header, string[] names, string source, int line, bool required)
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

    private static double Value(string[] fields, int column, string[] header, string source, int line)
    {
        string text = fields[column];
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            throw Error(source, line, header[column], $"'{text}' is not a number.");
        }

        if (!double.IsFinite(value) || value <= 0)
        {
            throw Error(source, line, header[column], $"the value {text} should be finite and > 0.");
        }

        return value;
    }

    private static ArgumentException Error(string source, int line, string? column, string problem)
        => new(column is null
            ? $"{source}, line {line}: {problem}"
            : $"{source}, line {line}, column '{column}': {problem}");
}
