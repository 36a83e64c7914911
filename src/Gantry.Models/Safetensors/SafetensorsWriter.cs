using System.Buffers.Binary;
using System.Text.Json;

namespace Gantry.Models.Safetensors;

/// <summary>
/// Writes a safetensors file: tensors in the order added, the header padded with spaces to a multiple of 8 bytes (as
/// the reference writer does) so the data section starts aligned. Used to write PEFT adapters for tests and benches.
/// </summary>
public sealed class SafetensorsWriter
{
    private readonly List<(string Name, SafetensorsDtype Dtype, long[] Shape, byte[] Data)> _tensors = [];
    private readonly Dictionary<string, string> _metadata = new(StringComparer.Ordinal);

    /// <param name="shape">Row-major, outermost first (PyTorch's order).</param>
    public SafetensorsWriter Add(string name, SafetensorsDtype dtype, long[] shape, byte[] data)
    {
        _tensors.Add((name, dtype, shape, data));
        return this;
    }

    public SafetensorsWriter SetMetadata(string key, string value)
    {
        _metadata[key] = value;
        return this;
    }

    public void WriteTo(string path)
    {
        var header = new MemoryStream();
        using (var json = new Utf8JsonWriter(header))
        {
            json.WriteStartObject();
            if (_metadata.Count > 0)
            {
                json.WriteStartObject("__metadata__");
                foreach (var (k, v) in _metadata) json.WriteString(k, v);
                json.WriteEndObject();
            }
            long offset = 0;
            foreach (var (name, dtype, shape, data) in _tensors)
            {
                json.WriteStartObject(name);
                json.WriteString("dtype", SafetensorsDtypes.Name(dtype));
                json.WriteStartArray("shape");
                foreach (var d in shape) json.WriteNumberValue(d);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + data.Length);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += data.Length;
            }
            json.WriteEndObject();
        }
        while (header.Length % 8 != 0) header.WriteByte((byte)' ');
        using var file = File.Create(path);
        Span<byte> prefix = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)header.Length);
        file.Write(prefix);
        header.Position = 0;
        header.CopyTo(file);
        foreach (var t in _tensors) file.Write(t.Data);
    }
}
