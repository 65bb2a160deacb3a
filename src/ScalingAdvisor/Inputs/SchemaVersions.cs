using System.Globalization;

namespace ScalingAdvisor.Inputs;

/// <summary>
/// The one rule for the <c>schemaVersion</c> of every file format the library reads (hardware, region and model
/// catalogs; fitted laws check theirs strictly): a version this library does not know is refused, never guessed at.
/// A hand-written catalog without the field is read as version 1.
/// </summary>
internal static class SchemaVersions
{
    /// <summary>The schema version these formats have today.</summary>
    public const int Supported = 1;

    /// <summary>Throws when a file states a version other than <see cref="Supported"/>.</summary>
    /// <param name="version">The file's <c>schemaVersion</c>, or null when absent.</param>
    /// <param name="source">The file's name, for the message; null when the caller's exception names it.</param>
    /// <returns>Null when the version is supported, else the reason.</returns>
    public static string? Problem(double? version, string? source)
        => version is null or Supported
            ? null
            : double.IsNaN(version.Value)
            ? $"{Prefix(source)}schemaVersion should be the number {Supported}."
            : string.Create(CultureInfo.InvariantCulture,
                $"{Prefix(source)}schemaVersion {version} is not supported; this version of ScalingAdvisor reads schemaVersion {Supported}.");

    private static string Prefix(string? source) => source is null ? "" : source + ": ";
}
