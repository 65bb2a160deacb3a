namespace ScalingAdvisor.Cli.Files;

/// <summary>What a path names on disk.</summary>
internal enum PathKind
{
    /// <summary>Nothing (yet).</summary>
    Missing,

    /// <summary>A regular file.</summary>
    RegularFile,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A device, FIFO or socket (e.g. <c>/dev/stdout</c>, <c>/dev/full</c>): written in place, never renamed over.</summary>
    Special,
}

/// <summary>
/// A path as the file system sees it: absolute, normalised, with every symbolic link resolved, and (on Linux) the
/// device and inode of what it names, so that two spellings of one file, a symbolic link or a hard link compare equal.
/// </summary>
/// <param name="Given">The path as the user gave it.</param>
/// <param name="FullPath">Absolute and normalised, every symbolic link on the way resolved.</param>
/// <param name="Kind">What it names.</param>
/// <param name="Device">The device of an existing file (Linux), else 0.</param>
/// <param name="Inode">The inode of an existing file (Linux), else 0.</param>
internal readonly record struct ResolvedPath(string Given, string FullPath, PathKind Kind, ulong Device, ulong Inode)
{
    /// <summary>Links followed before a path is taken as it is (the kernel's own limit is 40).</summary>
    private const int MaxLinkDepth = 40;

    // Windows and macOS file systems are case-insensitive by default; Linux ones are case-sensitive.
    private static readonly StringComparison PathComparison = OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;

    public static ResolvedPath Of(string path)
    {
        string full = ResolveLinks(Path.GetFullPath(path), 0);
        if (UnixFileStatus.TryGet(path, out var kind, out ulong device, out ulong inode))
        {
            return new ResolvedPath(path, full, kind, device, inode);
        }

        kind = Directory.Exists(path) ? PathKind.Directory : File.Exists(path) ? PathKind.RegularFile : PathKind.Missing;
        return new ResolvedPath(path, full, kind, 0, 0);
    }

    /// <summary>Whether both name one file: the same resolved path, or the same device and inode.</summary>
    public bool IsSameFileAs(ResolvedPath other)
        => string.Equals(FullPath, other.FullPath, PathComparison)
            || (Kind != PathKind.Missing && Inode != 0 && Device == other.Device && Inode == other.Inode);

    /// <summary>Follows the symbolic links of every component, from the root down (a missing component ends the walk).</summary>
    private static string ResolveLinks(string fullPath, int depth)
    {
        string root = Path.GetPathRoot(fullPath) ?? "";
        string current = root;
        string[] segments = fullPath[root.Length..].Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < segments.Length; i++)
        {
            string next = Path.Combine(current, segments[i]);
            FileSystemInfo? target = null;
            try
            {
                var info = new FileInfo(next);
                if (!info.Exists && !Directory.Exists(next) && info.LinkTarget is null)
                {
                    return Path.Combine([next, .. segments[(i + 1)..]]);
                }

                target = info.LinkTarget is null || depth >= MaxLinkDepth ? null : info.ResolveLinkTarget(returnFinalTarget: true);
            }
            catch (IOException)
            {
                // A link loop or an unreadable link: compare the path as given.
            }
            catch (UnauthorizedAccessException)
            {
                // As above.
            }

            current = target is null ? next : ResolveLinks(target.FullName, depth + 1);
        }

        return current;
    }
}
