using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace ScalingAdvisor.Cli.Files;

/// <summary>
/// <c>stat(2)</c> on Linux x64 and arm64: what a path names and its device and inode. .NET exposes neither the file
/// type (a device looks like an empty regular file) nor the inode, and both are needed: a device must not be renamed
/// over, and a hard link is the same file under another name.
/// </summary>
/// <remarks>
/// Implementation note: the kernel's <c>struct stat</c> starts with <c>st_dev</c> and <c>st_ino</c> (64 bits each) on
/// both architectures; <c>st_mode</c> follows at offset 24 on x86-64 (after a 64-bit <c>st_nlink</c>) and at offset 16
/// on arm64. glibc exports <c>stat</c> from 2.33; elsewhere (older glibc, other systems) this reports "unknown" and the
/// caller compares resolved paths only.
/// </remarks>
internal static partial class UnixFileStatus
{
    private const uint TypeMask = 0xF000, RegularType = 0x8000, DirectoryType = 0x4000;

    /// <summary>Large enough for <c>struct stat</c> (144 bytes on x86-64, 128 on arm64).</summary>
    private const int BufferSize = 256;

    public static bool TryGet(string path, out PathKind kind, out ulong device, out ulong inode)
    {
        kind = PathKind.Missing;
        device = inode = 0;
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture is not (Architecture.X64 or Architecture.Arm64))
        {
            return false;
        }

        Span<byte> buffer = stackalloc byte[BufferSize];
        try
        {
            if (Stat(path, buffer) != 0)
            {
                return true; // ENOENT, ENOTDIR, EACCES…: nothing the user can read or replace here.
            }
        }
        catch (DllNotFoundException)
        {
            return false;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }

        device = BinaryPrimitives.ReadUInt64LittleEndian(buffer);
        inode = BinaryPrimitives.ReadUInt64LittleEndian(buffer[8..]);
        uint mode = BinaryPrimitives.ReadUInt32LittleEndian(buffer[(RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 24 : 16)..]);
        kind = (mode & TypeMask) switch
        {
            RegularType => PathKind.RegularFile,
            DirectoryType => PathKind.Directory,
            _ => PathKind.Special,
        };
        return true;
    }

    [LibraryImport("libc.so.6", EntryPoint = "stat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Stat(string path, Span<byte> buffer);
}
