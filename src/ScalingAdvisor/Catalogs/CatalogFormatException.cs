namespace ScalingAdvisor.Catalogs;

/// <summary>
/// A catalog file (hardware, model presets, regions) that cannot be read: malformed JSON, a missing or invalid field.
/// The message names the file, the entry and the field, so a user can fix the file without a debugger.
/// </summary>
public sealed class CatalogFormatException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="fileName">The file (or stream name) being read.</param>
    /// <param name="entry">The id (or index) of the entry at fault, if any.</param>
    /// <param name="field">The field at fault, if any.</param>
    /// <param name="problem">What is wrong, as a sentence.</param>
    /// <param name="innerException">The underlying parser error, if any.</param>
    public CatalogFormatException(string fileName, string? entry, string? field, string problem, Exception? innerException = null)
        : base(Compose(fileName, entry, field, problem), innerException)
    {
        FileName = fileName;
        Entry = entry;
        Field = field;
    }

    /// <summary>The file (or stream name) being read.</summary>
    public string FileName { get; }

    /// <summary>The id (or "#index") of the entry at fault; null for a whole-file problem.</summary>
    public string? Entry { get; }

    /// <summary>The field at fault; null when the problem is not in one field.</summary>
    public string? Field { get; }

    private static string Compose(string fileName, string? entry, string? field, string problem)
    {
        var where = fileName;
        if (entry is not null)
        {
            where += $", entry '{entry}'";
        }

        if (field is not null)
        {
            where += $", field '{field}'";
        }

        return $"{where}: {problem}";
    }
}
