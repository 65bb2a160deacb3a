using ScalingAdvisor.Fitting;

namespace ScalingAdvisor.Cli.Files;

/// <summary>
/// What an output option writes, and how to recognise an earlier file of that kind: an existing file is replaced only
/// when it is empty or one of these (the command's own earlier output), never another file the user happens to name.
/// </summary>
/// <param name="Name">For messages and help, with its article, e.g. "a fitted-law JSON file".</param>
/// <param name="Recognises">Whether an existing regular file holds this kind of content.</param>
internal sealed record OutputKind(string Name, Func<string, bool> Recognises)
{
    /// <summary>A fitted law saved by <c>fit --out</c>: recognised when it loads back as one.</summary>
    public static OutputKind FittedLaw { get; } = new("a fitted-law JSON file", path =>
    {
        try
        {
            FittedLawFile.Load(path);
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    });

    /// <summary>A task law saved by <c>fit-task --out</c>: recognised when it loads back as one.</summary>
    public static OutputKind TaskLaw { get; } = new("a task-law JSON file", path =>
    {
        try
        {
            TaskLawFile.Load(path);
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    });

    /// <summary>A plot, SVG or PNG: recognised by the PNG signature, or by an <c>&lt;svg</c> element near its start.</summary>
    public static OutputKind Image { get; } = new("an SVG or PNG image", path =>
    {
        const int Head = 4096;
        try
        {
            using (var stream = File.OpenRead(path))
            {
                Span<byte> signature = stackalloc byte[8];
                if (stream.ReadAtLeast(signature, 8, throwOnEndOfStream: false) == 8 && signature.SequenceEqual(PngSignature))
                {
                    return true;
                }
            }

            using var reader = new StreamReader(path);
            var buffer = new char[Head];
            int read = reader.ReadBlock(buffer, 0, Head);
            return buffer.AsSpan(0, read).Contains("<svg", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    });

    private static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
}
