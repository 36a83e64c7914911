using Gantry.Models.Architectures;
using Gantry.Models.Architectures.Decoder;
using Gantry.Models.Attention;
using Gantry.Models.Lora;
using Gantry.Models.Lora.Loading;
using Gantry.TestSupport;
using Gantry.Tensors.Threading;

namespace Gantry.Models.Tests.Lora;

/// <summary>Adapters applied beside the shared matmuls equal merged weights, and batching never changes a sequence's result.</summary>
public sealed class LoraForwardTests
{
    private static readonly int[] Prompt = [1, 17, 300, 42, 7, 999, 512, 3, 64, 128, 255, 11, 5, 800, 23, 61, 2, 90];

    private static float[] Run(DecoderModel model, int[] prompt, LoraSet? lora)
    {
        using var cache = model.CreateKvCache(16, 4, KvCacheType.F32);
        var batch = new ForwardBatch();
        batch.Add(prompt, 0, [0, 1, 2, 3], outputs: prompt.Length, lora);
        var logits = new float[prompt.Length * model.Info.VocabSize];
        model.Forward(batch, cache, logits);
        return logits;
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        var peak = expected.Max(MathF.Abs);
        var worst = 0f;
        for (var i = 0; i < expected.Length; i++) worst = MathF.Max(worst, MathF.Abs(expected[i] - actual[i]));
        Assert.True(worst <= 1e-3f * peak, $"largest logit difference {worst} exceeds 1e-3 of the peak logit {peak}");
    }

    [Theory]
    [InlineData(8, -1f, 1f)]
    [InlineData(4, 2f, 0.5f)]
    [InlineData(16, 0f, 1f)]
    public void Forward_WithAdapter_EqualsBaseWithAdapterMergedIntoWeights(int rank, float alpha, float userScale)
    {
        using TempFile basePath = new(), adapterPath = new(), mergedPath = new();
        LoraTestModels.WriteBase(basePath.Path);
        LoraTestModels.WriteAdapter(adapterPath.Path, seed: 5, rank, alpha, strength: alpha == 0 ? 0.05f : 0.25f);
        LoraTestModels.WriteMerged(basePath.Path, adapterPath.Path, mergedPath.Path, userScale);
        using var pool = new WorkerPool(2);
        using var model = (DecoderModel)ModelLoader.Load(basePath.Path, pool);
        using var merged = (DecoderModel)ModelLoader.Load(mergedPath.Path, pool);
        var adapter = LoraAdapterLoader.Load(adapterPath.Path, model.LoraShape);

        var withAdapter = Run(model, Prompt, new LoraSet([(adapter, userScale)]));
        AssertClose(Run(merged, Prompt, null), withAdapter);
        // The adapter matters: without it the logits are far from the merged model's.
        var plain = Run(model, Prompt, null);
        Assert.True(plain.Zip(withAdapter, (p, a) => MathF.Abs(p - a)).Max() > 0.05f * plain.Max(MathF.Abs));
    }

    /// <summary>
    /// F32 lora_a tensors are used in place from the adapter file's mapping: the adapter keeps working, unchanged, after
    /// the file is deleted and every other reference to the loader's objects has been collected.
    /// </summary>
    [Fact]
    public void Forward_AdapterFileDeletedAndGarbageCollected_GivesTheSameLogits()
    {
        using var basePath = new TempFile();
        LoraTestModels.WriteBase(basePath.Path);
        using var pool = new WorkerPool(2);
        using var model = (DecoderModel)ModelLoader.Load(basePath.Path, pool);
        var adapterPath = new TempFile();
        LoraTestModels.WriteAdapter(adapterPath.Path, seed: 21);
        var set = new LoraSet(LoraAdapterLoader.Load(adapterPath.Path, model.LoraShape));
        var before = Run(model, Prompt, set);
        adapterPath.Dispose();
        for (var i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        Assert.False(File.Exists(adapterPath.Path));
        Assert.Equal(before, Run(model, Prompt, set));
    }

    /// <summary>
    /// Twelve sequences — eight with eight different adapters, two sharing one of them, two with none — prefill and
    /// decode in one batch; each row of logits is bit-for-bit the row it gets alone. The base is Q8_0, whose integer
    /// dot products make the base matmul itself batch-invariant (F32's four-token kernel sums in another order).
    /// </summary>
    [Fact]
    public void Forward_BatchMixingEightAdaptersAndBaseOnly_GivesEachSequenceItsAloneResult()
    {
        using var basePath = new TempFile();
        LoraTestModels.WriteBase(basePath.Path, type: "q8_0");
        using var pool = new WorkerPool(2);
        using var model = (DecoderModel)ModelLoader.Load(basePath.Path, pool);
        var sets = new LoraSet?[12];
        for (var a = 0; a < 8; a++)
        {
            using var file = new TempFile();
            LoraTestModels.WriteAdapter(file.Path, seed: 100 + (ulong)a, rank: 4 + 2 * a);
            sets[a] = new LoraSet(LoraAdapterLoader.Load(file.Path, model.LoraShape, $"a{a}"));
        }
        (sets[8], sets[9], sets[10], sets[11]) = (sets[3], null, sets[3], null);
        var prompts = Enumerable.Range(0, 12).Select(s => Enumerable.Range(0, 1 + (s * 5) % 13).Select(i => (i * 31 + s * 97 + 1) % 1000).ToArray()).ToArray();
        var vocab = model.Info.VocabSize;

        var alone = new float[12][];
        for (var s = 0; s < 12; s++)
        {
            using var cache = model.CreateKvCache(16, 1, KvCacheType.F32);
            var one = new ForwardBatch();
            one.Add(prompts[s], 0, [0], 1, sets[s]);
            alone[s] = new float[vocab];
            model.Forward(one, cache, alone[s]);
        }

        using var shared = model.CreateKvCache(16, 12, KvCacheType.F32);
        var batch = new ForwardBatch();
        for (var s = 0; s < 12; s++) batch.Add(prompts[s], 0, [s], 1, sets[s]);
        var logits = new float[12 * vocab];
        model.Forward(batch, shared, logits);
        for (var s = 0; s < 12; s++) Assert.Equal(alone[s], logits.AsSpan(s * vocab, vocab).ToArray());
        Assert.NotEqual(alone[0], alone[1]);
    }
}
