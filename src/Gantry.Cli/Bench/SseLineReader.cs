using System.Buffers;

namespace Gantry.Cli.Bench;

/// <summary>
/// Splits a byte stream into lines without decoding them: <see cref="TryReadLine"/> hands out each complete line
/// (without its <c>\n</c> or <c>\r\n</c>) as a span into a pooled buffer, <see cref="FillAsync"/> reads more. A load
/// generator that shares the machine with the server it measures must not spend a string and a UTF-8 decode on every
/// SSE event. A line longer than the buffer grows it. Used by one request's flow at a time.
/// </summary>
internal sealed class SseLineReader(Stream stream) : IDisposable
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
    private int _start; // first unread byte
    private int _end;   // one past the last byte read

    /// <summary>The next complete line among the bytes read so far; the span is valid until the next call on this reader.</summary>
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        var pending = _buffer.AsSpan(_start, _end - _start);
        var newline = pending.IndexOf((byte)'\n');
        if (newline < 0)
        {
            line = default;
            return false;
        }
        line = pending[..newline];
        if (line.Length > 0 && line[^1] == (byte)'\r') line = line[..^1];
        _start += newline + 1;
        return true;
    }

    /// <summary>Reads more of the stream; false at its end (an unterminated last line is dropped).</summary>
    public async ValueTask<bool> FillAsync(CancellationToken ct)
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            _buffer.AsSpan(0, _end).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
        var read = await stream.ReadAsync(_buffer.AsMemory(_end), ct).ConfigureAwait(false);
        _end += read;
        return read > 0;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
