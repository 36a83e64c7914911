using Gantry.Models.Architectures;
using Gantry.Models.Architectures.Decoder;
using Gantry.Models.Gguf;
using Gantry.Models.Attention;
using Gantry.Models.Synthesis;
using Gantry.TestSupport;
using Gantry.Tensors.Threading;

namespace Gantry.Models.Tests.Architectures;

/// <summary>Loading every family, refusing what Gantry cannot run with one line naming it, and the MoE step's weight reads.</summary>
public sealed class ModelLoaderTests
{
    [Fact]
    public void Load_UnknownArchitecture_ThrowsNamingIt()
    {
        using var file = new TempFile();
        ModelSynthesizer.Build(ModelShape.Tiny, "f32", 1).Set("general.architecture", "mamba").WriteTo(file.Path);
        using var pool = new WorkerPool(1);
        var e = Assert.Throws<ModelFormatException>(() => ModelLoader.Load(file.Path, pool));
        Assert.Contains("architecture 'mamba' is not supported", e.Message);
        Assert.Contains("gemma3", e.Message);
    }

    [Theory]
    [InlineData("tiny-qwen3", "blk.1.attn_k_norm.weight")]
    [InlineData("tiny-gemma2", "blk.0.post_ffw_norm.weight")]
    [InlineData("tiny-phi3", "blk.1.attn_qkv.weight")]
    [InlineData("tiny-qwen3moe", "blk.0.ffn_down_exps.weight")]
    [InlineData("tiny-qwen2moe", "blk.1.ffn_gate_inp_shexp.weight")]
    public void Load_MissingTensor_ThrowsNamingIt(string preset, string missing)
    {
        using var file = new TempFile();
        var writer = ModelSynthesizer.Build(ModelShape.Parse(preset), "f32", 1);
        writer.RemoveTensor(missing).WriteTo(file.Path);
        using var pool = new WorkerPool(1);
        var e = Assert.Throws<ModelFormatException>(() => ModelLoader.Load(file.Path, pool));
        Assert.Contains($"'{missing}'", e.Message);
    }

    /// <summary>
    /// Eight sequences decode one token each in one step: every expert any of them chose is multiplied exactly once
    /// per layer (its weights read once for all its tokens), and the experts used add up to the routed choices.
    /// </summary>
    [Fact]
    public void Forward_BatchOfEight_ReadsEachExpertAtMostOncePerLayer()
    {
        using var file = new TempFile();
        ModelSynthesizer.Write(ModelShape.TinyQwen3Moe, "q8_0", 3, file.Path);
        using var pool = new WorkerPool(2);
        using var model = (DecoderModel)ModelLoader.Load(file.Path, pool);
        using var cache = model.CreateKvCache(16, 8, KvCacheType.F32);
        var batch = new ForwardBatch();
        for (var s = 0; s < 8; s++) batch.Add([3 + 37 * s], 0, [s]);
        var logits = new float[8 * model.Info.VocabSize];
        model.Forward(batch, cache, logits);
        Assert.All(model.ExpertCallsLastStep, calls => Assert.InRange(calls, 0, 1));
        Assert.True(model.ExpertCallsLastStep.Sum() >= 2, "eight different tokens should use more than one expert pair");
        Assert.All(logits, v => Assert.True(float.IsFinite(v)));
    }

    /// <summary>
    /// The same Gemma 2 weights with a 16-token window and with a window wider than the prompt: logits agree while the
    /// prompt fits the window and differ once it runs past it, so the window really masks (the oracle tests then
    /// show it masks as llama.cpp does).
    /// </summary>
    [Fact]
    public void Forward_SlidingWindow_MattersOnlyPastTheWindow()
    {
        float[] Logits(uint window, int tokens)
        {
            using var file = new TempFile();
            ModelSynthesizer.Build(ModelShape.TinyGemma2, "f32", 5).Set("gemma2.attention.sliding_window", window).WriteTo(file.Path);
            using var pool = new WorkerPool(1);
            using var model = ModelLoader.Load(file.Path, pool);
            using var cache = model.CreateKvCache(16, 4, KvCacheType.F32);
            var batch = new ForwardBatch();
            batch.Add(Enumerable.Range(0, tokens).Select(i => 10 + 7 * i).ToArray(), 0, [0, 1, 2, 3]);
            var logits = new float[model.Info.VocabSize];
            model.Forward(batch, cache, logits);
            return logits;
        }
        static double MaxDifference(float[] a, float[] b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Max();
        Assert.True(MaxDifference(Logits(16, 12), Logits(4096, 12)) < 1e-5);
        Assert.True(MaxDifference(Logits(16, 40), Logits(4096, 40)) > 1e-2);
    }
}
