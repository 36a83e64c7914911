using Gantry.Models.Gguf;
using Gantry.Models.Quantization;
using Gantry.Models.Synthesis;
using Gantry.TestSupport;
using Gantry.Tensors;

namespace Gantry.Models.Tests.Quantization;

/// <summary>The library's own contract; the command's behaviour end to end is in Gantry.Cli.Tests' QuantizeCommandTests.</summary>
public sealed class ModelQuantizerTests : IDisposable
{
    private readonly TempFile _f32 = new();

    public ModelQuantizerTests() => ModelSynthesizer.Write(ModelShape.Tiny, "f32", 7, _f32.Path);

    [Fact]
    public void Quantize_Q8_0_CountsConvertedTensorsAndWritesTheTargetType()
    {
        using var output = new TempFile();
        var summary = ModelQuantizer.Quantize(_f32.Path, output.Path, QuantizeTarget.Find("Q8_0")!);
        using var file = GgufFile.Open(output.Path);
        Assert.Equal(file.Tensors.Count(t => t.Shape.Length >= 2), summary.TensorsConverted);
        Assert.Equal(file.Tensors.Count, summary.TensorsConverted + summary.TensorsFallenBack + summary.TensorsKept);
        Assert.Equal(new FileInfo(output.Path).Length, summary.OutputBytes);
        Assert.All(file.Tensors.Where(t => t.Shape.Length >= 2), t => Assert.Equal(GgmlType.Q8_0, t.Type));
    }

    [Fact]
    public void Quantize_OutputIsTheInput_ThrowsArgumentExceptionWithoutFlagNames()
    {
        var e = Assert.Throws<ArgumentException>(() => ModelQuantizer.Quantize(_f32.Path, _f32.Path, QuantizeTarget.All[0]));
        Assert.Equal("outputPath", e.ParamName);
        Assert.DoesNotContain("--", e.Message);
    }

    [Fact]
    public void Quantize_AlreadyQuantizedToAnotherType_ThrowsModelFormatException()
    {
        using var q8 = new TempFile();
        using var again = new TempFile();
        ModelQuantizer.Quantize(_f32.Path, q8.Path, QuantizeTarget.Find("Q8_0")!);
        var e = Assert.Throws<ModelFormatException>(() => ModelQuantizer.Quantize(q8.Path, again.Path, QuantizeTarget.Find("Q4_0")!));
        Assert.Contains("already quantized", e.Message);
        Assert.False(File.Exists(again.Path));
    }

    [Theory]
    [InlineData("q4_k", GgmlType.Q4_K)]
    [InlineData("Q8_0", GgmlType.Q8_0)]
    [InlineData("Q5_1", null)]
    public void Find_Name_IsCaseInsensitiveAndNullWhenUnknown(string name, GgmlType? expected) =>
        Assert.Equal(expected, QuantizeTarget.Find(name)?.Type);

    public void Dispose() => _f32.Dispose();
}
