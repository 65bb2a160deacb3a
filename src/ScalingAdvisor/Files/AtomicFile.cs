namespace ScalingAdvisor.Files;

/// <summary>
/// Writes a file so that an existing file at the path is either fully replaced or left untouched: the content goes to
/// a temporary file in the same directory, is flushed to disk, and is then renamed over the target. The temporary file
/// is removed when writing fails.
/// </summary>
/// <remarks>
/// Implementation note: a rename within one directory is atomic on POSIX file systems and NTFS, so a reader (or a
/// crash, a full disk, a failing serializer) never sees a half-written file. The temporary file sits next to the target
/// because a rename across file systems would be a copy. Renaming replaces the directory entry, so another hard link
/// to the old file keeps the old content; the caller resolves symbolic links first so that a link is written through.
/// </remarks>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> atomically: temporary file, flush, rename.</summary>
    /// <param name="path">The target file.</param>
    /// <param name="write">Writes the content to the stream it is given (and leaves it open).</param>
    /// <exception cref="IOException">The file cannot be written; the target is unchanged.</exception>
    /// <exception cref="UnauthorizedAccessException">The directory or file may not be written; the target is unchanged.</exception>
    public static void Write(string path, Action<Stream> write) => Stage(path, write).Commit();

    /// <summary>
    /// Writes the content to a temporary file next to <paramref name="path"/>; <see cref="StagedFile.Commit"/> renames it
    /// into place. Staging every output of a command before committing any means a failure leaves all of them untouched.
    /// </summary>
    /// <param name="path">The target file.</param>
    /// <param name="write">Writes the content to the stream it is given (and leaves it open).</param>
    /// <returns>The staged file; commit or discard it.</returns>
    /// <exception cref="IOException">The temporary file cannot be written; it has been removed.</exception>
    /// <exception cref="UnauthorizedAccessException">The directory may not be written.</exception>
    public static StagedFile Stage(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(write);
        string target = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(target) ?? throw new ArgumentException($"'{path}' has no directory.", nameof(path));
        string temp = Path.Combine(directory, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows() && File.Exists(target))
            {
                // Replacing a file keeps its permissions, as writing into it would.
                File.SetUnixFileMode(temp, File.GetUnixFileMode(target));
            }

            return new StagedFile(target, temp);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    internal static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the write has already failed, and that failure is what the caller reports.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}

/// <summary>A temporary file holding the complete new content of <see cref="TargetPath"/>, not yet renamed into place.</summary>
internal sealed class StagedFile
{
    internal StagedFile(string targetPath, string tempPath)
    {
        TargetPath = targetPath;
        TempPath = tempPath;
    }

    /// <summary>The file this replaces or creates.</summary>
    public string TargetPath { get; }

    /// <summary>The temporary file next to it.</summary>
    public string TempPath { get; }

    /// <summary>Renames the temporary file over the target (atomic); removes it if the rename fails.</summary>
    /// <exception cref="IOException">The rename failed; the target is unchanged.</exception>
    /// <exception cref="UnauthorizedAccessException">The rename is not permitted; the target is unchanged.</exception>
    public void Commit()
    {
        try
        {
            File.Move(TempPath, TargetPath, overwrite: true);
        }
        catch
        {
            Discard();
            throw;
        }
    }

    /// <summary>Removes the temporary file; the target is left as it was.</summary>
    public void Discard() => AtomicFile.TryDelete(TempPath);
}
