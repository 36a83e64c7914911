using System.Buffers;
using System.Numerics.Tensors;
using Gantry.Tensors.Threading;

namespace Gantry.Models.Runtime;

/// <summary>
/// Causal grouped-query attention over a paged KV cache. Each token attends to positions 0…its own of its
/// sequence, found through the sequence's block table; query head h reads KV head h / (heads / kvHeads).
/// Work is split over (token, head) pairs on the worker pool; a job object is reused so a step allocates nothing.
/// </summary>
public sealed class PagedAttention
{
    private readonly WorkerPool _pool;
    private readonly AttendJob _job;
    private int[] _tokenSequence = new int[64];

    public PagedAttention(WorkerPool pool, int headCount, int headCountKv, int headDim)
    {
        _pool = pool;
        _job = new AttendJob(headCount, headCountKv, headDim);
    }

    /// <summary>Writes each batch token's keys and values (n, kvDim) into its cache slot for <paramref name="layer"/>.</summary>
    public unsafe void StoreKeysAndValues(ForwardBatch batch, KvCacheStorage cache, int layer, float[] keys, float[] values)
    {
        var kvDim = cache.KvDim;
        foreach (var seq in batch.Sequences)
        {
            var table = batch.BlockTable(seq);
            for (var i = 0; i < seq.TokenCount; i++)
            {
                var t = seq.TokenStart + i;
                var position = seq.StartPosition + i;
                var blockIndex = position / cache.BlockSize;
                if (blockIndex >= table.Length) throw new InvalidOperationException($"position {position} has no KV block (table holds {table.Length})");
                var block = table[blockIndex];
                var slot = position % cache.BlockSize;
                Write(cache, cache.Key(layer, block, slot), keys.AsSpan(t * kvDim, kvDim));
                Write(cache, cache.Value(layer, block, slot), values.AsSpan(t * kvDim, kvDim));
            }
        }
    }

    /// <summary>Computes attention outputs (n, heads·headDim) from queries (n, heads·headDim) for <paramref name="layer"/>.</summary>
    public void Attend(ForwardBatch batch, KvCacheStorage cache, int layer, float[] queries, float[] output)
    {
        if (_tokenSequence.Length < batch.TokenCount) _tokenSequence = new int[Math.Max(batch.TokenCount, _tokenSequence.Length * 2)];
        for (var s = 0; s < batch.Sequences.Length; s++)
        {
            var seq = batch.Sequences[s];
            _tokenSequence.AsSpan(seq.TokenStart, seq.TokenCount).Fill(s);
        }
        _job.Batch = batch;
        _job.Cache = cache;
        _job.Layer = layer;
        _job.Queries = queries;
        _job.Output = output;
        _job.TokenSequence = _tokenSequence;
        var maxPositions = 0;
        foreach (var seq in batch.Sequences) maxPositions = Math.Max(maxPositions, seq.StartPosition + seq.TokenCount);
        _job.MaxPositions = maxPositions;
        _pool.For(_job, batch.TokenCount * _job.HeadCount, 4);
        _job.Batch = null;
        _job.Cache = null;
    }

    private static unsafe void Write(KvCacheStorage cache, byte* destination, ReadOnlySpan<float> row)
    {
        if (cache.Type == KvCacheType.F32) row.CopyTo(new Span<float>(destination, row.Length));
        else cache.Int8.Encode(row, destination);
    }

    private sealed class AttendJob(int headCount, int headCountKv, int headDim) : IParallelJob
    {
        public readonly int HeadCount = headCount;
        public ForwardBatch? Batch;
        public KvCacheStorage? Cache;
        public int Layer;
        public float[] Queries = [];
        public float[] Output = [];
        public int[] TokenSequence = [];
        public int MaxPositions; // longest sequence in the batch: the attention-score scratch size

        public unsafe void Execute(int start, int end)
        {
            var batch = Batch!;
            var cache = Cache!;
            var scale = 1f / MathF.Sqrt(headDim);
            var group = HeadCount / headCountKv;
            var scores = ArrayPool<float>.Shared.Rent(MaxPositions);
            var row = ArrayPool<float>.Shared.Rent(cache.KvDim);
            try
            {
                for (var item = start; item < end; item++)
                {
                    var t = item / HeadCount;
                    var h = item % HeadCount;
                    var seq = batch.Sequences[TokenSequence[t]];
                    var table = batch.BlockTable(seq);
                    var position = batch.Positions[t];
                    var kvOffset = h / group * headDim;
                    var q = Queries.AsSpan(t * HeadCount * headDim + h * headDim, headDim);
                    var s = scores.AsSpan(0, position + 1);
                    for (var p = 0; p <= position; p++)
                    {
                        var k = ReadHead(cache, cache.Key(Layer, table[p / cache.BlockSize], p % cache.BlockSize), kvOffset, row);
                        s[p] = TensorPrimitives.Dot(q, k) * scale;
                    }
                    SoftMaxInPlace(s);
                    var o = Output.AsSpan(t * HeadCount * headDim + h * headDim, headDim);
                    o.Clear();
                    for (var p = 0; p <= position; p++)
                    {
                        var v = ReadHead(cache, cache.Value(Layer, table[p / cache.BlockSize], p % cache.BlockSize), kvOffset, row);
                        TensorPrimitives.MultiplyAdd(v, s[p], o, o);
                    }
                }
            }
            finally
            {
                ArrayPool<float>.Shared.Return(scores);
                ArrayPool<float>.Shared.Return(row);
            }
        }

        /// <summary>One KV head's slice of a cached row; int8 rows are decoded (just that head's blocks) into <paramref name="scratch"/>.</summary>
        private unsafe ReadOnlySpan<float> ReadHead(KvCacheStorage cache, byte* rowStart, int offset, float[] scratch)
        {
            if (cache.Type == KvCacheType.F32) return new ReadOnlySpan<float>((float*)rowStart + offset, headDim);
            var head = scratch.AsSpan(0, headDim);
            cache.Int8.Decode(rowStart, offset, head);
            return head;
        }

        private static void SoftMaxInPlace(Span<float> s)
        {
            var max = TensorPrimitives.Max(s);
            double sum = 0;
            for (var i = 0; i < s.Length; i++)
            {
                var e = MathF.Exp(s[i] - max);
                s[i] = e;
                sum += e;
            }
            TensorPrimitives.Multiply(s, (float)(1.0 / sum), s);
        }
    }
}
