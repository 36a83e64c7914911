using System.Numerics.Tensors;
using Gantry.Models.Attention;
using Gantry.Models.Lora;
using Gantry.Models.Sharding;
using Gantry.Tensors.Kernels;

namespace Gantry.Models.Architectures.Decoder;

/// <summary>
/// The attention half of a decoder block, with the variants the families use:
/// <c>out = PostNorm(Wo · attend(rope(QNorm(Wq·x + bq)), rope(KNorm(Wk·x + bk)), Wv·x + bv))</c> where
/// x = norm(hidden), every optional piece present only when the file has it, attend is causal grouped-query attention
/// over the paged cache, scaled, soft-capped and windowed per layer (<see cref="AttentionVariant"/>), and
/// sliding-window layers rotate with their own RoPE base.
/// </summary>
internal sealed class AttentionBlock
{
    private readonly DecoderConfig _c;
    private readonly MatMul _matMul;
    private readonly PagedAttention _attention;
    private readonly LoraProjector? _lora;
    private readonly Rope _globalRope;
    private readonly Rope _localRope;

    public AttentionBlock(DecoderConfig config, MatMul matMul, PagedAttention attention, LoraProjector? lora)
    {
        _lora = lora;
        _c = config;
        _matMul = matMul;
        _attention = attention;
        _globalRope = new Rope(config.RopeDimensions, config.RopeFreqBase, config.RopeFreqScale, config.RopeLayout);
        _localRope = new Rope(config.RopeDimensions, config.LocalRopeFreqBase, config.LocalRopeFreqScale, config.RopeLayout);
    }

    /// <summary>
    /// Reads <c>s.Hidden</c> (n, dim); leaves the block's output, not yet added to the residual, in <c>s.Projected</c>.
    /// <paramref name="layer"/> is the model's block index (it picks the variant); <paramref name="cacheLayer"/> the
    /// layer of <paramref name="cache"/> that holds its keys and values (they differ on a pipeline stage).
    /// On a tensor shard (<paramref name="reducer"/> set) the output projection covers this shard's heads only, so the
    /// shards' partial sums are added before the post-norm, which needs the whole output.
    /// </summary>
    public void Run(AttentionWeights w, int layer, int cacheLayer, ForwardBatch batch, KvCacheStorage cache, DecoderScratch s, IPartialSumReducer? reducer = null)
    {
        var c = _c;
        var n = batch.TokenCount;
        var dim = c.EmbeddingLength;
        s.NormRows(s.Hidden, w.Norm, s.Normed, n, dim, c.RmsEpsilon);
        var normed = s.Normed.AsSpan(0, n * dim);
        _matMul.Multiply(w.Query, w.Key, w.Value, normed, n, s.Query.AsSpan(0, n * c.QueryDim), s.Key.AsSpan(0, n * c.KvDim), s.Value.AsSpan(0, n * c.KvDim));
        _lora?.Apply(layer, LoraTarget.Query, normed, s.Query);
        _lora?.Apply(layer, LoraTarget.Key, normed, s.Key);
        _lora?.Apply(layer, LoraTarget.Value, normed, s.Value);
        var sliding = c.IsSliding(layer);
        var rope = sliding ? _localRope : _globalRope;
        for (var t = 0; t < n; t++)
        {
            var q = s.Query.AsSpan(t * c.QueryDim, c.QueryDim);
            var k = s.Key.AsSpan(t * c.KvDim, c.KvDim);
            if (w.QueryBias is not null)
            {
                TensorPrimitives.Add(q, w.QueryBias, q);
                TensorPrimitives.Add(k, w.KeyBias!, k);
                var v = s.Value.AsSpan(t * c.KvDim, c.KvDim);
                TensorPrimitives.Add(v, w.ValueBias!, v);
            }
            if (w.QueryNorm is not null)
            {
                for (var h = 0; h < c.HeadCount; h++) RmsNorm.Apply(q.Slice(h * c.HeadDim, c.HeadDim), w.QueryNorm, c.RmsEpsilon, q.Slice(h * c.HeadDim, c.HeadDim));
                for (var h = 0; h < c.HeadCountKv; h++) RmsNorm.Apply(k.Slice(h * c.HeadDim, c.HeadDim), w.KeyNorm!, c.RmsEpsilon, k.Slice(h * c.HeadDim, c.HeadDim));
            }
            var position = batch.Positions[t];
            rope.Apply(q, c.HeadCount, c.HeadDim, position);
            rope.Apply(k, c.HeadCountKv, c.HeadDim, position);
        }
        _attention.StoreKeysAndValues(batch, cache, cacheLayer, s.Key, s.Value);
        var variant = new AttentionVariant(c.AttentionScale, c.AttentionSoftCap, sliding ? c.SlidingWindow : 0);
        _attention.Attend(batch, cache, cacheLayer, s.Query, s.Attended, variant);
        _matMul.Multiply(w.Output, s.Attended.AsSpan(0, n * c.QueryDim), n, s.Projected.AsSpan(0, n * dim));
        _lora?.Apply(layer, LoraTarget.Output, s.Attended, s.Projected);
        reducer?.AllReduce(s.Projected.AsSpan(0, n * dim));
        if (w.PostNorm is not null) s.NormRows(s.Projected, w.PostNorm, s.Projected, n, dim, c.RmsEpsilon);
    }
}
