using ScalingAdvisor.Inputs;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Fitting;

/// <summary>
/// Reads downstream evaluations from CSV as <see cref="RunsCsv"/> reads runs (RFC 4180, any column order and letter
/// case, counts as on the command line, at most <see cref="InputLimits.MaxRuns"/> rows): columns <c>params</c> (or
/// <c>N</c>), <c>tokens</c> (or <c>D</c>), <c>taskLoss</c> (bits per byte), <c>accuracy</c> (a fraction in [0, 1]) and
/// optionally <c>final</c> (1/0 or true/false: rows with 0 are intermediate checkpoints, used by step 2 only).
/// </summary>
public static class TaskRunsCsv
{
    private static readonly string[] ParamsNames = ["params", "n"];
    private static readonly string[] TokensNames = ["tokens", "d"];
    private static readonly string[] LossNames = ["taskLoss", "task_loss", "bpb"];
    private static readonly string[] AccuracyNames = ["accuracy", "acc"];
    private static readonly string[] FinalNames = ["final"];

    /// <summary>Reads evaluations from a CSV file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The evaluations and the file's name.</returns>
    /// <exception cref="ArgumentException">A column is missing or a row is malformed; the message names the file, line and column.</exception>
    /// <exception cref="InputTooLargeException">The file is too large or has too many rows.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static TaskRunSet Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var reader = new StreamReader(InputFiles.OpenRead(path, "task runs CSV"));
        return Read(reader, Path.GetFileName(path));
    }

    /// <summary>Reads evaluations from CSV text.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="sourceName">A name for messages, e.g. the file name.</param>
    /// <returns>The evaluations.</returns>
    /// <exception cref="ArgumentException">A column is missing or a row is malformed; the message names the source, line and column.</exception>
    /// <exception cref="InputTooLargeException">The text has too many rows.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    public static TaskRunSet Read(TextReader reader, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceName);
        string[]? header = null;
        int nColumn = -1, dColumn = -1, lossColumn = -1, accuracyColumn = -1, finalColumn = -1;
        var runs = new List<TaskRun>();
        foreach (var (line, fields) in CsvRecords.Read(reader, sourceName,
            emptyMessage: "the file is empty; expected a header line with the columns params, tokens, taskLoss and accuracy.",
            noRowsMessage: "the file has a header but no rows.",
            tooManyMessage: "rows, the limit for a runs CSV; fit a sample of them."))
        {
            if (header is null)
            {
                header = fields;
                nColumn = RunsCsv.Find(header, ParamsNames, sourceName, line, required: true);
                dColumn = RunsCsv.Find(header, TokensNames, sourceName, line, required: true);
                lossColumn = RunsCsv.Find(header, LossNames, sourceName, line, required: true);
                accuracyColumn = RunsCsv.Find(header, AccuracyNames, sourceName, line, required: true);
                finalColumn = RunsCsv.Find(header, FinalNames, sourceName, line, required: false);
                continue;
            }

            double n = RunsCsv.Value(fields, nColumn, header, sourceName, line, isCount: true);
            double d = RunsCsv.Value(fields, dColumn, header, sourceName, line, isCount: true);
            double loss = RunsCsv.Value(fields, lossColumn, header, sourceName, line, isCount: false);
            double accuracy = Accuracy(fields, accuracyColumn, header, sourceName, line);
            bool final = finalColumn < 0 || Final(fields, finalColumn, header, sourceName, line);
            runs.Add(new TaskRun(ParameterCount.FromCount(n), TokenCount.FromCount(d), loss, accuracy, final) { Line = line });
        }

        return new TaskRunSet(sourceName, runs);
    }

    private static double Accuracy(string[] fields, int column, string[] header, string source, int line)
    {
        string text = fields[column];
        if (!double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double value)
            || !(value >= 0 && value <= 1))
        {
            throw RunsCsv.Error(source, line, header[column], $"'{text}' should be an accuracy as a fraction in [0, 1] (0.62 for 62 points).");
        }

        return value;
    }

    private static bool Final(string[] fields, int column, string[] header, string source, int line) => fields[column].ToUpperInvariant() switch
    {
        "1" or "TRUE" or "YES" => true,
        "0" or "FALSE" or "NO" => false,
        _ => throw RunsCsv.Error(source, line, header[column], $"'{fields[column]}' should be 1 or 0 (true or false)."),
    };
}

/// <summary>Evaluations read from a file, with the file's name for provenance.</summary>
/// <param name="SourceName">The file name.</param>
/// <param name="Runs">The evaluations, in file order.</param>
public sealed record TaskRunSet(string SourceName, IReadOnlyList<TaskRun> Runs);
