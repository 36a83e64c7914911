using System.Numerics.Tensors;
using Gantry.Models.Gguf;
using Gantry.Models.Runtime;
using Gantry.Models.Tokenizers;
using Gantry.Tensors.Kernels;
using Gantry.Tensors.Threading;

namespace Gantry.Models.Architectures.Llama;

/// <summary>
/// The Llama-family decoder (Llama 2/3, TinyLlama, Mistral, Qwen2): pre-norm blocks of grouped-query attention
/// with rotary positions and a SwiGLU feed-forward. <see cref="Forward"/> runs one batched step: every token of
/// every scheduled sequence goes through each weight matrix together, so weights stream from memory once a step.
/// Driven by one thread at a time (the engine loop); parallelism is inside, on the worker pool.
/// </summary>
public sealed class LlamaModel : ILanguageModel
{
    private readonly GgufFile _file;
    private readonly LlamaWeights _weights;
    private readonly MatMul _matMul;
    private readonly Rope _rope;
    private readonly PagedAttention _attention;
    private readonly LlamaScratch _scratch;
    private readonly bool _ownsFile;

    public LlamaModel(GgufFile file, WorkerPool pool, bool ownsFile = false)
    {
        _file = file;
        _ownsFile = ownsFile;
        Config = LlamaConfig.FromMetadata(file.Metadata);
        Tokenizer = TokenizerFactory.FromGguf(file.Metadata);
        _weights = LlamaWeights.Bind(file, Config, Tokenizer.VocabSize);
        _matMul = new MatMul(pool);
        _rope = new Rope(Config.RopeDimensions, Config.RopeFreqBase, Config.RopeFreqScale, Config.RopeLayout);
        _attention = new PagedAttention(pool, Config.HeadCount, Config.HeadCountKv, Config.HeadDim);
        _scratch = new LlamaScratch(Config);
        Info = ModelInfoReader.Read(file, Config.Architecture, Config.ContextLength, Tokenizer.VocabSize,
            Config.LayerCount, Config.EmbeddingLength, Config.HeadCount, Config.HeadCountKv, Config.HeadDim);
    }

    public LlamaConfig Config { get; }

    public ModelInfo Info { get; }

    public ITokenizer Tokenizer { get; }

    public KvCacheStorage CreateKvCache(int blockSize, int blockCount, KvCacheType type) =>
        new(Config.LayerCount, Config.KvDim, Config.HeadDim, blockSize, blockCount, type);

    public void Forward(ForwardBatch batch, KvCacheStorage cache, Span<float> logits)
    {
        var vocab = Tokenizer.VocabSize;
        if (logits.Length < batch.OutputCount * vocab) throw new ArgumentException($"logits needs {batch.OutputCount}×{vocab} floats", nameof(logits));
        if (cache.KvDim != Config.KvDim || cache.LayerCount != Config.LayerCount) throw new ArgumentException("the KV cache was made for another model", nameof(cache));
        var n = batch.TokenCount;
        var s = _scratch.Ensure(n, batch.OutputCount);

        Embed(batch.Tokens, s.Hidden.AsSpan(0, n * Config.EmbeddingLength));
        for (var l = 0; l < Config.LayerCount; l++)
        {
            var layer = _weights.Layers[l];
            AttentionBlock(layer, l, batch, cache, s);
            FeedForwardBlock(layer, n, s);
        }
        OutputHead(batch, s, logits[..(batch.OutputCount * vocab)]);
    }

    /// <summary>x += Wo · attend(rope(Wq·norm(x)), rope(Wk·norm(x)), Wv·norm(x)), keys and values going through the paged cache.</summary>
    private void AttentionBlock(LlamaLayer layer, int l, ForwardBatch batch, KvCacheStorage cache, LlamaScratch s)
    {
        var c = Config;
        var n = batch.TokenCount;
        var dim = c.EmbeddingLength;
        NormRows(s.Hidden, layer.AttentionNorm, s.Normed, n, dim);
        var normed = s.Normed.AsSpan(0, n * dim);
        _matMul.Multiply(layer.Query, normed, n, s.Query.AsSpan(0, n * c.QueryDim));
        _matMul.Multiply(layer.Key, normed, n, s.Key.AsSpan(0, n * c.KvDim));
        _matMul.Multiply(layer.Value, normed, n, s.Value.AsSpan(0, n * c.KvDim));
        for (var t = 0; t < n; t++)
        {
            var q = s.Query.AsSpan(t * c.QueryDim, c.QueryDim);
            var k = s.Key.AsSpan(t * c.KvDim, c.KvDim);
            if (layer.QueryBias is not null)
            {
                TensorPrimitives.Add(q, layer.QueryBias, q);
                TensorPrimitives.Add(k, layer.KeyBias!, k);
                var v = s.Value.AsSpan(t * c.KvDim, c.KvDim);
                TensorPrimitives.Add(v, layer.ValueBias!, v);
            }
            var position = batch.Positions[t];
            _rope.Apply(q, c.HeadCount, c.HeadDim, position);
            _rope.Apply(k, c.HeadCountKv, c.HeadDim, position);
        }
        _attention.StoreKeysAndValues(batch, cache, l, s.Key, s.Value);
        _attention.Attend(batch, cache, l, s.Query, s.Attended);
        _matMul.Multiply(layer.Output, s.Attended.AsSpan(0, n * c.QueryDim), n, s.Projected.AsSpan(0, n * dim));
        TensorPrimitives.Add(s.Hidden.AsSpan(0, n * dim), s.Projected.AsSpan(0, n * dim), s.Hidden.AsSpan(0, n * dim));
    }

    /// <summary>x += Wdown · (silu(Wgate·norm(x)) ⊙ Wup·norm(x)).</summary>
    private void FeedForwardBlock(LlamaLayer layer, int n, LlamaScratch s)
    {
        var dim = Config.EmbeddingLength;
        var ff = Config.FeedForwardLength;
        NormRows(s.Hidden, layer.FeedForwardNorm, s.Normed, n, dim);
        _matMul.Multiply(layer.Gate, s.Normed.AsSpan(0, n * dim), n, s.Gate.AsSpan(0, n * ff));
        _matMul.Multiply(layer.Up, s.Normed.AsSpan(0, n * dim), n, s.Up.AsSpan(0, n * ff));
        SwiGlu.Apply(s.Gate.AsSpan(0, n * ff), s.Up.AsSpan(0, n * ff), s.Gate.AsSpan(0, n * ff));
        _matMul.Multiply(layer.Down, s.Gate.AsSpan(0, n * ff), n, s.Projected.AsSpan(0, n * dim));
        TensorPrimitives.Add(s.Hidden.AsSpan(0, n * dim), s.Projected.AsSpan(0, n * dim), s.Hidden.AsSpan(0, n * dim));
    }

    /// <summary>Only the rows that want logits go through the final norm and the (large) output head.</summary>
    private void OutputHead(ForwardBatch batch, LlamaScratch s, Span<float> logits)
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
    }

    public void Dispose()
    {
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

    private void NormRows(float[] x, float[] weight, float[] dst, int n, int dim)
    {
        for (var t = 0; t < n; t++) RmsNorm.Apply(x.AsSpan(t * dim, dim), weight, Config.RmsEpsilon, dst.AsSpan(t * dim, dim));
    }
}
