using System.Buffers;
using System.Numerics.Tensors;
using Gantry.Tensors.Kernels;
using Gantry.Tensors.Threading;

namespace Gantry.Models.Attention;

/// <summary>
/// Causal grouped-query attention over a paged KV cache. Each token attends to positions 0…its own of its
/// sequence, found through the sequence's block table; query head h reads KV head h / (heads / kvHeads).
/// Work is split over (token, run of query heads sharing a KV head) items on the worker pool; a job object is reused
/// so a step allocates nothing.
/// </summary>
public sealed class PagedAttention
{
    private readonly WorkerPool _pool;
    private readonly AttendJob _job;
    private readonly int _headDim;
    private int[] _tokenSequence = new int[64];

    public PagedAttention(WorkerPool pool, int headCount, int headCountKv, int headDim)
    {
        _pool = pool;
        _job = new AttendJob(headCount, headCountKv, headDim);
        _headDim = headDim;
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
    public void Attend(ForwardBatch batch, KvCacheStorage cache, int layer, float[] queries, float[] output) =>
        Attend(batch, cache, layer, queries, output, AttentionVariant.Plain(_headDim));

    /// <summary>Attention with a family's variant: score scale, soft-cap, sliding window.</summary>
    public void Attend(ForwardBatch batch, KvCacheStorage cache, int layer, float[] queries, float[] output, AttentionVariant variant)
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
        _job.Variant = variant;
        var maxPositions = 0;
        foreach (var seq in batch.Sequences) maxPositions = Math.Max(maxPositions, seq.StartPosition + seq.TokenCount);
        _job.MaxPositions = maxPositions;
        // An item is a token and a run of query heads that share one KV head, so the keys and values it reads come
        // from memory once for the run and from L1 for the rest of it; runs are halved while there would be fewer
        // than two items per thread. An item reads every cached position of its sequence for each of its heads:
        // about positions × headDim × 2 multiply-adds per head.
        var heads = _job.HeadCount / _job.HeadCountKv;
        while (heads % 2 == 0 && batch.TokenCount * (_job.HeadCount / heads) < 2 * _pool.ThreadCount) heads /= 2;
        _job.HeadsPerItem = heads;
        var items = batch.TokenCount * (_job.HeadCount / heads);
        _pool.For(_job, items, _pool.Grain(items, 2L * maxPositions * _headDim * heads, minGrain: 1));
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
        public readonly int HeadCountKv = headCountKv;
        public int HeadsPerItem = 1; // query heads an item attends for, all of one KV head
        public ForwardBatch? Batch;
        public KvCacheStorage? Cache;
        public int Layer;
        public float[] Queries = [];
        public float[] Output = [];
        public int[] TokenSequence = [];
        public int MaxPositions; // longest sequence in the batch: the attention-score scratch size
        public AttentionVariant Variant;

        public unsafe void Execute(int start, int end)
        {
            var batch = Batch!;
            var cache = Cache!;
            var scale = Variant.Scale;
            var window = Variant.Window;
            var group = HeadCount / HeadCountKv;
            var heads = HeadsPerItem;
            var itemsPerToken = HeadCount / heads;
            var scores = ArrayPool<float>.Shared.Rent(MaxPositions * heads);
            var row = ArrayPool<float>.Shared.Rent(cache.KvDim);
            try
            {
                for (var item = start; item < end; item++)
                {
                    var t = item / itemsPerToken;
                    var h0 = item % itemsPerToken * heads;
                    var seq = batch.Sequences[TokenSequence[t]];
                    var table = batch.BlockTable(seq);
                    var position = batch.Positions[t];
                    var kvOffset = h0 / group * headDim;
                    var queries = t * HeadCount * headDim + h0 * headDim;
                    // A sliding-window layer sees the last `window` positions, its own included (llama.cpp's standard SWA mask).
                    var first = window > 0 ? Math.Max(0, position - window + 1) : 0;
                    var length = position + 1 - first;
                    if (cache.Type == KvCacheType.F32)
                    {
                        AttendF32(cache, table, first, length, heads, Queries.AsSpan(queries, heads * headDim), scores.AsSpan(0, heads * length),
                            Output.AsSpan(queries, heads * headDim), kvOffset, scale);
                        continue;
                    }
                    for (var h = 0; h < heads; h++)
                    {
                        var at = queries + h * headDim;
                        AttendInt8(cache, table, first, Queries.AsSpan(at, headDim), scores.AsSpan(0, length), Output.AsSpan(at, headDim), kvOffset, scale, row);
                    }
                }
            }
            finally
            {
                ArrayPool<float>.Shared.Return(scores);
                ArrayPool<float>.Shared.Return(row);
            }
        }

        /// <summary>
        /// One token and <paramref name="heads"/> query heads of one KV head over F32 rows, walked block by block: each
        /// block's keys (then values) serve every head while they sit in L1, one kernel call per head and block. Heads
        /// are short (8–128 floats), so per-position overhead — a division for the block index, a call per dot product,
        /// a scalar exp — would cost more than the arithmetic itself; this loop does none of that per position. Each
        /// head's scores and output take the same operations in the same order as a head attended alone.
        /// </summary>
        /// <param name="q">(heads, headDim) the heads' queries.</param>
        /// <param name="s">(heads, length) score scratch.</param>
        /// <param name="o">(heads, headDim) the heads' outputs.</param>
        private unsafe void AttendF32(KvCacheStorage cache, ReadOnlySpan<int> table, int first, int length, int heads,
            ReadOnlySpan<float> q, Span<float> s, Span<float> o, int kvOffset, float scale)
        {
            var end = first + length; // one past the token's own position
            var blockSize = cache.BlockSize;
            var stride = cache.RowBytes / sizeof(float);
            fixed (float* qp = q)
            fixed (float* sp = s)
            fixed (float* op = o)
            {
                for (var b = first / blockSize; b * blockSize < end; b++)
                {
                    var from = Math.Max(first, b * blockSize);
                    var to = Math.Min(end, (b + 1) * blockSize);
                    var keys = (float*)cache.Key(Layer, table[b], 0) + kvOffset + (long)(from - b * blockSize) * stride;
                    for (var h = 0; h < heads; h++)
                        AttentionHead.Scores(qp + h * headDim, keys, stride, to - from, scale, sp + h * length + (from - first), headDim);
                }
                for (var h = 0; h < heads; h++)
                {
                    var row = s.Slice(h * length, length);
                    AttentionHead.SoftCap(row, Variant.SoftCap);
                    AttentionHead.SoftMax(row);
                }
                o.Clear();
                for (var b = first / blockSize; b * blockSize < end; b++)
                {
                    var from = Math.Max(first, b * blockSize);
                    var to = Math.Min(end, (b + 1) * blockSize);
                    var values = (float*)cache.Value(Layer, table[b], 0) + kvOffset + (long)(from - b * blockSize) * stride;
                    for (var h = 0; h < heads; h++)
                        AttentionHead.WeightedSum(values, stride, sp + h * length + (from - first), to - from, op + h * headDim, headDim);
                }
            }
        }

        /// <summary>One (token, head) over int8 rows: each head slice is decoded into <paramref name="row"/> first.</summary>
        private unsafe void AttendInt8(KvCacheStorage cache, ReadOnlySpan<int> table, int first, ReadOnlySpan<float> q, Span<float> s, Span<float> o, int kvOffset, float scale, float[] row)
        {
            var head = row.AsSpan(0, headDim);
            for (var i = 0; i < s.Length; i++)
            {
                var p = first + i;
                cache.Int8.Decode(cache.Key(Layer, table[p / cache.BlockSize], p % cache.BlockSize), kvOffset, head);
                s[i] = TensorPrimitives.Dot(q, head) * scale;
            }
            AttentionHead.SoftCap(s, Variant.SoftCap);
            AttentionHead.SoftMax(s);
            o.Clear();
            for (var i = 0; i < s.Length; i++)
            {
                var p = first + i;
                cache.Int8.Decode(cache.Value(Layer, table[p / cache.BlockSize], p % cache.BlockSize), kvOffset, head);
                TensorPrimitives.MultiplyAdd(head, s[i], o, o);
            }
        }
    }
}
