using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Gantry.Models.Architectures;
using Gantry.Models.Architectures.Decoder;
using Gantry.Models.Lora;
using Gantry.Models.Lora.Loading;
using Gantry.Models.Safetensors;
using Gantry.Tensors.Quantization;
using Gantry.TestSupport;
using Gantry.Tensors.Threading;

namespace Gantry.Models.Tests.Lora;

/// <summary>PEFT adapter directories load with PEFT's scale and are checked against the base: each bad input is one typed error.</summary>
public sealed class PeftAdapterLoaderTests : IDisposable
{
    private const string Q0 = "base_model.model.model.layers.0.self_attn.q_proj";
    private readonly TempFile _base = new();
    private readonly TempDirectory _dir = new();
    private readonly WorkerPool _pool = new(1);
    private readonly DecoderModel _model;

    public PeftAdapterLoaderTests()
    {
        LoraTestModels.WriteBase(_base.Path);
        _model = (DecoderModel)ModelLoader.Load(_base.Path, _pool);
        PeftTestAdapters.Write(_dir.Path, seed: 3, rank: 8, alpha: 16);
    }

    public void Dispose()
    {
        _model.Dispose();
        _pool.Dispose();
        _base.Dispose();
        _dir.Dispose();
    }

    private LoraAdapter Load(string? path = null) => LoraAdapterLoader.Load(path ?? _dir.Path, _model.LoraShape);

    private LoraAdapterException Refused(LoraAdapterError error)
    {
        var e = Assert.Throws<LoraAdapterException>(() => Load());
        Assert.True(e.Error == error, $"expected {error}, got {e.Error}: {e.Message}");
        return e;
    }

    [Fact]
    public void Load_PeftDirectory_HasTheGgufAdaptersDeltasAndScale()
    {
        using var gguf = new TempFile();
        LoraTestModels.WriteAdapter(gguf.Path, seed: 3, rank: 8, alpha: 16);
        var expected = Load(gguf.Path);
        var adapter = Load();
        Assert.Equal(Path.GetFileName(_dir.Path), adapter.Name);
        Assert.Equal((8, 2f, expected.DeltaCount), (adapter.Rank, adapter.Scale(8), adapter.DeltaCount));
        Assert.Equal(LoraTestModels.Shape.LayerCount * LoraTargets.Count, adapter.DeltaCount);
        foreach (var layer in new[] { 0, 1 })
        {
            foreach (var target in Enum.GetValues<LoraTarget>())
            {
                Assert.Equal(expected.Weights(layer, target)!.A.ToArray(), adapter.Weights(layer, target)!.A.ToArray());
                Assert.Equal(expected.Weights(layer, target)!.BTransposed, adapter.Weights(layer, target)!.BTransposed);
            }
        }
    }

    [Fact]
    public void Load_SafetensorsFileInsideTheDirectory_IsThePeftAdapter() =>
        Assert.Equal(14, Load(PeftTestAdapters.Weights(_dir.Path)).DeltaCount);

    [Fact]
    public void Load_Rslora_ScalesByAlphaOverRootOfRank()
    {
        PeftTestAdapters.EditConfig(_dir.Path, c => (c["use_rslora"], c["lora_alpha"]) = (true, 4));
        Assert.Equal(4 / MathF.Sqrt(8), Load().Scale(8), 5);
    }

    [Fact]
    public void Load_Bf16Tensors_AreTheBf16RoundingOfTheValues()
    {
        using var bf16 = new TempDirectory();
        PeftTestAdapters.Write(bf16.Path, seed: 3, rank: 8, alpha: 16, dtype: SafetensorsDtype.BF16);
        var exact = Load().Weights(1, LoraTarget.Down)!.A.ToArray();
        Assert.Equal(exact.Select(v => BFloat16.ToFloat(BFloat16.FromFloat(v))), Load(bf16.Path).Weights(1, LoraTarget.Down)!.A.ToArray());
    }

    [Theory]
    [InlineData("all-linear")]
    [InlineData(@".*\.(q|k|v|o|gate|up|down)_proj")]
    public void Load_TargetModulesAsString_SelectsByPattern(string targets)
    {
        PeftTestAdapters.EditConfig(_dir.Path, c => c["target_modules"] = targets);
        Assert.Equal(14, Load().DeltaCount);
    }

    [Fact]
    public void Load_WrongHiddenSize_SaysShapeMismatchWithBothWidths()
    {
        PeftTestAdapters.EditTensors(_dir.Path, ts =>
        {
            var i = ts.FindIndex(t => t.Name == Q0 + ".lora_A.weight");
            ts[i] = ts[i] with { Shape = [8, 200], Data = new byte[8 * 200 * 4] };
        });
        var e = Refused(LoraAdapterError.ShapeMismatch);
        Assert.Contains("lora_A [8, 200] takes 200 inputs, but the base's matrix takes 256", e.Message);
    }

    [Fact]
    public void Load_ModuleTheEngineCannotAdapt_IsUnknownModule()
    {
        PeftTestAdapters.EditTensors(_dir.Path, ts => ts.Add(new("base_model.model.lm_head.lora_A.weight", SafetensorsDtype.F32, [8, 256], new byte[8 * 256 * 4])));
        Assert.Contains("'lm_head'", Refused(LoraAdapterError.UnknownModule).Message);
    }

    [Fact]
    public void Load_TargetModulesNamesAnUnknownModule_IsUnknownModule()
    {
        PeftTestAdapters.EditConfig(_dir.Path, c => c["target_modules"] = new JsonArray("q_proj", "c_attn"));
        Assert.Contains("'c_attn'", Refused(LoraAdapterError.UnknownModule).Message);
    }

    [Fact]
    public void Load_TensorOutsideTargetModules_NamesTheModuleAndTheList()
    {
        PeftTestAdapters.EditConfig(_dir.Path, c => c["target_modules"] = new JsonArray("q_proj", "v_proj"));
        var e = Refused(LoraAdapterError.UnknownModule);
        Assert.Contains("target_modules [q_proj, v_proj]", e.Message);
        Assert.Contains("does not select", e.Message);
    }

    [Fact]
    public void Load_MissingLoraB_NamesThePartner()
    {
        PeftTestAdapters.EditTensors(_dir.Path, ts => ts.RemoveAll(t => t.Name == "base_model.model.model.layers.1.mlp.up_proj.lora_B.weight"));
        Assert.Contains("no lora_B partner ('model.layers.1.mlp.up_proj.lora_B.weight')", Refused(LoraAdapterError.MissingTensor).Message);
    }

    [Fact]
    public void Load_F64Tensor_IsUnsupportedDtype()
    {
        PeftTestAdapters.EditTensors(_dir.Path, ts =>
        {
            var i = ts.FindIndex(t => t.Name == Q0 + ".lora_B.weight");
            var doubles = MemoryMarshal.Cast<byte, float>(ts[i].Data).ToArray().Select(v => (double)v).ToArray();
            ts[i] = ts[i] with { Dtype = SafetensorsDtype.F64, Data = MemoryMarshal.AsBytes(doubles.AsSpan()).ToArray() };
        });
        Assert.Contains("dtype F64", Refused(LoraAdapterError.UnsupportedDtype).Message);
    }

    [Fact]
    public void Load_CorruptHeader_IsCorruptFile()
    {
        var bytes = File.ReadAllBytes(PeftTestAdapters.Weights(_dir.Path));
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)bytes.Length); // a header as long as the file
        File.WriteAllBytes(PeftTestAdapters.Weights(_dir.Path), bytes);
        Assert.Contains("not a readable safetensors file", Refused(LoraAdapterError.CorruptFile).Message);
    }

    [Fact]
    public void Load_LayerTheBaseLacks_IsArchitectureMismatch()
    {
        PeftTestAdapters.EditTensors(_dir.Path, ts =>
        {
            for (var i = 0; i < ts.Count; i++) ts[i] = ts[i] with { Name = ts[i].Name.Replace("layers.1.", "layers.7.") };
        });
        Assert.Contains("layer 7, but the base model (llama) has 2 layers", Refused(LoraAdapterError.ArchitectureMismatch).Message);
    }

    [Fact]
    public void Load_RankDisagreesWithConfig_IsShapeMismatch()
    {
        PeftTestAdapters.EditConfig(_dir.Path, c => c["r"] = 4);
        Assert.Contains("says r = 4", Refused(LoraAdapterError.ShapeMismatch).Message);
    }

    [Fact]
    public void Load_Dora_IsUnsupportedFeature()
    {
        PeftTestAdapters.EditConfig(_dir.Path, c => c["use_dora"] = true);
        Assert.Contains("DoRA", Refused(LoraAdapterError.UnsupportedFeature).Message);
    }

    [Fact]
    public void Load_PickleWeightsOnly_AsksForSafetensors()
    {
        File.Move(PeftTestAdapters.Weights(_dir.Path), Path.Combine(_dir.Path, "adapter_model.bin"));
        Assert.Contains("safe_serialization=True", Refused(LoraAdapterError.UnsupportedFeature).Message);
    }

    [Fact]
    public void Load_DirectoryWithoutConfig_IsFileNotFound()
    {
        File.Delete(PeftTestAdapters.Config(_dir.Path));
        Assert.Contains("no adapter_config.json", Refused(LoraAdapterError.FileNotFound).Message);
    }

    [Fact]
    public void Load_ConfigNotJson_IsCorruptFile()
    {
        File.WriteAllText(PeftTestAdapters.Config(_dir.Path), "{ \"r\": 8,");
        Assert.Contains("not valid JSON", Refused(LoraAdapterError.CorruptFile).Message);
    }
}
