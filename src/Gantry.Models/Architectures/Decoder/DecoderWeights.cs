using Gantry.Models.Gguf;
using Gantry.Models.Sharding;
using Gantry.Tensors.Kernels;

namespace Gantry.Models.Architectures.Decoder;

/// <summary>
/// Binds a GGUF file's tensors to a <see cref="DecoderConfig"/>, checking every name, shape and type at load time,
/// so a missing or misshapen tensor is one clear line naming it rather than a crash mid-forward.
/// Tensor names follow llama.cpp's (<c>blk.N.attn_q.weight</c> …); fused variants (Phi-3's <c>attn_qkv</c> and
/// gate+up <c>ffn_up</c>) and stacked experts (<c>ffn_*_exps</c>) become row-range views, never copies.
/// </summary>
public sealed class DecoderWeights
{
    private DecoderWeights(WeightMatrix embedding, DecoderLayer[] layers, float[] outputNorm, WeightMatrix output)
    {
        Embedding = embedding;
        _layers = layers;
        OutputNorm = outputNorm;
        Output = output;
    }

    private readonly DecoderLayer[] _layers;

    /// <summary>These weights with the bound range's block <paramref name="index"/> replaced.</summary>
    internal DecoderWeights WithLayer(int index, DecoderLayer layer)
    {
        var layers = (DecoderLayer[])_layers.Clone();
        layers[index] = layer;
        return new DecoderWeights(Embedding, layers, OutputNorm, Output);
    }

    /// <summary>These weights with another embedding and output head.</summary>
    internal DecoderWeights WithHead(WeightMatrix embedding, WeightMatrix output) => new(embedding, _layers, OutputNorm, output);

    public WeightMatrix Embedding { get; }  // (vocab, dim)
    public IReadOnlyList<DecoderLayer> Layers => _layers;  // the bound range's blocks, its first at index 0
    public float[] OutputNorm { get; }      // (dim)
    public WeightMatrix Output { get; }     // (vocab, dim); the embedding itself when the head is tied

    /// <param name="repacker">Repacks the matrices it can for the eight-row kernels; null reads every matrix from the mapping.</param>
    /// <param name="range">The blocks to bind (a pipeline stage's); null binds all. The embedding and head are bound
    /// as plain views of the mapping on a stage that never reads them: a view costs no memory, a repacked copy would.</param>
    /// <param name="slice">The tensor-parallel shard to bind (its heads' rows of Q/K/V and columns of the attention
    /// output, its rows of gate/up and columns of down, its rows of the head); <paramref name="c"/> is the whole
    /// model's configuration. Column slices are copied into <paramref name="buffers"/>.</param>
    public static DecoderWeights Bind(GgufFile file, DecoderConfig c, int vocabSize, WeightRepacker? repacker = null, LayerRange? range = null,
        TensorSlice? slice = null, NativeBuffers? buffers = null)
    {
        var blocks = range ?? new LayerRange(0, c.LayerCount);
        var shard = slice ?? TensorSlice.Whole;
        var last = blocks.End == c.LayerCount;
        var t = new TensorBinder(file, repacker, buffers);
        var plain = new TensorBinder(file);
        foreach (var factors in (string[])["rope_factors_long.weight", "rope_factors_short.weight", "blk.0.rope_freqs.weight", "rope_freqs.weight"])
            if (t.Has(factors)) throw new ModelFormatException($"tensor '{factors}' (per-dimension RoPE frequency factors, as in LongRoPE and Llama 3.1 files) is not supported yet");
        var tied = c.AlwaysTiedOutput || file.FindTensor("output.weight") is null;
        // The embedding is repacked only where it is also the output head: lookups read the mapped rows, so a repacked
        // copy of an untied embedding would be memory spent for nothing. A tensor shard's head is a row range of the
        // embedding when tied, so its embedding stays a plain view (rows looked up).
        var embedding = (last && tied && shard.IsWhole ? t : plain).Matrix("token_embd.weight", vocabSize, c.EmbeddingLength, allowAnyType: true);
        var layers = new DecoderLayer[blocks.Count];
        for (var i = blocks.Start; i < blocks.End; i++)
        {
            var p = $"blk.{i}.";
            layers[i - blocks.Start] = new DecoderLayer
            {
                Attention = BindAttention(t, c, p, shard),
                FeedForwardNorm = t.Vector(p + "ffn_norm.weight", c.EmbeddingLength),
                FeedForward = c.Experts is null ? BindFeedForward(t, p, "", c.FeedForwardLength, c.EmbeddingLength, shard) : null,
                Experts = c.Experts is { } e ? BindExperts(t, p, e, c.EmbeddingLength) : null,
                PostFeedForwardNorm = c.PostNorms ? t.Vector(p + "post_ffw_norm.weight", c.EmbeddingLength) : null,
            };
        }
        var (headStart, headRows) = shard.Share(vocabSize);
        var output = !shard.IsWhole && last ? t.Rows(tied ? "token_embd.weight" : "output.weight", vocabSize, c.EmbeddingLength, headStart, headRows, allowAnyType: tied)
            : tied ? embedding : (last ? t : plain).Matrix("output.weight", vocabSize, c.EmbeddingLength);
        if (!MatMul.IsSupported(output.Type))
            throw new ModelFormatException($"tensor '{(tied ? "token_embd.weight" : "output.weight")}' has type {output.Type}, which Gantry cannot multiply yet");
        return new DecoderWeights(embedding, layers, t.Vector("output_norm.weight", c.EmbeddingLength), output);
    }

    /// <summary>A shard takes its heads' rows of Q, K, V (and biases) and the same columns of the output projection.</summary>
    private static AttentionWeights BindAttention(TensorBinder t, DecoderConfig c, string p, TensorSlice shard)
    {
        var (q0, qn) = (shard.Rank * c.QueryDim / shard.Count, c.QueryDim / shard.Count);
        var (k0, kn) = (shard.Rank * c.KvDim / shard.Count, c.KvDim / shard.Count);
        WeightMatrix q, k, v;
        if (t.Has(p + "attn_qkv.weight"))
        {
            var fused = p + "attn_qkv.weight";
            var rows = c.QueryDim + 2 * c.KvDim;
            if (shard.IsWhole)
            {
                var qkv = t.Matrix(fused, rows, c.EmbeddingLength);
                (q, k, v) = (qkv.Slice(0, c.QueryDim), qkv.Slice(c.QueryDim, c.KvDim), qkv.Slice(c.QueryDim + c.KvDim, c.KvDim));
            }
            else
            {
                q = t.Rows(fused, rows, c.EmbeddingLength, q0, qn);
                k = t.Rows(fused, rows, c.EmbeddingLength, c.QueryDim + k0, kn);
                v = t.Rows(fused, rows, c.EmbeddingLength, c.QueryDim + c.KvDim + k0, kn);
            }
        }
        else
        {
            if (!t.Has(p + "attn_q.weight")) throw new ModelFormatException($"tensor '{p}attn_qkv.weight' (or '{p}attn_q.weight' with attn_k and attn_v) is missing");
            q = t.Rows(p + "attn_q.weight", c.QueryDim, c.EmbeddingLength, q0, qn);
            k = t.Rows(p + "attn_k.weight", c.KvDim, c.EmbeddingLength, k0, kn);
            v = t.Rows(p + "attn_v.weight", c.KvDim, c.EmbeddingLength, k0, kn);
        }
        var biased = t.Has(p + "attn_q.bias");
        return new AttentionWeights
        {
            Norm = t.Vector(p + "attn_norm.weight", c.EmbeddingLength),
            Query = q,
            Key = k,
            Value = v,
            Output = t.Columns(p + "attn_output.weight", c.EmbeddingLength, c.QueryDim, q0, qn),
            QueryBias = biased ? t.Vector(p + "attn_q.bias", c.QueryDim, q0, qn) : null,
            KeyBias = biased ? t.Vector(p + "attn_k.bias", c.KvDim, k0, kn) : null,
            ValueBias = biased ? t.Vector(p + "attn_v.bias", c.KvDim, k0, kn) : null,
            QueryNorm = c.QueryKeyNorm ? t.Vector(p + "attn_q_norm.weight", c.HeadDim) : null,
            KeyNorm = c.QueryKeyNorm ? t.Vector(p + "attn_k_norm.weight", c.HeadDim) : null,
            PostNorm = c.PostNorms ? t.Vector(p + "post_attention_norm.weight", c.EmbeddingLength) : null,
        };
    }

    /// <summary>Separate gate and up tensors, or Phi-3's fused <c>ffn_up</c> of 2·ff rows (gate first, then up);
    /// a shard takes its rows of gate and up and the same columns of down.</summary>
    private static FeedForwardWeights BindFeedForward(TensorBinder t, string p, string suffix, int ff, int dim, TensorSlice? slice = null)
    {
        var shard = slice ?? TensorSlice.Whole;
        var (f0, fn) = (shard.Rank * ff / shard.Count, ff / shard.Count);
        var down = t.Columns($"{p}ffn_down{suffix}.weight", dim, ff, f0, fn);
        if (t.Has($"{p}ffn_gate{suffix}.weight"))
            return new FeedForwardWeights(t.Rows($"{p}ffn_gate{suffix}.weight", ff, dim, f0, fn), t.Rows($"{p}ffn_up{suffix}.weight", ff, dim, f0, fn), down);
        if (!shard.IsWhole)
            return new FeedForwardWeights(t.Rows($"{p}ffn_up{suffix}.weight", 2 * ff, dim, f0, fn), t.Rows($"{p}ffn_up{suffix}.weight", 2 * ff, dim, ff + f0, fn), down);
        var fused = t.Matrix($"{p}ffn_up{suffix}.weight", 2 * ff, dim);
        return new FeedForwardWeights(fused.Slice(0, ff), fused.Slice(ff, ff), down);
    }

    private static ExpertWeights BindExperts(TensorBinder t, string p, ExpertConfig e, int dim)
    {
        var gate = t.Stacked(p + "ffn_gate_exps.weight", e.Count, e.FeedForwardLength, dim);
        var up = t.Stacked(p + "ffn_up_exps.weight", e.Count, e.FeedForwardLength, dim);
        var down = t.Stacked(p + "ffn_down_exps.weight", e.Count, dim, e.FeedForwardLength);
        var experts = new FeedForwardWeights[e.Count];
        for (var x = 0; x < e.Count; x++) experts[x] = new FeedForwardWeights(gate[x], up[x], down[x]);
        return new ExpertWeights
        {
            Router = t.Matrix(p + "ffn_gate_inp.weight", e.Count, dim),
            Experts = experts,
            Shared = e.SharedFeedForwardLength > 0 ? BindFeedForward(t, p, "_shexp", e.SharedFeedForwardLength, dim) : null,
            SharedGate = e.SharedFeedForwardLength > 0 ? t.Matrix(p + "ffn_gate_inp_shexp.weight", 1, dim) : null,
        };
    }
}
