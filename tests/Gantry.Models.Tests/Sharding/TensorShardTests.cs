using System.Numerics.Tensors;
using Gantry.Models.Architectures;
using Gantry.Models.Attention;
using Gantry.Models.Gguf;
using Gantry.Models.Sharding;
using Gantry.Models.Synthesis;
using Gantry.Tensors.Threading;
using Gantry.TestSupport;

namespace Gantry.Models.Tests.Sharding;

/// <summary>
/// Tensor-parallel shards run in-process on their own threads, joined by an all-reduce over a barrier, against the
/// unsharded model on the same file. A split sum (shard 0's columns, plus shard 1's) rounds differently from one
/// running sum over all columns, so logits agree to float rounding, not bit for bit: the bound below is what that
/// reordering can cost over a few layers of random weights, far below any difference in the chosen token.
/// </summary>
public sealed class TensorShardTests
{
    /// <summary>Largest logit difference allowed between a split and the whole model (logits here are of order 1–10).</summary>
    private const float LogitTolerance = 2e-3f;

    [Theory]
    [InlineData("small", "q8_0", 2)]
    [InlineData("small", "q4_0", 2)]
    [InlineData("small", "f32", 4)]
    [InlineData("tiny-gemma2", "q8_0", 2)]
    [InlineData("tiny-phi3", "q8_0", 2)]
    [InlineData("tiny-qwen2", "q8_0", 2)]
    [InlineData("tiny-qwen3", "f16", 2)]
    public void ForwardStage_Shards_MatchWholeModelLogits(string shape, string type, int shards)
    {
        using var file = new TempFile();
        ModelSynthesizer.Write(ModelShape.Parse(shape), type, 4, file.Path);
        var expected = WholeLogits(file.Path, out var vocab);
        var actual = ShardedLogits(file.Path, shards, vocab);
        var worst = 0f;
        for (var i = 0; i < expected.Length; i++) worst = Math.Max(worst, Math.Abs(expected[i] - actual[i]));
        Assert.True(worst <= LogitTolerance, $"largest logit difference {worst}");
        for (var row = 0; row < expected.Length / vocab; row++)
            Assert.Equal(TensorPrimitives.IndexOfMax(expected.AsSpan(row * vocab, vocab)), TensorPrimitives.IndexOfMax(actual.AsSpan(row * vocab, vocab)));
        // The fixed summation order makes a split run reproducible to the bit.
        Assert.Equal(actual, ShardedLogits(file.Path, shards, vocab));
    }

    [Fact]
    public void Shard_KvCacheAndWeights_HoldOnlyItsHeads()
    {
        using var file = new TempFile();
        ModelSynthesizer.Write(ModelShape.Small, "q8_0", 4, file.Path);
        using var gguf = GgufFile.Open(file.Path);
        using var pool = new WorkerPool(1);
        using var shard = ModelLoader.LoadShard(gguf, pool, new LayerRange(0, ModelShape.Small.LayerCount), new TensorSlice(1, 2));
        using var cache = shard.CreateKvCache(16, 4, KvCacheType.F32);
        Assert.Equal(ModelShape.Small.HeadCountKv / 2 * (ModelShape.Small.EmbeddingLength / ModelShape.Small.HeadCount), cache.KvDim);
        Assert.Equal(ModelShape.Small.EmbeddingLength, shard.Info.EmbeddingLength); // the shard still describes the whole model
    }

    [Theory]
    [InlineData("small", "q8_0", 3, "attention heads")]  // 8 heads
    [InlineData("small", "q8_0", 8, "KV heads")]         // 8 heads, 4 KV heads
    [InlineData("small", "q4_k", 2, "cut a block")]      // 128 attention-output columns per shard, Q4_K blocks of 256
    [InlineData("tiny-mixtral", "q8_0", 2, "mixture-of-experts")]
    public void LoadShard_ModelThatDoesNotSplit_ThrowsTypedError(string shape, string type, int shards, string reason)
    {
        using var file = new TempFile();
        ModelSynthesizer.Write(ModelShape.Parse(shape), type, 4, file.Path);
        using var gguf = GgufFile.Open(file.Path);
        using var pool = new WorkerPool(1);
        var layers = new LayerRange(0, ModelLoader.ReadInfo(gguf).LayerCount);
        var e = Assert.Throws<TensorSplitException>(() => ModelLoader.LoadShard(gguf, pool, layers, new TensorSlice(0, shards)));
        Assert.Contains(reason, e.Message);
    }

    [Theory]
    [InlineData("0/2", 0, 2)]
    [InlineData("3/4", 3, 4)]
    public void Parse_Valid_ReadsRankAndCount(string text, int rank, int count) => Assert.Equal(new TensorSlice(rank, count), TensorSlice.Parse(text));

    [Theory]
    [InlineData("2/2")]
    [InlineData("-1/2")]
    [InlineData("1")]
    [InlineData("0/0")]
    public void Parse_Invalid_Throws(string text) => Assert.Throws<FormatException>(() => TensorSlice.Parse(text));

    [Fact]
    public void Share_UnevenRows_CoverEveryRowOnce()
    {
        var parts = Enumerable.Range(0, 3).Select(r => new TensorSlice(r, 3).Share(1000)).ToArray();
        Assert.Equal(0, parts[0].Start);
        for (var i = 1; i < parts.Length; i++) Assert.Equal(parts[i - 1].Start + parts[i - 1].Count, parts[i].Start);
        Assert.Equal(1000, parts[^1].Start + parts[^1].Count);
    }

    private static ForwardBatch Batch()
    {
        var batch = new ForwardBatch();
        batch.Add([1, 2, 3, 4, 5, 6, 7, 8, 9], 0, [0], 2);
        batch.Add([7, 8], 0, [1], 1);
        return batch;
    }

    private static float[] WholeLogits(string path, out int vocab)
    {
        using var pool = new WorkerPool(1);
        using var whole = ModelLoader.Load(path, pool);
        vocab = whole.Info.VocabSize;
        var batch = Batch();
        var logits = new float[batch.OutputCount * vocab];
        using var cache = whole.CreateKvCache(16, 2, KvCacheType.F32);
        whole.Forward(batch, cache, logits);
        return logits;
    }

    /// <summary>Every shard on its own thread and worker pool; their vocabulary shares are put side by side.</summary>
    private static float[] ShardedLogits(string path, int shards, int vocab)
    {
        using var gguf = GgufFile.Open(path);
        var layers = new LayerRange(0, ModelLoader.ReadInfo(gguf).LayerCount);
        var reducer = new BarrierReducer(shards);
        var batch = Batch();
        var outputs = batch.OutputCount;
        var logits = new float[outputs * vocab];
        var failures = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        var threads = Enumerable.Range(0, shards).Select(rank => new Thread(() =>
        {
            try { RunShard(rank); }
            catch (Exception e) { failures.Enqueue(e); }
        })).ToArray();
        foreach (var t in threads) t.Start();
        foreach (var t in threads) Assert.True(t.Join(TimeSpan.FromMinutes(3)), "a shard did not finish");
        if (!failures.IsEmpty) throw new AggregateException(failures);
        return logits;

        void RunShard(int rank)
        {
            var slice = new TensorSlice(rank, shards);
            using var pool = new WorkerPool(1);
            using var shard = ModelLoader.LoadShard(gguf, pool, layers, slice);
            using var cache = shard.CreateKvCache(16, 2, KvCacheType.F32);
            var (start, count) = slice.Share(vocab);
            var part = new float[outputs * count];
            shard.ForwardStage(Batch(), cache, default, part, reducer.For(rank));
            lock (logits)
                for (var o = 0; o < outputs; o++) part.AsSpan(o * count, count).CopyTo(logits.AsSpan(o * vocab + start, count));
        }
    }

    /// <summary>All-reduce over shared memory: every shard deposits its partial, then each sums them in rank order.</summary>
    private sealed class BarrierReducer(int count)
    {
        private readonly float[][] _partials = Enumerable.Range(0, count).Select(_ => Array.Empty<float>()).ToArray();
        private readonly Barrier _barrier = new(count);

        public IPartialSumReducer For(int rank) => new Rank(this, rank);

        private void AllReduce(int rank, Span<float> partial)
        {
            _partials[rank] = partial.ToArray();
            if (!_barrier.SignalAndWait(TimeSpan.FromMinutes(1))) throw new TimeoutException("a shard never reached the all-reduce");
            _partials[0].CopyTo(partial);
            for (var r = 1; r < count; r++) TensorPrimitives.Add(partial, _partials[r], partial);
            if (!_barrier.SignalAndWait(TimeSpan.FromMinutes(1))) throw new TimeoutException("a shard never left the all-reduce");
        }

        private sealed class Rank(BarrierReducer owner, int rank) : IPartialSumReducer
        {
            public void AllReduce(Span<float> partial) => owner.AllReduce(rank, partial);
        }
    }
}
