using System.Numerics.Tensors;
using Gantry.Models.Gguf;
using Gantry.Models.Attention;
using Gantry.Models.Sharding;
using Gantry.Models.Lora;
using Gantry.Models.Tokenizers;
using Gantry.Tensors.Kernels;
using Gantry.Tensors.Threading;

namespace Gantry.Models.Architectures.Decoder;

/// <summary>
/// A decoder-only transformer assembled from shared blocks: pre-norm attention (<see cref="AttentionBlock"/>) and a
/// gated feed-forward (<see cref="GatedFeedForward"/>) or a mixture of experts (<see cref="MixtureOfExperts"/>),
/// each optionally post-normed, around a residual stream. Every family Gantry loads is this model with a different
/// <see cref="DecoderConfig"/>. <see cref="Forward"/> runs one batched step: every token of every scheduled sequence
/// goes through each weight matrix together, so weights stream from memory once a step.
/// Built over a <see cref="LayerRange"/> it is one pipeline stage (<see cref="IModelStage"/>): it binds and caches only
/// those blocks, and its KV cache's layer l is the model's block <c>Layers.Start + l</c>.
/// Driven by one thread at a time (the engine loop); parallelism is inside, on the worker pool.
/// </summary>
public sealed class DecoderModel : ILanguageModel, IModelStage
{
    private readonly GgufFile _file;
    private DecoderWeights _weights;
    private readonly MatMul _matMul;
    private readonly AttentionBlock _attention;
    private readonly GatedFeedForward _feedForward;
    private readonly MixtureOfExperts? _experts;
    private readonly DecoderScratch _scratch;
    private readonly LoraProjector _lora;
    private readonly bool _ownsFile;
    private readonly WeightRepacker? _repacker;
    private readonly NativeBuffers _buffers = new();
    private readonly IncrementalRepack? _incremental;

    /// <param name="repack">Repack the weights the CPU's kernels read faster repacked (<see cref="WeightRepacker"/>),
    /// once, here; false reads every weight straight from the mapping.</param>
    /// <param name="layers">The blocks to bind (a pipeline stage); null binds them all.</param>
    /// <param name="slice">The tensor-parallel shard to bind; null binds every head and column.</param>
    /// <param name="deferRepack">With <paramref name="repack"/>: run the first forward pass on the mapped weights and
    /// repack a block before each later one (<see cref="IncrementalRepack"/>), for a faster first token.</param>
    public DecoderModel(GgufFile file, DecoderConfig config, WorkerPool pool, bool ownsFile = false, bool repack = true, LayerRange? layers = null, TensorSlice? slice = null,
        bool deferRepack = false)
    {
        _file = file;
        _ownsFile = ownsFile;
        Slice = slice ?? TensorSlice.Whole;
        Config = config.ForShard(Slice);
        Layers = layers ?? new LayerRange(0, config.LayerCount);
        Layers.Validate(config.LayerCount);
        Tokenizer = TokenizerFactory.FromGguf(file.Metadata);
        _matMul = new MatMul(pool);
        var defer = repack && deferRepack && file.Tensors.Any(t => WeightRepacker.Repacks(_matMul.Path, t.Type));
        // Deferred, blocks are repacked between passes on the model's own thread, so on its pool; at load, the model's
        // pool may be another model's too (a server loading a version beside the one serving), so not on it.
        _repacker = repack ? new WeightRepacker(_matMul.Path, defer ? pool : null) : null;
        try
        {
            _weights = DecoderWeights.Bind(file, config, Tokenizer.VocabSize, defer ? null : _repacker, Layers, Slice, _buffers);
            if (defer) _incremental = new IncrementalRepack(file, config, Tokenizer.VocabSize, Layers, Slice, _repacker!);
        }
        catch
        {
            _repacker?.Dispose();
            _buffers.Dispose();
            throw;
        }
        LoraShape = BuildLoraShape(file, config);
        _lora = new LoraProjector(LoraShape);
        _attention = new AttentionBlock(Config, _matMul, new PagedAttention(pool, Config.HeadCount, Config.HeadCountKv, Config.HeadDim), _lora);
        _feedForward = new GatedFeedForward(_matMul, config.Activation);
        _experts = config.Experts is { } e ? new MixtureOfExperts(e, config.EmbeddingLength, _matMul) : null;
        _scratch = new DecoderScratch(Config);
        Info = ModelInfoReader.Read(file, config, Tokenizer.VocabSize);
    }

    /// <summary>What this instance computes: the whole model's configuration, or one tensor shard's share of it.</summary>
    public DecoderConfig Config { get; }

    public TensorSlice Slice { get; }

    public LayerRange Layers { get; }

    public bool IsFirst => Layers.Start == 0;

    public bool IsLast => Layers.End == Config.LayerCount;

    public ModelInfo Info { get; }

    public ITokenizer Tokenizer { get; }

    public LoraBaseShape LoraShape { get; }

    /// <summary>(experts) the most times any layer multiplied each expert's weights in the last step; empty for a dense model.</summary>
    public IReadOnlyList<int> ExpertCallsLastStep => _expertCallsLastStep;

    private int[] _expertCallsLastStep = [];

    public KvCacheStorage CreateKvCache(int blockSize, int blockCount, KvCacheType type) =>
        new(Layers.Count, Config.KvDim, Config.HeadDim, blockSize, blockCount, type);

    public void Forward(ForwardBatch batch, KvCacheStorage cache, Span<float> logits)
    {
        if (!IsFirst || !IsLast) throw new InvalidOperationException($"this model holds layers {Layers} only; run it through {nameof(ForwardStage)}");
        ForwardStage(batch, cache, default, logits);
    }

    public void ForwardStage(ForwardBatch batch, KvCacheStorage cache, ReadOnlySpan<float> hiddenIn, Span<float> output, IPartialSumReducer? reducer = null)
    {
        if (!Slice.IsWhole && reducer is null) throw new ArgumentNullException(nameof(reducer), $"tensor shard {Slice} needs the other shards' partial sums");
        if (_incremental is { Done: false } incremental) _weights = incremental.Advance(_weights);
        var vocab = _weights.Output.Rows; // a tensor shard's share of the vocabulary
        var n = batch.TokenCount;
        var dim = Config.EmbeddingLength;
        var wanted = IsLast ? batch.OutputCount * vocab : n * dim;
        if (output.Length < wanted) throw new ArgumentException(IsLast ? $"logits needs {batch.OutputCount}×{vocab} floats" : $"the hidden output needs {n}×{dim} floats", nameof(output));
        if (!IsFirst && hiddenIn.Length < n * dim) throw new ArgumentException($"the hidden input needs {n}×{dim} floats", nameof(hiddenIn));
        if (cache.KvDim != Config.KvDim || cache.LayerCount != Layers.Count) throw new ArgumentException("the KV cache was made for another model", nameof(cache));
        var s = _scratch.Ensure(n, batch.OutputCount);
        var hidden = s.Hidden.AsSpan(0, n * dim);
        var projected = s.Projected.AsSpan(0, n * dim);
        if (_experts is not null && _expertCallsLastStep.Length == 0) _expertCallsLastStep = new int[Config.Experts!.Count];
        Array.Clear(_expertCallsLastStep);

        _lora.Prepare(batch);
        if (IsFirst)
        {
            Embed(batch.Tokens, hidden);
            if (Config.EmbeddingScale != 1f) TensorPrimitives.Multiply(hidden, Config.EmbeddingScale, hidden);
        }
        else
        {
            hiddenIn[..(n * dim)].CopyTo(hidden);
        }
        for (var l = Layers.Start; l < Layers.End; l++)
        {
            var layer = _weights.Layers[l - Layers.Start];
            _attention.Run(layer.Attention, l, l - Layers.Start, batch, cache, s, reducer);
            TensorPrimitives.Add(hidden, projected, hidden);

            s.NormRows(s.Hidden, layer.FeedForwardNorm, s.Normed, n, dim, Config.RmsEpsilon);
            var normed = s.Normed.AsSpan(0, n * dim);
            if (layer.Experts is { } experts)
            {
                _experts!.Run(experts, normed, n, projected);
                for (var e = 0; e < _expertCallsLastStep.Length; e++) _expertCallsLastStep[e] = Math.Max(_expertCallsLastStep[e], _experts.LastRunCalls[e]);
            }
            else
            {
                _feedForward.Run(layer.FeedForward!.Value, normed, n, s.Gate, s.Up, projected, _lora, l);
                reducer?.AllReduce(projected); // a shard's down projection covers its columns only
            }
            if (layer.PostFeedForwardNorm is not null) s.NormRows(s.Projected, layer.PostFeedForwardNorm, s.Projected, n, dim, Config.RmsEpsilon);
            TensorPrimitives.Add(hidden, projected, hidden);
        }
        if (IsLast) OutputHead(batch, s, output[..(batch.OutputCount * vocab)]);
        else hidden.CopyTo(output);
    }

    /// <summary>Only the rows that want logits go through the final norm and the (large) output head.</summary>
    private void OutputHead(ForwardBatch batch, DecoderScratch s, Span<float> logits)
    {
        var dim = Config.EmbeddingLength;
        var outputs = batch.OutputCount;
        if (outputs == 0) return; // a prefill chunk that does not finish its prompt
        for (var o = 0; o < outputs; o++)
        {
            var row = batch.OutputRows[o];
            RmsNorm.Apply(s.Hidden.AsSpan(row * dim, dim), _weights.OutputNorm, Config.RmsEpsilon, s.Normed.AsSpan(o * dim, dim));
        }
        _matMul.Multiply(_weights.Output, s.Normed.AsSpan(0, outputs * dim), outputs, logits);
        AttentionHead.SoftCap(logits, Config.FinalSoftCap);
    }

    /// <summary>
    /// The matrices adapters may target: all seven of a dense block, but not a fused QKV or gate+up tensor (Phi-3),
    /// whose deltas would be row ranges of one delta, nor experts.
    /// </summary>
    private static LoraBaseShape BuildLoraShape(GgufFile file, DecoderConfig c)
    {
        var shape = new LoraBaseShape(file.Metadata.GetString("general.architecture"), c.LayerCount)
            .With(LoraTarget.Output, c.QueryDim, c.EmbeddingLength);
        if (file.FindTensor("blk.0.attn_q.weight") is not null)
            shape.With(LoraTarget.Query, c.EmbeddingLength, c.QueryDim).With(LoraTarget.Key, c.EmbeddingLength, c.KvDim).With(LoraTarget.Value, c.EmbeddingLength, c.KvDim);
        if (c.Experts is null)
        {
            shape.With(LoraTarget.Down, c.FeedForwardLength, c.EmbeddingLength);
            if (file.FindTensor("blk.0.ffn_gate.weight") is not null)
                shape.With(LoraTarget.Gate, c.EmbeddingLength, c.FeedForwardLength).With(LoraTarget.Up, c.EmbeddingLength, c.FeedForwardLength);
        }
        return shape;
    }

    /// <summary>Bytes of weights repacked at load (held beside the mapping); 0 when nothing was repacked.</summary>
    public long RepackedBytes => _repacker?.Bytes ?? 0;

    public void Dispose()
    {
        _repacker?.Dispose();
        _incremental?.Dispose();
        _buffers.Dispose();
        if (_ownsFile) _file.Dispose();
    }

    private void Embed(ReadOnlySpan<int> tokens, Span<float> hidden)
    {
        var e = _weights.Embedding;
        var dim = Config.EmbeddingLength;
        for (var t = 0; t < tokens.Length; t++)
        {
            var id = tokens[t];
            if ((uint)id >= (uint)e.Rows) throw new ArgumentOutOfRangeException(nameof(tokens), $"token id {id} is outside the vocabulary (0..{e.Rows - 1})");
            unsafe
            {
                var row = new ReadOnlySpan<byte>(e.Data + (long)id * e.RowBytes, (int)e.RowBytes);
                Dequantize.Row(e.Type, row, hidden.Slice(t * dim, dim));
            }
        }
    }
}
