namespace Adal.Features.Ledger;

/// <summary>
/// The operating system's cryptographic generator, drawn 4 KiB at a time per thread: a salt is 32 bytes, and asking the
/// kernel for each one cost more (1.8 µs) than the commitment's hash. The bytes are the same CSPRNG output, each used once.
/// </summary>
internal sealed class BufferedSalts : System.Security.Cryptography.RandomNumberGenerator
{
    [ThreadStatic] private static byte[]? _buffer;
    [ThreadStatic] private static int _used;

    public override void GetBytes(byte[] data) => GetBytes(data.AsSpan());

    public override void GetBytes(Span<byte> data)
    {
        if (data.Length > 256)
        {
            Fill(data);
            return;
        }
        if (_buffer is null || _used + data.Length > _buffer.Length)
        {
            _buffer ??= new byte[4096];
            Fill(_buffer);
            _used = 0;
        }
        var slice = _buffer.AsSpan(_used, data.Length);
        slice.CopyTo(data);
        slice.Clear(); // handed out once: a salt must not stay behind in the buffer
        _used += data.Length;
    }
}
