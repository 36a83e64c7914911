using Gantry.Models.Architectures;
using Gantry.Models.Architectures.Decoder;
using Gantry.Models.Attention;
using Gantry.Models.Synthesis;
using Gantry.Tensors;
using Gantry.Tensors.Kernels;
using Gantry.TestSupport;
using Gantry.Tensors.Threading;

namespace Gantry.Models.Tests.Architectures;

/// <summary>
/// A Q4_0, Q8_0 or Q4_K_M model loaded with its weights repacked for the eight-row kernels computes what the same file computes read
/// straight from the mapping: plain, fused (Phi-3's QKV and gate/up slices) and stacked (MoE experts) matrices, for
/// a prefill and a batch of single-token decodes.
/// </summary>
public sealed class RepackedWeightsTests
{
    [Theory]
    [InlineData("tiny", "q4_0")]
    [InlineData("tiny-phi3", "q4_0")]
    [InlineData("tiny-qwen3moe", "q4_0")]
    [InlineData("tiny", "q8_0")]
    [InlineData("tiny-phi3", "q8_0")]
    [InlineData("tiny-qwen3moe", "q8_0")]
    [InlineData("tiny", "q4_k_m")]
    [InlineData("tiny-phi3", "q4_k_m")]
    [InlineData("tiny-qwen3moe", "q4_k_m")]
    public void Forward_Repacked_MatchesTheMappedWeights(string preset, string type)
    {
        using var file = new TempFile();
        ModelSynthesizer.Write(ModelShape.Parse(preset), type, 17, file.Path);
        using var pool = new WorkerPool(2);
        var (prefill, decode, repackedBytes) = Run(file.Path, pool, repack: true);
        var (prefillPlain, decodePlain, plainBytes) = Run(file.Path, pool, repack: false);
        Assert.Equal(0, plainBytes);
        var repacks = new WeightRepacker(KernelPaths.Best).Repacks(type switch
        {
            "q4_0" => GgmlType.Q4_0,
            "q8_0" => GgmlType.Q8_0,
            _ => GgmlType.Q4_K,
        });
        Assert.Equal(repacks, repackedBytes > 0);
        LogitAssert.Close(prefillPlain, prefill, 1e-4);
        LogitAssert.Close(decodePlain, decode, 1e-4);
    }

    private static (float[] Prefill, float[] Decode, long RepackedBytes) Run(string path, WorkerPool pool, bool repack)
    {
        using var model = (DecoderModel)ModelLoader.Load(path, pool, repack);
        var vocab = model.Info.VocabSize;
        using var cache = model.CreateKvCache(16, 8, KvCacheType.F32);
        var prompt = new ForwardBatch();
        prompt.Add([5, 17, 29, 41, 53, 65, 77], 0, [0]);
        var prefill = new float[vocab];
        model.Forward(prompt, cache, prefill);
        var step = new ForwardBatch();
        for (var s = 0; s < 5; s++) step.Add([9 + 31 * s], 0, [1 + s]);
        var decode = new float[5 * vocab];
        model.Forward(step, cache, decode);
        return (prefill, decode, model.RepackedBytes);
    }
}
