using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using Gantry.Models.Safetensors;
using Gantry.TestSupport;

namespace Gantry.Models.Tests.Safetensors;

/// <summary>The hand-written safetensors reader: what the writer wrote reads back byte for byte; every malformed header is a typed error.</summary>
public sealed class SafetensorsFileTests : IDisposable
{
    private readonly TempFile _file = new(".safetensors");

    public void Dispose() => _file.Dispose();

    private static byte[] Floats(params float[] v) => MemoryMarshal.AsBytes(v.AsSpan()).ToArray();

    [Fact]
    public void Open_WrittenFile_ReadsShapesDtypesMetadataAndBytes()
    {
        var a = Floats(1, 2, 3, 4, 5, 6);
        var b = new byte[] { 1, 2, 3, 4 };
        new SafetensorsWriter().SetMetadata("format", "pt")
            .Add("x.weight", SafetensorsDtype.F32, [2, 3], a)
            .Add("y", SafetensorsDtype.BF16, [2], b)
            .WriteTo(_file.Path);
        using var file = SafetensorsFile.Open(_file.Path);
        Assert.Equal("pt", file.Metadata["format"]);
        Assert.Equal(2, file.Tensors.Count);
        var x = file.FindTensor("x.weight")!;
        Assert.Equal((SafetensorsDtype.F32, 6L), (x.Dtype, x.ElementCount));
        Assert.Equal([2, 3], x.Shape);
        var read = new byte[x.Length];
        file.Read(x, read);
        Assert.Equal(a, read);
        var y = file.FindTensor("y")!;
        var readY = new byte[y.Length];
        file.Read(y, readY);
        Assert.Equal(b, readY);
        // The data section starts 8-byte aligned (the header is padded with spaces).
        Assert.Equal(0, x.Offset % 8);
        Assert.Null(file.FindTensor("z"));
    }

    /// <summary>Writes an 8-byte length and then <paramref name="header"/> and <paramref name="data"/>.</summary>
    private ModelFormatException Corrupt(string header, int dataBytes = 16, ulong? length = null)
    {
        var json = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + json.Length + dataBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, length ?? (ulong)json.Length);
        json.CopyTo(bytes, 8);
        File.WriteAllBytes(_file.Path, bytes);
        return Assert.Throws<ModelFormatException>(() => SafetensorsFile.Open(_file.Path).Dispose());
    }

    [Fact]
    public void Open_HeaderLengthPastTheFile_SaysSo() =>
        Assert.Contains("header length 4096 does not fit", Corrupt("{}", length: 4096).Message);

    [Fact]
    public void Open_HeaderNotJson_SaysSo() =>
        Assert.Contains("not valid JSON", Corrupt("{\"x\": [1, 2").Message);

    [Fact]
    public void Open_HeaderNotAnObject_SaysSo() =>
        Assert.Contains("not a JSON object", Corrupt("[1, 2, 3]").Message);

    [Fact]
    public void Open_OffsetsPastTheData_NameTheTensor() =>
        Assert.Contains("'w' has data_offsets [0, 64] outside the 16-byte", Corrupt("""{"w":{"dtype":"F32","shape":[16],"data_offsets":[0,64]}}""").Message);

    [Fact]
    public void Open_SizeDisagreesWithShape_NamesBoth() =>
        Assert.Contains("needs 12 bytes but its data_offsets span 16", Corrupt("""{"w":{"dtype":"F32","shape":[3],"data_offsets":[0,16]}}""").Message);

    [Fact]
    public void Open_UnknownDtype_NamesIt() =>
        Assert.Contains("unknown dtype 'F12'", Corrupt("""{"w":{"dtype":"F12","shape":[4],"data_offsets":[0,16]}}""").Message);

    [Fact]
    public void Open_OverlappingTensors_NameBoth() =>
        Assert.Contains("'a' and 'b' overlap", Corrupt("""{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,12]},"b":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}}""").Message);

    [Fact]
    public void Open_NegativeShape_IsRefused() =>
        Assert.Contains("not a non-negative integer", Corrupt("""{"w":{"dtype":"F32","shape":[-4],"data_offsets":[0,16]}}""").Message);

    [Fact]
    public void Open_MissingOffsets_IsRefused() =>
        Assert.Contains("no [begin, end] data_offsets", Corrupt("""{"w":{"dtype":"F32","shape":[4],"data_offsets":["0","16"]}}""").Message);

    [Fact]
    public void Open_ShorterThanTheLength_IsRefused()
    {
        File.WriteAllBytes(_file.Path, [1, 2, 3]);
        Assert.Contains("shorter than the 8-byte", Assert.Throws<ModelFormatException>(() => SafetensorsFile.Open(_file.Path)).Message);
    }
}
