using System.IO.MemoryMappedFiles;
using Gantry.Tensors;

namespace Gantry.Models.Gguf;

/// <summary>
/// A GGUF model file (versions 2 and 3), memory-mapped read-only. The header, metadata and tensor directory are
/// parsed and validated at open; tensor data is never copied: <see cref="TensorData"/> returns views into the
/// mapping, which stay valid until the file is disposed.
/// </summary>
public sealed unsafe class GgufFile : IDisposable
{
    private const uint Magic = 0x46554747; // "GGUF" little-endian
    private const int MaxDimensions = 4;    // GGML_MAX_DIMS
    private const long DefaultAlignment = 32;

    private readonly MemoryMappedFile _map;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _base;
    private readonly Dictionary<string, GgufTensorInfo> _byName;
    private bool _disposed;

    private GgufFile(string path, MemoryMappedFile map, MemoryMappedViewAccessor view, byte* basePointer, long length)
    {
        Path = path;
        _map = map;
        _view = view;
        _base = basePointer;
        FileLength = length;
        var cursor = new GgufCursor(basePointer, length);
        Version = ReadHeader(ref cursor, out var tensorCount, out var kvCount);
        Metadata = ReadMetadata(ref cursor, kvCount);
        Alignment = ReadAlignment(Metadata);
        Tensors = ReadTensorDirectory(ref cursor, tensorCount, out _byName);
        DataOffset = AlignUp(cursor.Position, Alignment);
        CheckTensorExtents();
    }

    public string Path { get; }

    public uint Version { get; }

    public GgufMetadata Metadata { get; }

    public IReadOnlyList<GgufTensorInfo> Tensors { get; }

    public long Alignment { get; }

    /// <summary>Start of the tensor data section (tensor offsets are relative to it).</summary>
    public long DataOffset { get; }

    public long FileLength { get; }

    /// <summary>Opens and validates <paramref name="path"/>; throws <see cref="ModelFormatException"/> for a bad file.</summary>
    public static GgufFile Open(string path)
    {
        var info = new FileInfo(path);
        // A link's own length is its target's name: measure the file it leads to (Hugging Face cache snapshots are links).
        if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is FileInfo target) info = target;
        var length = info.Length; // FileNotFoundException passes through: not a format problem
        if (length == 0) throw new ModelFormatException($"'{path}' is empty, not a GGUF file");
        var map = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        MemoryMappedViewAccessor? view = null;
        var acquired = false;
        try
        {
            view = map.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
            byte* p = null;
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref p);
            acquired = true;
            return new GgufFile(path, map, view, p + view.PointerOffset, length);
        }
        catch
        {
            if (acquired) view!.SafeMemoryMappedViewHandle.ReleasePointer();
            view?.Dispose();
            map.Dispose();
            throw;
        }
    }

    public GgufTensorInfo? FindTensor(string name) => _byName.GetValueOrDefault(name);

    public GgufTensorInfo GetTensor(string name) =>
        FindTensor(name) ?? throw new ModelFormatException($"tensor '{name}' is missing from '{System.IO.Path.GetFileName(Path)}'");

    /// <summary>Pointer to the first byte of a tensor's data inside the mapping.</summary>
    public byte* TensorPointer(GgufTensorInfo tensor)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _base + DataOffset + tensor.DataOffset;
    }

    /// <summary>A zero-copy view of a tensor's bytes. Tensors over 2 GiB need <see cref="TensorPointer"/>.</summary>
    public ReadOnlySpan<byte> TensorData(GgufTensorInfo tensor)
    {
        if (tensor.ByteSize > int.MaxValue) throw new NotSupportedException($"tensor '{tensor.Name}' is over 2 GiB; use TensorPointer");
        return new ReadOnlySpan<byte>(TensorPointer(tensor), (int)tensor.ByteSize);
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _map.Dispose();
    }

    private static uint ReadHeader(ref GgufCursor cursor, out long tensorCount, out long kvCount)
    {
        var magic = cursor.ReadUInt32("magic");
        if (magic != Magic) throw ModelFormatException.At("magic", 0, $"0x{magic:X8} is not 'GGUF'; this is not a GGUF file");
        var version = cursor.ReadUInt32("version");
        if (version == 1) throw ModelFormatException.At("version", 4, "GGUF version 1 is not supported; re-convert the model with a current llama.cpp (versions 2 and 3 are read)");
        if (version is not (2 or 3)) throw ModelFormatException.At("version", 4, $"unknown GGUF version {version} (versions 2 and 3 are read)");
        // Each tensor info takes at least 8 (name length) + 4 (n_dims) + 4 (type) + 8 (offset) bytes; each kv at least 8 + 4.
        tensorCount = cursor.ReadCount("tensor_count", 24);
        kvCount = cursor.ReadCount("metadata_kv_count", 12);
        return version;
    }

    private static GgufMetadata ReadMetadata(ref GgufCursor cursor, long count)
    {
        var values = new List<KeyValuePair<string, GgufValue>>((int)Math.Min(count, 4096));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (long i = 0; i < count; i++)
        {
            var at = cursor.Position;
            var key = cursor.ReadString($"metadata key #{i}");
            if (!seen.Add(key)) throw ModelFormatException.At($"metadata key '{key}'", at, "appears twice");
            var value = GgufValueReader.Read(ref cursor, key);
            values.Add(new(key, value));
        }
        return new GgufMetadata(values);
    }

    private static long ReadAlignment(GgufMetadata metadata)
    {
        if (!metadata.Contains("general.alignment")) return DefaultAlignment;
        var alignment = metadata.GetInteger("general.alignment");
        if (alignment <= 0 || alignment > 1 << 20 || (alignment & (alignment - 1)) != 0)
            throw new ModelFormatException($"metadata key 'general.alignment' = {alignment} is not a power of two up to 1 MiB");
        return alignment;
    }

    private static GgufTensorInfo[] ReadTensorDirectory(ref GgufCursor cursor, long count, out Dictionary<string, GgufTensorInfo> byName)
    {
        var tensors = new GgufTensorInfo[count];
        byName = new Dictionary<string, GgufTensorInfo>((int)count, StringComparer.Ordinal);
        for (long i = 0; i < count; i++)
        {
            var at = cursor.Position;
            var name = cursor.ReadString($"tensor #{i} name");
            var field = $"tensor '{name}'";
            var dims = cursor.ReadUInt32(field + " n_dims");
            if (dims > MaxDimensions) throw ModelFormatException.At(field + " n_dims", at, $"{dims} dimensions (at most {MaxDimensions})");
            var shape = new long[dims];
            long elements = 1;
            for (var d = 0; d < dims; d++)
            {
                var extent = cursor.ReadUInt64($"{field} dimension {d}");
                if (extent == 0 || extent > long.MaxValue / 8 || (ulong)elements > (ulong)(long.MaxValue / 8) / extent)
                    throw ModelFormatException.At($"{field} dimension {d}", cursor.Position - 8, $"extent {extent} is zero or overflows the element count");
                shape[d] = (long)extent;
                elements *= (long)extent;
            }
            var typeAt = cursor.Position;
            var type = (GgmlType)cursor.ReadUInt32(field + " type");
            if (!GgmlTypeInfo.IsKnown(type))
                throw ModelFormatException.At(field + " type", typeAt, $"unknown tensor type {(uint)type}{(Enum.IsDefined(type) ? $" ({type})" : "")}");
            var blockSize = GgmlTypeInfo.BlockSize(type);
            if (dims > 0 && shape[0] % blockSize != 0)
                throw ModelFormatException.At(field, at, $"row length {shape[0]} is not a multiple of the {type} block size {blockSize}");
            var offset = cursor.ReadUInt64(field + " offset");
            if (offset > long.MaxValue / 2) throw ModelFormatException.At(field + " offset", cursor.Position - 8, $"offset {offset} is impossible");
            var info = new GgufTensorInfo(name, shape, type, (long)offset, elements / blockSize * GgmlTypeInfo.BlockBytes(type));
            if (!byName.TryAdd(name, info)) throw ModelFormatException.At(field, at, "tensor name appears twice");
            tensors[i] = info;
        }
        return tensors;
    }

    private void CheckTensorExtents()
    {
        var dataLength = FileLength - DataOffset;
        foreach (var t in Tensors)
        {
            if (t.DataOffset % Alignment != 0)
                throw new ModelFormatException($"tensor '{t.Name}' data offset {t.DataOffset} is not aligned to {Alignment}");
            if (dataLength < 0 || t.DataOffset > dataLength || t.ByteSize > dataLength - t.DataOffset)
                throw new ModelFormatException(
                    $"tensor '{t.Name}' data ({t.ByteSize} bytes at offset {DataOffset + t.DataOffset}) runs past the end of the file ({FileLength} bytes); the file is truncated");
        }
    }

    private static long AlignUp(long value, long alignment) => (value + alignment - 1) / alignment * alignment;
}
