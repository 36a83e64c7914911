using Gantry.Models.Attention;

namespace Gantry.Models.Sharding;

/// <summary>
/// One pipeline stage of a model: the blocks of <see cref="Layers"/> over the residual stream. The first stage
/// embeds the batch's tokens itself; the last stage applies the final norm and the output head. A stage keeps the
/// KV cache of its own layers only and follows the block tables of the batch it is given, so an engine elsewhere
/// can schedule for it. A stage may also be one tensor-parallel shard (<see cref="Slice"/>) holding some heads and
/// feed-forward columns of its layers, whose partial sums an <see cref="IPartialSumReducer"/> combines with the
/// other shards'. Driven by one thread at a time.
/// </summary>
public interface IModelStage : IDisposable
{
    ModelInfo Info { get; }

    LayerRange Layers { get; }

    bool IsFirst { get; }

    bool IsLast { get; }

    /// <summary>The tensor-parallel shard this stage holds (<see cref="TensorSlice.Whole"/> when not split).</summary>
    TensorSlice Slice { get; }

    /// <summary>A KV cache holding <see cref="Layers"/> only (block ids mean what they mean to the engine).</summary>
    KvCacheStorage CreateKvCache(int blockSize, int blockCount, KvCacheType type);

    /// <summary>
    /// Runs the stage's layers over every token of <paramref name="batch"/>.
    /// <paramref name="hiddenIn"/>: (TokenCount, dim) the previous stage's residual stream; ignored by the first stage.
    /// <paramref name="output"/>: (TokenCount, dim) the residual stream for the next stage, or on the last stage the
    /// logits of the output rows (OutputCount, vocab) — on a tensor shard its <see cref="TensorSlice.Share"/> of the
    /// vocabulary's columns, (OutputCount, share).
    /// <paramref name="reducer"/>: the all-reduce between the shards of a split stage; null when not split.
    /// </summary>
    void ForwardStage(ForwardBatch batch, KvCacheStorage cache, ReadOnlySpan<float> hiddenIn, Span<float> output, IPartialSumReducer? reducer = null);
}
