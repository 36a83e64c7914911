using System.Buffers.Binary;
using System.Text;
using Gantry.Models.Gguf;
using Gantry.Tensors;
using Gantry.TestSupport;

namespace Gantry.Models.Tests.Gguf;

/// <summary>Hand-made broken files: each must fail with a <see cref="ModelFormatException"/> that names the problem.</summary>
public sealed class GgufCorruptFileTests
{
    private static byte[] ValidFile()
    {
        var stream = new MemoryStream();
        new GgufWriter()
            .Set("general.architecture", "llama")
            .Set("tokenizer.ggml.tokens", ["a", "b"])
            .AddTensor("w", GgmlType.F32, [4, 2], new byte[32])
            .WriteTo(stream);
        return stream.ToArray();
    }

    private static ModelFormatException OpenFails(byte[] bytes)
    {
        using var temp = new TempFile();
        File.WriteAllBytes(temp.Path, bytes);
        return Assert.Throws<ModelFormatException>(() => GgufFile.Open(temp.Path).Dispose());
    }

    /// <summary>Offset of the first metadata key's length field: magic, version, two counts.</summary>
    private const int FirstKeyOffset = 4 + 4 + 8 + 8;

    [Fact]
    public void Open_EmptyFile_SaysEmpty() => Assert.Contains("empty", OpenFails([]).Message);

    [Fact]
    public void Open_BadMagic_SaysNotGguf() => Assert.Contains("not a GGUF file", OpenFails(Encoding.ASCII.GetBytes("GGML....................")).Message);

    [Theory]
    [InlineData(3)]
    [InlineData(10)]
    [InlineData(18)]
    public void Open_TruncatedHeader_NamesFieldAndOffset(int length)
    {
        var e = OpenFails(ValidFile()[..length]);
        Assert.Contains("offset", e.Message);
        Assert.Matches("file ends|bytes left in the file", e.Message);
    }

    [Fact]
    public void Open_Version1_IsRefusedClearly()
    {
        var bytes = ValidFile();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), 1);
        Assert.Contains("version 1 is not supported", OpenFails(bytes).Message);
    }

    [Fact]
    public void Open_HugeStringLength_FailsWithoutAllocating()
    {
        var bytes = ValidFile();
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(FirstKeyOffset), ulong.MaxValue / 2);
        var e = OpenFails(bytes);
        Assert.Contains("metadata key #0", e.Message);
        Assert.Contains("runs past the end", e.Message);
    }

    [Fact]
    public void Open_HugeTensorCount_IsRefused()
    {
        var bytes = ValidFile();
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(8), 1UL << 60);
        Assert.Contains("tensor_count", OpenFails(bytes).Message);
    }

    [Fact]
    public void Open_HugeArrayLength_IsRefused()
    {
        var bytes = ValidFile();
        var at = IndexOf(bytes, "tokenizer.ggml.tokens") + "tokenizer.ggml.tokens".Length + 4 + 4; // key, type, element type
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(at), 1UL << 40);
        Assert.Contains("array length", OpenFails(bytes).Message);
    }

    [Fact]
    public void Open_TensorPastEndOfFile_SaysTruncated()
    {
        var bytes = ValidFile();
        var e = OpenFails(bytes[..^8]);
        Assert.Contains("tensor 'w'", e.Message);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void Open_UnknownTensorType_NamesTensorAndType()
    {
        var bytes = ValidFile();
        var at = TensorInfoOffset(bytes) + 8 + 1 + 4 + 8 * 2; // name, n_dims, two dims
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at), 1234);
        var e = OpenFails(bytes);
        Assert.Contains("tensor 'w' type", e.Message);
        Assert.Contains("unknown tensor type 1234", e.Message);
    }

    [Fact]
    public void Open_TooManyDimensions_IsRefused()
    {
        var bytes = ValidFile();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(TensorInfoOffset(bytes) + 8 + 1), 9);
        Assert.Contains("n_dims", OpenFails(bytes).Message);
    }

    [Fact]
    public void Open_DuplicateTensorName_IsRefused()
    {
        var stream = new MemoryStream();
        new GgufWriter().AddTensor("w", GgmlType.F32, [4], new byte[16]).AddTensor("x", GgmlType.F32, [4], new byte[16]).WriteTo(stream);
        var bytes = stream.ToArray();
        var second = IndexOf(bytes, "x", TensorInfoOffset(bytes) + 9);
        bytes[second] = (byte)'w';
        Assert.Contains("appears twice", OpenFails(bytes).Message);
    }

    [Fact]
    public void Open_UnknownValueType_IsRefused()
    {
        var bytes = ValidFile();
        var at = FirstKeyOffset + 8 + "general.architecture".Length;
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at), 99);
        Assert.Contains("unknown value type 99", OpenFails(bytes).Message);
    }

    [Fact]
    public void Open_RandomTruncations_NeverThrowAnythingElse()
    {
        var bytes = ValidFile();
        for (var length = 0; length < bytes.Length; length += 7)
        {
            using var temp = new TempFile();
            File.WriteAllBytes(temp.Path, bytes[..length]);
            Assert.Throws<ModelFormatException>(() => GgufFile.Open(temp.Path).Dispose());
        }
    }

    [Fact]
    public void Open_RandomByteFlips_NeverThrowAnythingElse()
    {
        var original = ValidFile();
        var random = new Random(1234);
        for (var trial = 0; trial < 300; trial++)
        {
            var bytes = (byte[])original.Clone();
            for (var flips = 0; flips < 3; flips++) bytes[random.Next(0, 120)] = (byte)random.Next(256);
            using var temp = new TempFile();
            File.WriteAllBytes(temp.Path, bytes);
            try
            {
                GgufFile.Open(temp.Path).Dispose();
            }
            catch (ModelFormatException)
            {
            }
        }
    }

    private static int TensorInfoOffset(byte[] bytes)
    {
        // The test files' first tensor is named "w"; no metadata string is a lone "w", so its length-prefixed name is unique.
        return IndexOf(bytes, "\u0001\0\0\0\0\0\0\0w");
    }

    private static int IndexOf(byte[] bytes, string text, int from = 0)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        var i = bytes.AsSpan(from).IndexOf(needle);
        Assert.True(i >= 0, $"'{text}' not found");
        return from + i;
    }
}
