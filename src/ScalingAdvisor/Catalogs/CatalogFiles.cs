namespace ScalingAdvisor.Catalogs;

/// <summary>Opens catalog JSON: a built-in catalog's embedded resource, or a user's file with I/O failures turned into argument errors that name the file.</summary>
internal static class CatalogFiles
{
    /// <summary>The embedded <paramref name="fileName"/> (e.g. <c>hardware.catalog.json</c>, embedded as <c>ScalingAdvisor.Hardware.hardware.catalog.json</c>).</summary>
    /// <exception cref="InvalidOperationException">The library was built without the file: a packaging bug, not bad input.</exception>
    public static Stream OpenBuiltIn(string fileName)
    {
        var assembly = typeof(CatalogFiles).Assembly;
        string suffix = "." + fileName;
        foreach (string name in assembly.GetManifestResourceNames())
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal))
            {
                return assembly.GetManifestResourceStream(name)!;
            }
        }

        throw new InvalidOperationException($"The built-in catalog {fileName} is not embedded in the library.");
    }

    /// <summary>A user's catalog file, bounded to <see cref="Inputs.InputLimits.MaxFileBytes"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="kind">What the catalog holds, for the message ("hardware", "region").</param>
    public static Stream OpenRead(string path, string kind)
    {
        try
        {
            return Inputs.InputFiles.OpenRead(path, kind + " catalog");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new ArgumentException($"Cannot read the {kind} catalog '{path}': {ex.Message}", nameof(path), ex);
        }
    }
}
