using System.Buffers.Binary;
using System.Text;

namespace Gantry.Models.Gguf;

/// <summary>
/// A bounds-checked little-endian reader over the mapped header bytes. Every read checks the remaining length
/// first and names the field it was reading, so a truncated or hostile file fails with a precise
/// <see cref="ModelFormatException"/> rather than an access violation or an unbounded allocation.
/// </summary>
internal unsafe struct GgufCursor
{
    private readonly byte* _start;
    private readonly long _length;

    public GgufCursor(byte* start, long length)
    {
        _start = start;
        _length = length;
        Position = 0;
    }

    public long Position { get; private set; }

    public long Remaining => _length - Position;

    public byte ReadByte(string field) => *Take(1, field);

    public uint ReadUInt32(string field) => BinaryPrimitives.ReadUInt32LittleEndian(new ReadOnlySpan<byte>(Take(4, field), 4));

    public ulong ReadUInt64(string field) => BinaryPrimitives.ReadUInt64LittleEndian(new ReadOnlySpan<byte>(Take(8, field), 8));

    /// <summary>Reads a count and checks that <paramref name="minBytesEach"/> × count bytes can still follow.</summary>
    public long ReadCount(string field, long minBytesEach)
    {
        var at = Position;
        var n = ReadUInt64(field);
        if (n > (ulong)(Remaining / Math.Max(1, minBytesEach)))
            throw ModelFormatException.At(field, at, $"count {n} cannot fit in the {Remaining} bytes left in the file");
        return (long)n;
    }

    public string ReadString(string field)
    {
        var at = Position;
        var length = ReadUInt64(field + " length");
        if (length > (ulong)Remaining)
            throw ModelFormatException.At(field, at, $"string length {length} runs past the end of the file ({Remaining} bytes left)");
        var bytes = new ReadOnlySpan<byte>(Take((long)length, field), (int)length);
        // Vocabularies hold byte-level pieces; invalid UTF-8 is kept as U+FFFD rather than refused, as llama.cpp does.
        return Encoding.UTF8.GetString(bytes);
    }

    public void Skip(long bytes, string field) => Take(bytes, field);

    private byte* Take(long bytes, string field)
    {
        if (bytes < 0 || bytes > Remaining)
            throw ModelFormatException.At(field, Position, $"needs {bytes} bytes but the file ends after {Remaining}");
        var p = _start + Position;
        Position += bytes;
        return p;
    }
}
