using Gantry.Models.Architectures;
using Gantry.Models.Architectures.Decoder;
using Gantry.Models.Attention;
using Gantry.Models.Synthesis;
using Gantry.TestSupport;
using Gantry.Tensors.Threading;

namespace Gantry.Models.Tests.Architectures;

/// <summary>
/// A model loaded with its repacking deferred (<see cref="IncrementalRepack"/>) runs its first pass on the mapped
/// weights exactly, repacks one block before each later pass until it holds what a model repacked at load holds (a
/// fresh prompt then gives bit-identical logits), and stays close to that model on the way; two such runs are
/// bit-identical.
/// </summary>
public sealed class IncrementalRepackTests
{
    [Theory]
    [InlineData("tiny", "q4_0")]
    [InlineData("tiny-phi3", "q4_k_m")]
    [InlineData("tiny-qwen3moe", "q8_0")]
    public void Forward_Deferred_MappedFirstThenBlockByBlock_MatchesRepackedAtLoad(string preset, string type)
    {
        using var file = new TempFile();
        ModelSynthesizer.Write(ModelShape.Parse(preset), type, 23, file.Path);
        using var pool = new WorkerPool(2);
        var mapped = Run(file.Path, pool, repack: false, defer: false, passes: 1);
        var atLoad = Run(file.Path, pool, repack: true, defer: false, passes: 0);
        var passes = atLoad.Layers + 2; // the mapped pass, one per block, one on the whole repacked set
        atLoad = Run(file.Path, pool, repack: true, defer: false, passes);
        var deferred = Run(file.Path, pool, repack: true, defer: true, passes);
        var again = Run(file.Path, pool, repack: true, defer: true, passes);

        Assert.Equal(mapped.Logits[0], deferred.Logits[0]); // nothing repacked before the first pass
        Assert.Equal(0, deferred.RepackedBytesAfterFirst);
        Assert.True(atLoad.RepackedBytesAfterFirst > 0);
        Assert.Equal(atLoad.RepackedBytesAfterFirst, deferred.RepackedBytesAtEnd); // every block (and the head) by the end
        Assert.Equal(atLoad.Fresh, deferred.Fresh);
        for (var p = 0; p < passes; p++)
        {
            // Differences of the last bits feed the KV cache pass after pass (and may move a MoE router's choice).
            LogitAssert.Close(atLoad.Logits[p], deferred.Logits[p], 1e-2);
            Assert.Equal(deferred.Logits[p], again.Logits[p]);
        }
    }

    private sealed record Result(float[][] Logits, long RepackedBytesAfterFirst, long RepackedBytesAtEnd, int Layers, float[] Fresh);

    // A prompt, then one decode token per pass.
    private static Result Run(string path, WorkerPool pool, bool repack, bool defer, int passes)
    {
        using var model = (DecoderModel)ModelLoader.Load(path, pool, repack, defer);
        var vocab = model.Info.VocabSize;
        using var cache = model.CreateKvCache(16, 4, KvCacheType.F32);
        int[] table = [0, 1, 2, 3];
        var logits = new float[passes][];
        long afterFirst = model.RepackedBytes;
        for (var p = 0; p < passes; p++)
        {
            var batch = new ForwardBatch();
            if (p == 0) batch.Add([5, 17, 29, 41, 53, 65, 77], 0, table);
            else batch.Add([9 + 31 * p], 6 + p, table);
            logits[p] = new float[vocab];
            model.Forward(batch, cache, logits[p]);
            if (p == 0) afterFirst = model.RepackedBytes;
        }
        // After the passes: a new prompt on a cache of its own.
        using var freshCache = model.CreateKvCache(16, 1, KvCacheType.F32);
        var fresh = new float[vocab];
        var prompt = new ForwardBatch();
        prompt.Add([3, 14, 15, 92, 65], 0, [0]);
        model.Forward(prompt, freshCache, fresh);
        return new Result(logits, afterFirst, model.RepackedBytes, model.Config.LayerCount, fresh);
    }
}
