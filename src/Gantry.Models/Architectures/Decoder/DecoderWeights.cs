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
        Layers = layers;
        OutputNorm = outputNorm;
        Output = output;
    }

    public WeightMatrix Embedding { get; }  // (vocab, dim)
    public IReadOnlyList<DecoderLayer> Layers { get; }  // the bound range's blocks, its first at index 0
    public float[] OutputNorm { get; }      // (dim)
    public WeightMatrix Output { get; }     // (vocab, dim); the embedding itself when the head is tied

    /// <param name="repacker">Repacks the matrices it can for the eight-row kernels; null reads every matrix from the mapping.</param>
    /// <param name="range">The blocks to bind (a pipeline stage's); null binds all. The embedding and head are bound
    /// as plain views of the mapping on a stage that never reads them: a view costs no memory, a repacked copy would.</param>
    public static DecoderWeights Bind(GgufFile file, DecoderConfig c, int vocabSize, WeightRepacker? repacker = null, LayerRange? range = null)
    {
        var blocks = range ?? new LayerRange(0, c.LayerCount);
        var (first, last) = (blocks.Start == 0, blocks.End == c.LayerCount);
        var t = new TensorBinder(file, repacker);
        var plain = new TensorBinder(file);
        foreach (var factors in (string[])["rope_factors_long.weight", "rope_factors_short.weight", "blk.0.rope_freqs.weight", "rope_freqs.weight"])
            if (t.Has(factors)) throw new ModelFormatException($"tensor '{factors}' (per-dimension RoPE frequency factors, as in LongRoPE and Llama 3.1 files) is not supported yet");
        var tied = c.AlwaysTiedOutput || file.FindTensor("output.weight") is null;
        var embedding = (first || (last && tied) ? t : plain).Matrix("token_embd.weight", vocabSize, c.EmbeddingLength, allowAnyType: true);
        var layers = new DecoderLayer[blocks.Count];
        for (var i = blocks.Start; i < blocks.End; i++)
        {
            var p = $"blk.{i}.";
            layers[i - blocks.Start] = new DecoderLayer
            {
                Attention = BindAttention(t, c, p),
                FeedForwardNorm = t.Vector(p + "ffn_norm.weight", c.EmbeddingLength),
                FeedForward = c.Experts is null ? BindFeedForward(t, p, "", c.FeedForwardLength, c.EmbeddingLength) : null,
                Experts = c.Experts is { } e ? BindExperts(t, p, e, c.EmbeddingLength) : null,
                PostFeedForwardNorm = c.PostNorms ? t.Vector(p + "post_ffw_norm.weight", c.EmbeddingLength) : null,
            };
        }
        var output = tied ? embedding : (last ? t : plain).Matrix("output.weight", vocabSize, c.EmbeddingLength);
        if (!MatMul.IsSupported(output.Type))
            throw new ModelFormatException($"tensor '{(tied ? "token_embd.weight" : "output.weight")}' has type {output.Type}, which Gantry cannot multiply yet");
        return new DecoderWeights(embedding, layers, t.Vector("output_norm.weight", c.EmbeddingLength), output);
    }

    private static AttentionWeights BindAttention(TensorBinder t, DecoderConfig c, string p)
    {
        WeightMatrix q, k, v;
        if (t.Has(p + "attn_qkv.weight"))
        {
            var qkv = t.Matrix(p + "attn_qkv.weight", c.QueryDim + 2 * c.KvDim, c.EmbeddingLength);
            (q, k, v) = (qkv.Slice(0, c.QueryDim), qkv.Slice(c.QueryDim, c.KvDim), qkv.Slice(c.QueryDim + c.KvDim, c.KvDim));
        }
        else
        {
            if (!t.Has(p + "attn_q.weight")) throw new ModelFormatException($"tensor '{p}attn_qkv.weight' (or '{p}attn_q.weight' with attn_k and attn_v) is missing");
            q = t.Matrix(p + "attn_q.weight", c.QueryDim, c.EmbeddingLength);
            k = t.Matrix(p + "attn_k.weight", c.KvDim, c.EmbeddingLength);
            v = t.Matrix(p + "attn_v.weight", c.KvDim, c.EmbeddingLength);
        }
        var biased = t.Has(p + "attn_q.bias");
        return new AttentionWeights
        {
            Norm = t.Vector(p + "attn_norm.weight", c.EmbeddingLength),
            Query = q,
            Key = k,
            Value = v,
            Output = t.Matrix(p + "attn_output.weight", c.EmbeddingLength, c.QueryDim),
            QueryBias = biased ? t.Vector(p + "attn_q.bias", c.QueryDim) : null,
            KeyBias = biased ? t.Vector(p + "attn_k.bias", c.KvDim) : null,
            ValueBias = biased ? t.Vector(p + "attn_v.bias", c.KvDim) : null,
            QueryNorm = c.QueryKeyNorm ? t.Vector(p + "attn_q_norm.weight", c.HeadDim) : null,
            KeyNorm = c.QueryKeyNorm ? t.Vector(p + "attn_k_norm.weight", c.HeadDim) : null,
            PostNorm = c.PostNorms ? t.Vector(p + "post_attention_norm.weight", c.EmbeddingLength) : null,
        };
    }

    /// <summary>Separate gate and up tensors, or Phi-3's fused <c>ffn_up</c> of 2·ff rows (gate first, then up).</summary>
    private static FeedForwardWeights BindFeedForward(TensorBinder t, string p, string suffix, int ff, int dim)
    {
        var down = t.Matrix($"{p}ffn_down{suffix}.weight", dim, ff);
        if (t.Has($"{p}ffn_gate{suffix}.weight"))
            return new FeedForwardWeights(t.Matrix($"{p}ffn_gate{suffix}.weight", ff, dim), t.Matrix($"{p}ffn_up{suffix}.weight", ff, dim), down);
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
