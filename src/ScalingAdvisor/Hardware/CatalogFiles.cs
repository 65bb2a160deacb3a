namespace ScalingAdvisor.Hardware;

/// <summary>Opens a user's catalog file, turning I/O failures into argument errors that name the file.</summary>
internal static class CatalogFiles
{
    public static Stream OpenRead(string path, string kind)
    {
        try
        {
            return Inputs.InputFiles.OpenRead(path, kind + " file");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new ArgumentException($"Cannot read the {kind} file '{path}': {ex.Message}", nameof(path), ex);
        }
    }
}
