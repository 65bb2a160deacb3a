namespace ScalingAdvisor.Inputs;

/// <summary>Opens an input file for reading, bounded to <see cref="InputLimits.MaxFileBytes"/>.</summary>
internal static class InputFiles
{
    /// <summary>The file as a stream that fails once more than <see cref="InputLimits.MaxFileBytes"/> have been read.</summary>
    /// <param name="path">The file.</param>
    /// <param name="kind">What the file holds, for the message ("runs CSV", "hardware catalog").</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static Stream OpenRead(string path, string kind)
        => new BoundedReadStream(File.OpenRead(path), InputLimits.MaxFileBytes, $"The {kind} '{path}'");
}

/// <summary>
/// A read-only stream that throws <see cref="InputTooLargeException"/> once more than a limit has been read: the
/// check happens while streaming, so a device such as <c>/dev/zero</c>, whose length is unknown, is stopped too.
/// </summary>
internal sealed class BoundedReadStream(Stream inner, long limit, string description) : Stream
{
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        => Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Count(int read)
    {
        _read += read;
        if (_read > limit)
        {
            throw new InputTooLargeException($"{description} is larger than the {limit / (1024 * 1024)} MiB limit for an input file.");
        }

        return read;
    }
}
