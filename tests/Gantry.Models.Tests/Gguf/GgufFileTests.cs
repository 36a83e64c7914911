using Gantry.Models.Gguf;
using Gantry.Tensors;
using Gantry.TestSupport;

namespace Gantry.Models.Tests.Gguf;

public sealed class GgufFileTests
{
    [Fact]
    public void Open_Stories260K_ReadsLlamaMetadataAndTensors()
    {
        using var file = GgufFile.Open(SharedModels.Stories260K);
        Assert.InRange(file.Version, 2u, 3u);
        Assert.Equal("llama", file.Metadata.GetString("general.architecture"));
        Assert.Equal(512, file.Metadata.GetStringArray("tokenizer.ggml.tokens").Length);
        var embedding = file.GetTensor("token_embd.weight");
        Assert.Equal(GgmlType.F32, embedding.Type);
        Assert.Equal(512, embedding.Rows);
        Assert.Equal(embedding.ElementCount * 4, file.TensorData(embedding).Length);
    }

    [Fact]
    public void Open_LlamaTinyRandom_HasFullLlama2Vocabulary()
    {
        using var file = GgufFile.Open(SharedModels.LlamaTinyRandom);
        Assert.Equal(32000, file.Metadata.GetStringArray("tokenizer.ggml.tokens").Length);
        Assert.Equal(32000, file.Metadata.GetFloatArray("tokenizer.ggml.scores").Length);
        Assert.Equal(32000, file.Metadata.GetInt32Array("tokenizer.ggml.token_type").Length);
    }

    [Fact]
    public void WriteThenOpen_RoundTripsMetadataAndTensorBytes()
    {
        using var temp = new TempFile();
        var data = new byte[4 * 8 * 3];
        new Random(7).NextBytes(data);
        new GgufWriter()
            .Set("general.architecture", "llama")
            .Set("answer", 42u)
            .Set("negative", -5)
            .Set("ratio", 0.25f)
            .Set("flag", true)
            .Set("words", ["a", "bé", "日本"])
            .Set("floats", [1.5f, -2f])
            .Set("ints", [3, -4])
            .AddTensor("t.weight", GgmlType.F32, [8, 3], data)
            .AddTensor("u.weight", GgmlType.F32, [8], data.AsMemory(0, 32))
            .WriteTo(temp.Path);

        using var file = GgufFile.Open(temp.Path);
        Assert.Equal(3u, file.Version);
        Assert.Equal("llama", file.Metadata.GetString("general.architecture"));
        Assert.Equal(42, file.Metadata.GetInteger("answer"));
        Assert.Equal(-5, file.Metadata.GetInteger("negative"));
        Assert.Equal(0.25f, file.Metadata.GetFloat("ratio"));
        Assert.True(file.Metadata.GetBool("flag", false));
        Assert.Equal(["a", "bé", "日本"], file.Metadata.GetStringArray("words"));
        Assert.Equal([1.5f, -2f], file.Metadata.GetFloatArray("floats"));
        Assert.Equal([3, -4], file.Metadata.GetInt32Array("ints"));
        var t = file.GetTensor("t.weight");
        Assert.Equal([8L, 3L], t.Shape);
        Assert.Equal(3, t.Rows);
        Assert.Equal(data, file.TensorData(t).ToArray());
        Assert.Equal(0, file.GetTensor("u.weight").DataOffset % file.Alignment);
    }

    [Fact]
    public void GetString_WrongType_NamesTheKey()
    {
        using var temp = new TempFile();
        new GgufWriter().Set("general.architecture", 7u).WriteTo(temp.Path);
        using var file = GgufFile.Open(temp.Path);
        var e = Assert.Throws<ModelFormatException>(() => file.Metadata.GetString("general.architecture"));
        Assert.Contains("general.architecture", e.Message);
        Assert.Contains("missing", Assert.Throws<ModelFormatException>(() => file.Metadata.GetString("nope")).Message);
    }
}
