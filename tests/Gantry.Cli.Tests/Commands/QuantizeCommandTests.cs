using Gantry.Engine;
using Gantry.Models.Architectures;
using Gantry.Models.Gguf;
using Gantry.Models.Synthesis;
using Gantry.TestSupport;
using Gantry.Tensors;
using Gantry.Tensors.Threading;

namespace Gantry.Cli.Tests.Commands;

public sealed class QuantizeCommandTests : IDisposable
{
    private readonly TempFile _f32 = new();

    public QuantizeCommandTests() => ModelSynthesizer.Write(ModelShape.Tiny, "f32", 7, _f32.Path);

    [Theory]
    [InlineData("Q8_0", GgmlType.Q8_0, 7u)]
    [InlineData("Q4_0", GgmlType.Q4_0, 2u)]
    [InlineData("q4_k", GgmlType.Q4_K, 14u)]
    public async Task Quantize_SyntheticF32Model_LoadsGeneratesAndInfoShowsType(string typeName, GgmlType type, uint fileType)
    {
        using var output = new TempFile();
        var r = CliRunner.Run("quantize", "--model", _f32.Path, "--out", output.Path, "--type", typeName);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("MiB ->", r.Stdout);
        Assert.True(new FileInfo(output.Path).Length < new FileInfo(_f32.Path).Length / 3);

        using (var file = GgufFile.Open(output.Path))
        using (var source = GgufFile.Open(_f32.Path))
        {
            Assert.Equal(fileType, (uint)file.Metadata.GetInteger("general.file_type"));
            Assert.All(source.Metadata.Keys, k => Assert.True(file.Metadata.Contains(k), k));
            foreach (var t in file.Tensors)
                Assert.Equal(t.Shape.Length >= 2 ? type : GgmlType.F32, t.Type);
        }

        using (var pool = new WorkerPool(2))
        using (var model = ModelLoader.Load(output.Path, pool))
        using (var engine = new LlmEngine(model, new EngineOptions { KvCacheBytes = 4 << 20 }))
        {
            var events = await engine.GenerateAllAsync(new GenerationRequest { PromptTokens = [1, 100, 200], MaxTokens = 5, IgnoreEndOfGeneration = true });
            Assert.Equal(5, events.Count(e => e.TokenId >= 0));
            Assert.Equal(FinishReason.Length, events[^1].FinishReason);
        }

        var info = CliRunner.Run("info", "--model", output.Path);
        Assert.Equal(0, info.ExitCode);
        Assert.Contains($"{type} × 16", info.Stdout);
    }

    [Theory]
    [InlineData("q8_0")]
    [InlineData("q4_0")]
    [InlineData("q4_k")]
    public void Quantize_SyntheticF32Model_MatchesSynthesizingThatTypeDirectly(string typeName)
    {
        // The synthesizer quantizes the same floats with the same reference quantizers, so the tensors must match byte for byte.
        using var direct = new TempFile();
        using var output = new TempFile();
        ModelSynthesizer.Write(ModelShape.Tiny, typeName, 7, direct.Path);
        Assert.Equal(0, CliRunner.Run("quantize", "--model", _f32.Path, "--out", output.Path, "--type", typeName).ExitCode);
        using var a = GgufFile.Open(direct.Path);
        using var b = GgufFile.Open(output.Path);
        Assert.Equal(a.Tensors.Select(t => t.Name), b.Tensors.Select(t => t.Name));
        foreach (var t in a.Tensors)
            Assert.True(a.TensorData(t).SequenceEqual(b.TensorData(b.GetTensor(t.Name))), t.Name);
    }

    [Fact]
    public void Quantize_InputAlreadyOfTargetType_PassesThrough()
    {
        using var q8 = new TempFile();
        using var again = new TempFile();
        Assert.Equal(0, CliRunner.Run("quantize", "--model", _f32.Path, "--out", q8.Path, "--type", "Q8_0").ExitCode);
        var r = CliRunner.Run("quantize", "--model", q8.Path, "--out", again.Path, "--type", "Q8_0");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("0 tensors quantized", r.Stdout);
        Assert.Equal(File.ReadAllBytes(q8.Path), File.ReadAllBytes(again.Path));
    }

    [Fact]
    public void Quantize_RowsNotWholeBlocks_FallBackToF16()
    {
        // stories260K's feed-forward width is not a multiple of 256, so no Q4_K block fits those rows.
        using var output = new TempFile();
        var r = CliRunner.Run("quantize", "--model", SharedModels.Stories260K, "--out", output.Path, "--type", "Q4_K");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("as F16", r.Stdout);
        using var file = GgufFile.Open(output.Path);
        Assert.All(file.Tensors.Where(t => t.Shape.Length >= 2), t => Assert.True(t.Type is GgmlType.Q4_K or GgmlType.F16, t.ToString()));
        Assert.Contains(file.Tensors, t => t.Type == GgmlType.F16);
    }

    public void Dispose() => _f32.Dispose();
}
