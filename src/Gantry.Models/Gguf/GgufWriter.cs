using System.Buffers;
using System.Text;
using Gantry.Tensors;

namespace Gantry.Models.Gguf;

/// <summary>
/// Writes a GGUF version 3 file: any metadata and tensors of any known type. Tensor data can be given as bytes or
/// produced at write time by a callback, so a multi-gigabyte synthetic model streams to disk without being held
/// in memory.
/// </summary>
public sealed class GgufWriter
{
    private readonly List<KeyValuePair<string, GgufValue>> _metadata = [];
    private readonly List<PendingTensor> _tensors = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    public GgufWriter(int alignment = 32)
    {
        if (alignment <= 0 || (alignment & (alignment - 1)) != 0) throw new ArgumentOutOfRangeException(nameof(alignment), "must be a power of two");
        Alignment = alignment;
        if (alignment != 32) Set("general.alignment", new GgufValue(GgufValueType.UInt32, (uint)alignment));
    }

    public int Alignment { get; }

    /// <summary>Adds or replaces a metadata value.</summary>
    public GgufWriter Set(string key, GgufValue value)
    {
        var i = _metadata.FindIndex(kv => kv.Key == key);
        if (i >= 0) _metadata[i] = new(key, value);
        else _metadata.Add(new(key, value));
        return this;
    }

    public GgufWriter Set(string key, string value) => Set(key, new GgufValue(GgufValueType.String, value));
    public GgufWriter Set(string key, uint value) => Set(key, new GgufValue(GgufValueType.UInt32, value));
    public GgufWriter Set(string key, int value) => Set(key, new GgufValue(GgufValueType.Int32, value));
    public GgufWriter Set(string key, float value) => Set(key, new GgufValue(GgufValueType.Float32, value));
    public GgufWriter Set(string key, bool value) => Set(key, new GgufValue(GgufValueType.Bool, value));
    public GgufWriter Set(string key, string[] value) => Set(key, new GgufValue(GgufValueType.Array, value, GgufValueType.String));
    public GgufWriter Set(string key, float[] value) => Set(key, new GgufValue(GgufValueType.Array, value, GgufValueType.Float32));
    public GgufWriter Set(string key, int[] value) => Set(key, new GgufValue(GgufValueType.Array, value, GgufValueType.Int32));

    /// <summary>Adds a tensor whose bytes are already in the format of <paramref name="type"/>.</summary>
    public GgufWriter AddTensor(string name, GgmlType type, long[] shape, ReadOnlyMemory<byte> data)
    {
        var size = CheckTensor(name, type, shape);
        if (data.Length != size) throw new ArgumentException($"tensor '{name}' needs {size} bytes of {type} data, got {data.Length}", nameof(data));
        _tensors.Add(new PendingTensor(name, type, shape, size, span => data.Span.CopyTo(span)));
        return this;
    }

    /// <summary>Adds a tensor whose bytes <paramref name="fill"/> writes into a buffer of the exact size when the file is written.</summary>
    public GgufWriter AddTensor(string name, GgmlType type, long[] shape, Action<Span<byte>> fill)
    {
        var size = CheckTensor(name, type, shape);
        _tensors.Add(new PendingTensor(name, type, shape, size, fill));
        return this;
    }

    /// <summary>Drops a tensor added earlier (tests use it to make a file that lacks one).</summary>
    public GgufWriter RemoveTensor(string name)
    {
        if (_tensors.RemoveAll(t => t.Name == name) == 0) throw new ArgumentException($"no tensor '{name}' to remove", nameof(name));
        _names.Remove(name);
        return this;
    }

    public void WriteTo(string path)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        WriteTo(stream);
    }

    public void WriteTo(Stream stream)
    {
        using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        w.Write(0x46554747u); // "GGUF"
        w.Write(3u);
        w.Write((ulong)_tensors.Count);
        w.Write((ulong)_metadata.Count);
        foreach (var (key, value) in _metadata)
        {
            WriteString(w, key);
            WriteValue(w, value);
        }
        long offset = 0;
        foreach (var t in _tensors)
        {
            WriteString(w, t.Name);
            w.Write((uint)t.Shape.Length);
            foreach (var d in t.Shape) w.Write((ulong)d);
            w.Write((uint)t.Type);
            w.Write((ulong)offset);
            offset = AlignUp(offset + t.Size);
        }
        w.Flush();
        Pad(stream);
        foreach (var t in _tensors)
        {
            var buffer = ArrayPool<byte>.Shared.Rent((int)t.Size);
            try
            {
                var span = buffer.AsSpan(0, (int)t.Size);
                span.Clear();
                t.Fill(span);
                stream.Write(span);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
            Pad(stream);
        }
    }

    private long CheckTensor(string name, GgmlType type, long[] shape)
    {
        if (!GgmlTypeInfo.IsKnown(type)) throw new ArgumentException($"tensor type {type} has no known layout", nameof(type));
        if (shape.Length is 0 or > 4 || shape.Any(d => d <= 0)) throw new ArgumentException($"tensor '{name}' has an invalid shape", nameof(shape));
        if (shape[0] % GgmlTypeInfo.BlockSize(type) != 0)
            throw new ArgumentException($"tensor '{name}' row length {shape[0]} is not a multiple of the {type} block size", nameof(shape));
        if (!_names.Add(name)) throw new ArgumentException($"tensor '{name}' was already added", nameof(name));
        var elements = shape.Aggregate(1L, (a, b) => a * b);
        var size = elements / GgmlTypeInfo.BlockSize(type) * GgmlTypeInfo.BlockBytes(type);
        if (size > int.MaxValue) throw new ArgumentException($"tensor '{name}' is over 2 GiB", nameof(shape));
        return size;
    }

    private void Pad(Stream stream)
    {
        var pad = (int)(AlignUp(stream.Position) - stream.Position);
        for (var i = 0; i < pad; i++) stream.WriteByte(0);
    }

    private long AlignUp(long value) => (value + Alignment - 1) / Alignment * Alignment;

    private static void WriteString(BinaryWriter w, string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        w.Write((ulong)bytes.Length);
        w.Write(bytes);
    }

    private static void WriteValue(BinaryWriter w, GgufValue value)
    {
        w.Write((uint)value.Type);
        if (value.Type != GgufValueType.Array)
        {
            WriteScalar(w, value.Type, value.Value);
            return;
        }
        var array = (Array)value.Value;
        w.Write((uint)value.ElementType);
        w.Write((ulong)array.Length);
        foreach (var item in array) WriteScalar(w, value.ElementType, item!);
    }

    private static void WriteScalar(BinaryWriter w, GgufValueType type, object v)
    {
        switch (type)
        {
            case GgufValueType.UInt8: w.Write(Convert.ToByte(v)); break;
            case GgufValueType.Int8: w.Write(Convert.ToSByte(v)); break;
            case GgufValueType.UInt16: w.Write(Convert.ToUInt16(v)); break;
            case GgufValueType.Int16: w.Write(Convert.ToInt16(v)); break;
            case GgufValueType.UInt32: w.Write(Convert.ToUInt32(v)); break;
            case GgufValueType.Int32: w.Write(Convert.ToInt32(v)); break;
            case GgufValueType.Float32: w.Write(Convert.ToSingle(v)); break;
            case GgufValueType.Bool: w.Write((bool)v); break;
            case GgufValueType.String: WriteString(w, (string)v); break;
            case GgufValueType.UInt64: w.Write(Convert.ToUInt64(v)); break;
            case GgufValueType.Int64: w.Write(Convert.ToInt64(v)); break;
            case GgufValueType.Float64: w.Write(Convert.ToDouble(v)); break;
            default: throw new ArgumentException($"cannot write a value of type {type}");
        }
    }

    private sealed record PendingTensor(string Name, GgmlType Type, long[] Shape, long Size, Action<Span<byte>> Fill);
}
