using System.Buffers.Text;

namespace Gantry.Gateway.Limits;

/// <summary>
/// The response body on its way to the client, passed through unchanged, read for what the shared limits need to
/// correct a request's token reservation to its real use: the last <see cref="TailBytes"/> bytes (where a response's
/// <c>usage</c> object sits: the last field of a completion, the last chunk before <c>[DONE]</c> of a stream with
/// <c>stream_options.include_usage</c>) and, for a stream, the number of server-sent events (each content delta is one
/// event, one token). Writes allocate nothing: one copy into a fixed ring and a scan for blank lines.
/// </summary>
internal sealed class UsageMeter(Stream inner) : Stream
{
    public const int TailBytes = 4096;

    private static readonly byte[] UsageField = "\"usage\":"u8.ToArray();
    private static readonly byte[] TotalField = "\"total_tokens\":"u8.ToArray();
    private static readonly byte[] Done = "data: [DONE]"u8.ToArray();

    private readonly byte[] _tail = new byte[TailBytes];
    private int _next;   // where the next byte goes in the ring
    private int _count;  // bytes held, up to TailBytes
    private int _events;
    private byte _last;

    /// <summary>The client's body stream this meter writes through to.</summary>
    public Stream Inner => inner;

    /// <summary>
    /// The tokens the response shows were used: the <c>usage.total_tokens</c> it carries; for a stream without one,
    /// <paramref name="promptEstimate"/> plus one per content event; 0 for a response that is not a success (the replica
    /// generated nothing to charge); null when a success carries no usage the meter can read (the reservation stands).
    /// </summary>
    public long? UsedTokens(int status, bool stream, long promptEstimate)
    {
        if (status is < 200 or >= 300) return 0;
        var tail = Tail();
        if (Total(tail) is { } total) return total;
        if (!stream) return null;
        var content = _events - (tail.AsSpan().IndexOf(Done) >= 0 ? 1 : 0);
        return promptEstimate + Math.Max(0, content);
    }

    /// <summary>The number after <c>"total_tokens":</c> in the last <c>"usage":{…}</c> of <paramref name="tail"/>.</summary>
    private static long? Total(ReadOnlySpan<byte> tail)
    {
        var at = tail.LastIndexOf(UsageField);
        if (at < 0) return null;
        var rest = tail[(at + UsageField.Length)..].TrimStart(" "u8);
        if (rest.IsEmpty || rest[0] != (byte)'{') return null; // "usage": null
        var end = rest.IndexOf((byte)'}');
        var usage = end < 0 ? rest : rest[..end];
        var field = usage.IndexOf(TotalField);
        if (field < 0) return null;
        var digits = usage[(field + TotalField.Length)..].TrimStart(" "u8);
        return Utf8Parser.TryParse(digits, out long value, out _) && value >= 0 ? value : null;
    }

    private byte[] Tail()
    {
        var copy = new byte[_count];
        var start = (_next - _count + TailBytes) % TailBytes;
        var first = Math.Min(_count, TailBytes - start);
        _tail.AsSpan(start, first).CopyTo(copy);
        _tail.AsSpan(0, _count - first).CopyTo(copy.AsSpan(first));
        return copy;
    }

    private void Observe(ReadOnlySpan<byte> data)
    {
        var last = _last;
        foreach (var b in data)
        {
            if (b == (byte)'\n' && last == (byte)'\n') _events++; // a blank line ends a server-sent event
            last = b;
        }
        _last = last;
        if (data.Length >= TailBytes)
        {
            data[^TailBytes..].CopyTo(_tail);
            (_next, _count) = (0, TailBytes);
            return;
        }
        var first = Math.Min(data.Length, TailBytes - _next);
        data[..first].CopyTo(_tail.AsSpan(_next));
        data[first..].CopyTo(_tail);
        _next = (_next + data.Length) % TailBytes;
        _count = Math.Min(_count + data.Length, TailBytes);
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Observe(buffer);
        inner.Write(buffer);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Observe(buffer.Span);
        return inner.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
