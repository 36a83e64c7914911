using Gantry.Models.Architectures;
using Gantry.Models.Architectures.Decoder;
using Gantry.Models.Gguf;
using Gantry.Models.Lora;
using Gantry.Models.Lora.Loading;
using Gantry.Models.Synthesis;
using Gantry.Tensors;
using Gantry.TestSupport;
using Gantry.Tensors.Threading;

namespace Gantry.Models.Tests.Lora;

/// <summary>Adapter files are checked against their base at load: every mismatch is one typed error naming what is wrong.</summary>
public sealed class LoraAdapterLoaderTests : IDisposable
{
    private readonly TempFile _base = new();
    private readonly WorkerPool _pool = new(1);
    private readonly DecoderModel _model;

    public LoraAdapterLoaderTests()
    {
        LoraTestModels.WriteBase(_base.Path);
        _model = (DecoderModel)ModelLoader.Load(_base.Path, _pool);
    }

    public void Dispose()
    {
        _model.Dispose();
        _pool.Dispose();
        _base.Dispose();
    }

    private static GgufWriter Adapter(int rank = 8) => LoraSynthesizer.Build(LoraTestModels.Shape, rank, seed: 3);

    private LoraAdapterException Refused(GgufWriter writer)
    {
        using var file = new TempFile();
        writer.WriteTo(file.Path);
        return Assert.Throws<LoraAdapterException>(() => LoraAdapterLoader.Load(file.Path, _model.LoraShape));
    }

    [Fact]
    public void Load_SynthesizedAdapter_ReadsEveryDeltaWithItsRankAndAlpha()
    {
        using var file = new TempFile();
        LoraSynthesizer.Build(LoraTestModels.Shape, 8, seed: 3, alpha: 16).WriteTo(file.Path);
        var adapter = LoraAdapterLoader.Load(file.Path, _model.LoraShape, "mine");
        Assert.Equal("mine", adapter.Name);
        Assert.Equal(8, adapter.Rank);
        Assert.Equal(16f, adapter.Alpha);
        Assert.Equal(2f, adapter.Scale(8));
        Assert.Equal(LoraTestModels.Shape.LayerCount * LoraTargets.Count, adapter.DeltaCount);
        var down = adapter.Weights(1, LoraTarget.Down)!;
        Assert.Equal((LoraTestModels.Shape.FeedForwardLength, LoraTestModels.Shape.EmbeddingLength), (down.Inputs, down.Outputs));
    }

    [Fact]
    public void Load_TwiceTheSameFile_GivesDistinctIds() =>
        Assert.NotEqual(LoadOnce().Id, LoadOnce().Id);

    private LoraAdapter LoadOnce()
    {
        using var file = new TempFile();
        Adapter().WriteTo(file.Path);
        return LoraAdapterLoader.Load(file.Path, _model.LoraShape);
    }

    [Fact]
    public void Load_NotAnAdapter_SaysGeneralType() =>
        Assert.Contains("general.type is 'model'", Refused(Adapter().Set("general.type", "model")).Message);

    [Fact]
    public void Load_NotLora_SaysAdapterType() =>
        Assert.Contains("adapter.type is 'control_vector'", Refused(Adapter().Set("adapter.type", "control_vector")).Message);

    [Fact]
    public void Load_OtherArchitecture_NamesBoth()
    {
        var e = Refused(Adapter().Set("general.architecture", "qwen3"));
        Assert.Contains("'qwen3'", e.Message);
        Assert.Contains("'llama'", e.Message);
    }

    [Fact]
    public void Load_HalfAPair_NamesTheMissingTensor() =>
        Assert.Contains("'blk.1.ffn_up.weight.lora_a' has no 'blk.1.ffn_up.weight.lora_b'", Refused(Adapter().RemoveTensor("blk.1.ffn_up.weight.lora_b")).Message);

    [Fact]
    public void Load_TensorTheBaseLacks_NamesIt()
    {
        var w = Adapter()
            .AddTensor("blk.9.attn_q.weight.lora_a", GgmlType.F32, [256, 8], new byte[256 * 8 * 4])
            .AddTensor("blk.9.attn_q.weight.lora_b", GgmlType.F32, [8, 256], new byte[256 * 8 * 4]);
        Assert.Contains("'blk.9.attn_q.weight' does not exist in the base model", Refused(w).Message);
    }

    [Fact]
    public void Load_WrongShape_NamesTheTensorAndBothShapes()
    {
        var w = Adapter().RemoveTensor("blk.0.attn_k.weight.lora_b").AddTensor("blk.0.attn_k.weight.lora_b", GgmlType.F32, [8, 200], new byte[200 * 8 * 4]);
        var e = Refused(w);
        Assert.Contains("'blk.0.attn_k.weight' has incorrect shape", e.Message);
        Assert.Contains("[8, 200]", e.Message);
    }

    [Fact]
    public void Load_RanksDisagree_SaysSo()
    {
        var w = Adapter().RemoveTensor("blk.0.attn_q.weight.lora_b").AddTensor("blk.0.attn_q.weight.lora_b", GgmlType.F32, [4, 256], new byte[256 * 4 * 4]);
        Assert.Contains("lora_a has rank 8 but lora_b has 4", Refused(w).Message);
    }

    [Fact]
    public void Load_StrayTensor_NamesIt() =>
        Assert.Contains("'token_embd.weight' is neither", Refused(Adapter().AddTensor("token_embd.weight", GgmlType.F32, [4], new byte[16])).Message);

    [Fact]
    public void Load_NotGguf_IsTypedError()
    {
        using var file = new TempFile();
        File.WriteAllText(file.Path, "this is not a gguf file at all");
        Assert.Throws<LoraAdapterException>(() => LoraAdapterLoader.Load(file.Path, _model.LoraShape));
    }

    [Fact]
    public void Load_MissingFile_IsTypedError() =>
        Assert.Contains("does not exist", Assert.Throws<LoraAdapterException>(() => LoraAdapterLoader.Load("/nonexistent/x.gguf", _model.LoraShape)).Message);

    [Fact]
    public void LoraShape_Phi3FusedQkv_RefusesQueryDeltas()
    {
        using var basePath = new TempFile();
        using var adapterPath = new TempFile();
        var phi = ModelShape.TinyPhi3;
        ModelSynthesizer.Write(phi, "f32", 1, basePath.Path);
        using var model = ModelLoader.Load(basePath.Path, _pool);
        var w = LoraSynthesizer.Build(phi, 4, seed: 1)
            .AddTensor("blk.0.attn_q.weight.lora_a", GgmlType.F32, [phi.EmbeddingLength, 4], new byte[phi.EmbeddingLength * 16])
            .AddTensor("blk.0.attn_q.weight.lora_b", GgmlType.F32, [4, phi.EmbeddingLength], new byte[phi.EmbeddingLength * 16]);
        w.WriteTo(adapterPath.Path);
        Assert.Contains("cannot be adapted", Assert.Throws<LoraAdapterException>(() => LoraAdapterLoader.Load(adapterPath.Path, model.LoraShape!)).Message);
    }
}
