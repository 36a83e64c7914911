using Gantry.Models.Attention;
using Gantry.Tensors.Threading;

namespace Gantry.Models.Tests.Attention;

public sealed class PagedAttentionTests
{
    /// <summary>
    /// Two sequences with scattered block tables attend causally over keys and values they store in the same step;
    /// the output must match plain softmax(q·kᵀ/√d)·v computed in double over contiguous arrays. Head sizes cover
    /// the 8-lane path (8, 64) and the fallback (4), grouped-query sharing included.
    /// </summary>
    [Theory]
    [InlineData(8, 4, 8, KvCacheType.F32)]
    [InlineData(4, 2, 64, KvCacheType.F32)]
    [InlineData(2, 1, 4, KvCacheType.F32)]
    [InlineData(8, 4, 32, KvCacheType.Q8_0)]
    [InlineData(4, 2, 64, KvCacheType.F32, 5, 0f)]    // sliding window shorter than a block
    [InlineData(4, 2, 64, KvCacheType.F32, 20, 2f)]   // window across block boundaries, soft-capped scores
    [InlineData(8, 4, 32, KvCacheType.Q8_0, 7, 1.5f)]
    [InlineData(32, 4, 64, KvCacheType.F32)]          // TinyLlama's eight query heads per KV head
    [InlineData(16, 2, 64, KvCacheType.Q8_0)]
    public void Attend_ScatteredBlocks_MatchesReference(int heads, int kvHeads, int headDim, KvCacheType type, int window = 0, float softCap = 0)
    {
        const int blockSize = 16;
        var kvDim = kvHeads * headDim;
        var qDim = heads * headDim;
        int[] lengths = [37, 9];
        int[][] tables = [[5, 2, 7], [1]];
        var rng = new Random(7);
        var batch = new ForwardBatch();
        var n = lengths.Sum();
        var q = RandomArray(rng, n * qDim);
        var k = RandomArray(rng, n * kvDim);
        var v = RandomArray(rng, n * kvDim);
        var tokens = new int[lengths.Max()];
        for (var s = 0; s < lengths.Length; s++) batch.Add(tokens.AsSpan(0, lengths[s]), 0, tables[s], 1);

        using var pool = new WorkerPool(2);
        using var cache = new KvCacheStorage(1, kvDim, headDim, blockSize, 8, type);
        var attention = new PagedAttention(pool, heads, kvHeads, headDim);
        attention.StoreKeysAndValues(batch, cache, 0, k, v);
        var output = new float[n * qDim];
        attention.Attend(batch, cache, 0, q, output, new AttentionVariant(1f / MathF.Sqrt(headDim), softCap, window));

        var tolerance = type == KvCacheType.F32 ? 1e-4 : 2e-2; // int8 K/V carry their own rounding
        var start = 0;
        foreach (var length in lengths)
        {
            for (var t = 0; t < length; t++)
            {
                for (var h = 0; h < heads; h++)
                {
                    var expected = Reference(q, k, v, start, t, h, heads / kvHeads, headDim, qDim, kvDim, window, softCap);
                    for (var d = 0; d < headDim; d++)
                        Assert.Equal(expected[d], output[(start + t) * qDim + h * headDim + d], tolerance);
                }
            }
            start += length;
        }
    }

    /// <summary>
    /// A decode step (one token, late in its sequence) with eight query heads per KV head on two threads: the heads of a
    /// KV head are split into shorter runs so both threads get work, and every head still matches the reference.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Attend_OneTokenOfALongSequence_MatchesReference(int threads)
    {
        const int heads = 32, kvHeads = 4, headDim = 64, blockSize = 16, length = 41;
        const int kvDim = kvHeads * headDim, qDim = heads * headDim;
        var rng = new Random(11);
        var q = RandomArray(rng, length * qDim);
        var k = RandomArray(rng, length * kvDim);
        var v = RandomArray(rng, length * kvDim);
        int[] table = [3, 0, 2];
        using var pool = new WorkerPool(threads);
        using var cache = new KvCacheStorage(1, kvDim, headDim, blockSize, 4, KvCacheType.F32);
        var attention = new PagedAttention(pool, heads, kvHeads, headDim);
        var prompt = new ForwardBatch();
        prompt.Add(new int[length - 1], 0, table, 1);
        attention.StoreKeysAndValues(prompt, cache, 0, k, v);
        var step = new ForwardBatch();
        step.Add(new int[1], length - 1, table, 1);
        attention.StoreKeysAndValues(step, cache, 0, k[((length - 1) * kvDim)..], v[((length - 1) * kvDim)..]);
        var output = new float[qDim];
        attention.Attend(step, cache, 0, q[((length - 1) * qDim)..], output);
        for (var h = 0; h < heads; h++)
        {
            var expected = Reference(q, k, v, 0, length - 1, h, heads / kvHeads, headDim, qDim, kvDim, 0, 0);
            for (var d = 0; d < headDim; d++) Assert.Equal(expected[d], output[h * headDim + d], 1e-4);
        }
    }

    /// <summary>Plain attention in double: positions outside the window get no weight; scores soft-capped when asked.</summary>
    private static double[] Reference(float[] q, float[] k, float[] v, int start, int t, int h, int group, int headDim, int qDim, int kvDim, int window, float softCap)
    {
        var kvOffset = h / group * headDim;
        var first = window > 0 ? Math.Max(0, t - window + 1) : 0;
        var scores = new double[t + 1];
        for (var p = 0; p <= t; p++)
        {
            double dot = 0;
            for (var d = 0; d < headDim; d++) dot += (double)q[(start + t) * qDim + h * headDim + d] * k[(start + p) * kvDim + kvOffset + d];
            scores[p] = dot / Math.Sqrt(headDim);
            if (softCap > 0) scores[p] = softCap * Math.Tanh(scores[p] / softCap);
            if (p < first) scores[p] = double.NegativeInfinity;
        }
        var max = scores.Max();
        var weights = scores.Select(s => Math.Exp(s - max)).ToArray();
        var sum = weights.Sum();
        var o = new double[headDim];
        for (var p = 0; p <= t; p++)
            for (var d = 0; d < headDim; d++) o[d] += weights[p] / sum * v[(start + p) * kvDim + kvOffset + d];
        return o;
    }

    private static float[] RandomArray(Random rng, int length)
    {
        var a = new float[length];
        for (var i = 0; i < length; i++) a[i] = (float)(rng.NextDouble() * 2 - 1);
        return a;
    }
}
