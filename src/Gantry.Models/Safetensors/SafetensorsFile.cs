using System.Buffers.Binary;
using System.Text.Json;
using Microsoft.Win32.SafeHandles;

namespace Gantry.Models.Safetensors;

/// <summary>
/// A safetensors file (Hugging Face's format): an 8-byte little-endian header length N, N bytes of JSON mapping each
/// tensor name to <c>{"dtype", "shape", "data_offsets": [begin, end]}</c> (offsets relative to the byte after the
/// header) plus an optional <c>__metadata__</c> string map, then the raw little-endian tensor bytes. Opening reads and
/// checks only the header; <see cref="Read"/> copies one tensor's bytes straight from the file into the caller's
/// buffer (no mapping, so no page faults and no second copy). Every malformed header is a
/// <see cref="ModelFormatException"/> naming what is wrong. Reads are thread-safe (positional).
/// </summary>
public sealed class SafetensorsFile : IDisposable
{
    /// <summary>Headers past this are refused before allocating (the reference implementation's limit is 100 MB).</summary>
    public const long MaxHeaderBytes = 100_000_000;

    private readonly SafeFileHandle _handle;
    private readonly Dictionary<string, SafetensorsTensorInfo> _byName;

    private SafetensorsFile(string path, SafeFileHandle handle, List<SafetensorsTensorInfo> tensors, Dictionary<string, string> metadata)
    {
        Path = path;
        _handle = handle;
        Tensors = tensors;
        Metadata = metadata;
        _byName = tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
    }

    public string Path { get; }

    /// <summary>The tensors in header order.</summary>
    public IReadOnlyList<SafetensorsTensorInfo> Tensors { get; }

    /// <summary>The header's <c>__metadata__</c> (empty when absent).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    public static SafetensorsFile Open(string path)
    {
        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        try
        {
            var length = RandomAccess.GetLength(handle);
            if (length < 8) throw new ModelFormatException($"'{path}' is {length} bytes, shorter than the 8-byte safetensors header length");
            Span<byte> prefix = stackalloc byte[8];
            ReadExactly(handle, prefix, 0);
            var headerBytes = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
            if (headerBytes < 2 || headerBytes > MaxHeaderBytes || (long)headerBytes > length - 8)
                throw new ModelFormatException($"'{path}': the safetensors header length {headerBytes} does not fit the file ({length} bytes; at most {MaxHeaderBytes})");
            var header = new byte[headerBytes];
            ReadExactly(handle, header, 8);
            var dataStart = 8 + (long)headerBytes;
            var (tensors, metadata) = ParseHeader(path, header, dataStart, length - dataStart);
            return new SafetensorsFile(path, handle, tensors, metadata);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    public SafetensorsTensorInfo? FindTensor(string name) => _byName.GetValueOrDefault(name);

    /// <summary>Copies the tensor's bytes into <paramref name="destination"/> (exactly <see cref="SafetensorsTensorInfo.Length"/> bytes).</summary>
    public void Read(SafetensorsTensorInfo tensor, Span<byte> destination)
    {
        if (destination.Length != tensor.Length) throw new ArgumentException($"'{tensor.Name}' is {tensor.Length} bytes; the buffer holds {destination.Length}", nameof(destination));
        ReadExactly(_handle, destination, tensor.Offset);
    }

    public void Dispose() => _handle.Dispose();

    private static void ReadExactly(SafeFileHandle handle, Span<byte> destination, long offset)
    {
        while (destination.Length > 0)
        {
            var n = RandomAccess.Read(handle, destination, offset);
            if (n <= 0) throw new ModelFormatException($"the file ends at offset {offset}, before the {destination.Length} bytes still to read");
            destination = destination[n..];
            offset += n;
        }
    }

    private static (List<SafetensorsTensorInfo>, Dictionary<string, string>) ParseHeader(string path, byte[] header, long dataStart, long dataBytes)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(header); // the writer pads with spaces, which JSON allows
        }
        catch (JsonException e)
        {
            throw new ModelFormatException($"'{path}': the safetensors header is not valid JSON: {e.Message}", e);
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new ModelFormatException($"'{path}': the safetensors header is not a JSON object");
            var tensors = new List<SafetensorsTensorInfo>();
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in doc.RootElement.EnumerateObject())
            {
                if (!names.Add(entry.Name)) throw new ModelFormatException($"'{path}': the safetensors header names '{entry.Name}' twice");
                if (entry.Name == "__metadata__") ReadMetadata(path, entry.Value, metadata);
                else tensors.Add(ReadTensor(path, entry.Name, entry.Value, dataStart, dataBytes));
            }
            // Tensors may not share bytes: sorted by start, each begins at or after the previous one's end.
            var byStart = tensors.OrderBy(t => t.Offset).ToArray();
            for (var i = 1; i < byStart.Length; i++)
                if (byStart[i].Offset < byStart[i - 1].Offset + byStart[i - 1].Length)
                    throw new ModelFormatException($"'{path}': tensors '{byStart[i - 1].Name}' and '{byStart[i].Name}' overlap in the data section");
            return (tensors, metadata);
        }
    }

    private static void ReadMetadata(string path, JsonElement value, Dictionary<string, string> metadata)
    {
        if (value.ValueKind != JsonValueKind.Object) throw new ModelFormatException($"'{path}': __metadata__ is not a JSON object");
        foreach (var p in value.EnumerateObject())
        {
            if (p.Value.ValueKind != JsonValueKind.String) throw new ModelFormatException($"'{path}': __metadata__ value '{p.Name}' is not a string");
            metadata[p.Name] = p.Value.GetString()!;
        }
    }

    private static SafetensorsTensorInfo ReadTensor(string path, string name, JsonElement value, long dataStart, long dataBytes)
    {
        ModelFormatException Bad(string problem) => new($"'{path}': tensor '{name}' {problem}");
        if (value.ValueKind != JsonValueKind.Object) throw Bad("is not described by a JSON object");
        if (!value.TryGetProperty("dtype", out var dtypeText) || dtypeText.ValueKind != JsonValueKind.String) throw Bad("has no dtype string");
        if (!SafetensorsDtypes.TryParse(dtypeText.GetString()!, out var dtype)) throw Bad($"has unknown dtype '{dtypeText.GetString()}'");
        if (!value.TryGetProperty("shape", out var shapeArray) || shapeArray.ValueKind != JsonValueKind.Array) throw Bad("has no shape array");
        var shape = new long[shapeArray.GetArrayLength()];
        var count = 1L;
        var i = 0;
        foreach (var d in shapeArray.EnumerateArray())
        {
            if (d.ValueKind != JsonValueKind.Number || !d.TryGetInt64(out var n) || n < 0) throw Bad("has a shape entry that is not a non-negative integer");
            shape[i++] = n;
            count = n == 0 ? 0 : count > long.MaxValue / n ? throw Bad("has a shape too large to address") : count * n;
        }
        if (!value.TryGetProperty("data_offsets", out var offsets) || offsets.ValueKind != JsonValueKind.Array || offsets.GetArrayLength() != 2
            || !Integer(offsets[0], out var begin) || !Integer(offsets[1], out var end))
            throw Bad("has no [begin, end] data_offsets");
        if (begin < 0 || end < begin || end > dataBytes) throw Bad($"has data_offsets [{begin}, {end}] outside the {dataBytes}-byte data section");
        var size = SafetensorsDtypes.ElementSize(dtype);
        if (count > long.MaxValue / size || count * size != end - begin)
            throw Bad($"({SafetensorsDtypes.Name(dtype)} [{string.Join(", ", shape)}]) needs {(count > long.MaxValue / size ? "more" : (count * size).ToString(System.Globalization.CultureInfo.InvariantCulture))} bytes but its data_offsets span {end - begin}");
        return new SafetensorsTensorInfo(name, dtype, shape, dataStart + begin, end - begin);
    }

    private static bool Integer(JsonElement e, out long value)
    {
        value = 0;
        return e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out value);
    }
}
