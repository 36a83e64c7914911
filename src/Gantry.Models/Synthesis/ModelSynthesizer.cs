using Gantry.Models.Gguf;
using Gantry.Tensors;
using Gantry.Tensors.Kernels;

namespace Gantry.Models.Synthesis;

/// <summary>
/// Writes Llama-family GGUF models with deterministic random weights at any <see cref="ModelShape"/>, for tests
/// and benchmarks at real sizes without downloading anything. Each tensor's values depend only on the seed and the
/// tensor's name. Weights are uniform with variance 1/fan-in so activations stay finite through every layer.
/// </summary>
public static class ModelSynthesizer
{
    /// <summary>Weight types the synthesizer writes. <c>Q4_K_M</c> mixes Q4_K with Q6_K as llama.cpp's preset does.</summary>
    public static IReadOnlyList<string> TypeNames { get; } = ["f32", "f16", "bf16", "q8_0", "q4_0", "q5_0", "q4_k", "q4_k_m", "q5_k", "q5_k_m", "q6_k"];

    public static void Write(ModelShape shape, string typeName, ulong seed, string path, NextTokenMap? follow = null)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        Write(shape, typeName, seed, stream, follow);
    }

    public static void Write(ModelShape shape, string typeName, ulong seed, Stream stream, NextTokenMap? follow = null) =>
        Build(shape, typeName, seed, follow).WriteTo(stream);

    /// <summary>
    /// With <paramref name="follow"/>, the model's greedy successor of every token is the map's, by construction: the
    /// layers' output projections are damped so the residual stream stays close to the token's embedding e(t), and
    /// output row j is the sum of the embeddings of the tokens that map to j, so logit j of token t is about |e(t)|²
    /// when j = Next[t] and a near-zero random inner product otherwise. Every weight still has its real shape and
    /// type, so a step costs what a real model's does.
    /// </summary>
    public static GgufWriter Build(ModelShape shape, string typeName, ulong seed, NextTokenMap? follow = null)
    {
        var mix = ParseType(typeName);
        if (follow is not null && (follow.VocabSize != shape.VocabSize || shape.TiedOutput))
            throw new ArgumentException($"a next-token map needs an untied output head and the shape's vocabulary ({shape.VocabSize} tokens; the map has {follow.VocabSize})");
        var residualScale = follow is null ? -1 : FollowingModel.ResidualDamping * MathF.Sqrt(3f / Math.Max(shape.FeedForwardLength, shape.HeadCount * shape.HeadDim));
        var s = shape;
        var arch = s.Architecture;
        var (tokens, scores, types) = SyntheticVocabulary.Build(s.VocabSize);
        if (arch == "phi3")
        {
            // llama.cpp (and Gantry) refuse a Phi-3 vocabulary without its end-of-text marker; the last id becomes it.
            (tokens[^1], scores[^1], types[^1]) = ("<|endoftext|>", 0f, 3);
        }
        var w = new GgufWriter()
            .Set("general.architecture", arch)
            .Set("general.name", $"gantry-synthetic-{s.Name}-{typeName}-seed{seed} (random weights)")
            .Set(arch + ".context_length", (uint)s.ContextLength)
            .Set(arch + ".embedding_length", (uint)s.EmbeddingLength)
            .Set(arch + ".block_count", (uint)s.LayerCount)
            .Set(arch + ".feed_forward_length", (uint)s.FeedForwardLength)
            .Set(arch + ".rope.dimension_count", (uint)s.RopeDimensions)
            .Set(arch + ".rope.freq_base", s.RopeFreqBase)
            .Set(arch + ".attention.head_count", (uint)s.HeadCount)
            .Set(arch + ".attention.head_count_kv", (uint)s.HeadCountKv)
            .Set(arch + ".attention.layer_norm_rms_epsilon", 1e-5f);
        if (s.HeadDim * s.HeadCount != s.EmbeddingLength)
            w.Set(arch + ".attention.key_length", (uint)s.HeadDim).Set(arch + ".attention.value_length", (uint)s.HeadDim);
        if (s.ExpertCount > 0)
        {
            w.Set(arch + ".expert_count", (uint)s.ExpertCount).Set(arch + ".expert_used_count", (uint)s.ExpertUsedCount);
            if (arch != "llama") w.Set(arch + ".expert_feed_forward_length", (uint)s.ExpertFeedForwardLength);
            if (s.SharedExpertFeedForwardLength > 0) w.Set(arch + ".expert_shared_feed_forward_length", (uint)s.SharedExpertFeedForwardLength);
        }
        if (s.SlidingWindow > 0) w.Set(arch + ".attention.sliding_window", (uint)s.SlidingWindow);
        if (s.AttentionSoftCap > 0) w.Set(arch + ".attn_logit_softcapping", s.AttentionSoftCap);
        if (s.FinalSoftCap > 0) w.Set(arch + ".final_logit_softcapping", s.FinalSoftCap);
        w.Set("tokenizer.ggml.model", "llama")
            .Set("tokenizer.ggml.tokens", tokens)
            .Set("tokenizer.ggml.scores", scores)
            .Set("tokenizer.ggml.token_type", types)
            .Set("tokenizer.ggml.bos_token_id", (uint)SyntheticVocabulary.Bos)
            .Set("tokenizer.ggml.eos_token_id", (uint)SyntheticVocabulary.Eos)
            .Set("tokenizer.ggml.unknown_token_id", (uint)SyntheticVocabulary.Unknown)
            .Set("tokenizer.ggml.add_bos_token", true)
            .Set("tokenizer.ggml.add_eos_token", false);
        // The map itself, so a benchmark can build a prompt the model is known to copy (see NextTokenMap.Read).
        if (follow is not null) w.Set(NextTokenMap.MetadataKey, follow.Next.ToArray());

        int dim = s.EmbeddingLength, ff = s.FeedForwardLength, q = s.HeadCount * s.HeadDim, kv = s.HeadCountKv * s.HeadDim;
        bool fused = arch == "phi3", biased = arch is "qwen2" or "qwen2moe", qkNorm = arch is "qwen3" or "qwen3moe" or "gemma3", postNorms = arch is "gemma2" or "gemma3";
        Matrix(w, "token_embd.weight", mix.Embedding, s.VocabSize, dim, seed, scale: 1f);
        for (var l = 0; l < s.LayerCount; l++)
        {
            var p = $"blk.{l}.";
            var moreBits = mix.ValueAndDown(l, s.LayerCount);
            Norm(w, p + "attn_norm.weight", dim, seed);
            if (fused)
            {
                Matrix(w, p + "attn_qkv.weight", mix.Matrices, q + 2 * kv, dim, seed);
            }
            else
            {
                Matrix(w, p + "attn_q.weight", mix.Matrices, q, dim, seed);
                Matrix(w, p + "attn_k.weight", mix.Matrices, kv, dim, seed);
                Matrix(w, p + "attn_v.weight", moreBits, kv, dim, seed);
            }
            if (biased)
            {
                Bias(w, p + "attn_q.bias", q, seed);
                Bias(w, p + "attn_k.bias", kv, seed);
                Bias(w, p + "attn_v.bias", kv, seed);
            }
            if (qkNorm)
            {
                Norm(w, p + "attn_q_norm.weight", s.HeadDim, seed);
                Norm(w, p + "attn_k_norm.weight", s.HeadDim, seed);
            }
            Matrix(w, p + "attn_output.weight", mix.Matrices, dim, q, seed, residualScale);
            if (postNorms) Norm(w, p + "post_attention_norm.weight", dim, seed);
            Norm(w, p + "ffn_norm.weight", dim, seed);
            if (s.ExpertCount > 0) Experts(w, s, p, mix.Matrices, moreBits, seed);
            else if (fused) Matrix(w, p + "ffn_up.weight", mix.Matrices, 2 * ff, dim, seed);
            else
            {
                Matrix(w, p + "ffn_gate.weight", mix.Matrices, ff, dim, seed);
                Matrix(w, p + "ffn_up.weight", mix.Matrices, ff, dim, seed);
            }
            if (s.ExpertCount == 0) Matrix(w, p + "ffn_down.weight", moreBits, dim, ff, seed, residualScale);
            if (postNorms) Norm(w, p + "post_ffw_norm.weight", dim, seed);
        }
        Norm(w, "output_norm.weight", dim, seed);
        if (follow is not null) FollowingModel.Output(w, mix.Output, dim, follow, EmbeddingValues(seed));
        else if (!s.TiedOutput) Matrix(w, "output.weight", mix.Output, s.VocabSize, dim, seed);
        return w;
    }

    /// <summary>
    /// A mixture-of-experts layer: the F32 router (llama.cpp never quantizes it), the experts stacked in 3-D tensors
    /// [cols, rows, experts], and for Qwen2-MoE the shared expert with its sigmoid gate.
    /// </summary>
    private static void Experts(GgufWriter w, ModelShape s, string p, GgmlType type, GgmlType downType, ulong seed)
    {
        int dim = s.EmbeddingLength, ffe = s.ExpertFeedForwardLength, e = s.ExpertCount;
        Matrix(w, p + "ffn_gate_inp.weight", GgmlType.F32, e, dim, seed, scale: 3f * MathF.Sqrt(3f / dim));
        Matrix(w, p + "ffn_gate_exps.weight", type, ffe * e, dim, seed, shape: [dim, ffe, e]);
        Matrix(w, p + "ffn_up_exps.weight", type, ffe * e, dim, seed, shape: [dim, ffe, e]);
        Matrix(w, p + "ffn_down_exps.weight", downType, dim * e, ffe, seed, shape: [ffe, dim, e]);
        if (s.SharedExpertFeedForwardLength == 0) return;
        var ffs = s.SharedExpertFeedForwardLength;
        Matrix(w, p + "ffn_gate_inp_shexp.weight", GgmlType.F32, 1, dim, seed, shape: [dim]);
        Matrix(w, p + "ffn_gate_shexp.weight", type, ffs, dim, seed);
        Matrix(w, p + "ffn_up_shexp.weight", type, ffs, dim, seed);
        Matrix(w, p + "ffn_down_shexp.weight", downType, dim, ffs, seed);
    }

    private static TypeMix ParseType(string name) => name.ToLowerInvariant() switch
    {
        "f32" => TypeMix.All(GgmlType.F32),
        "f16" => TypeMix.All(GgmlType.F16),
        "bf16" => TypeMix.All(GgmlType.BF16),
        "q8_0" => TypeMix.All(GgmlType.Q8_0),
        "q4_0" => TypeMix.All(GgmlType.Q4_0),
        "q5_0" => TypeMix.All(GgmlType.Q5_0),
        "q4_k" => TypeMix.All(GgmlType.Q4_K),
        "q5_k" => TypeMix.All(GgmlType.Q5_K),
        "q6_k" => TypeMix.All(GgmlType.Q6_K),
        // llama.cpp's Q4_K_M: Q4_K everywhere except the output head and, in some layers, attn_v and ffn_down in Q6_K.
        "q4_k_m" => new TypeMix(GgmlType.Q4_K, GgmlType.Q4_K, GgmlType.Q6_K, GgmlType.Q6_K),
        // llama.cpp's Q5_K_M: the same shape of mix around Q5_K.
        "q5_k_m" => new TypeMix(GgmlType.Q5_K, GgmlType.Q5_K, GgmlType.Q6_K, GgmlType.Q6_K),
        _ => throw new ArgumentException($"unknown weight type '{name}' (known: {string.Join(", ", TypeNames)})"),
    };

    private static void Matrix(GgufWriter w, string name, GgmlType type, int rows, int cols, ulong seed, float scale = -1, long[]? shape = null)
    {
        // Uniform(-a, a) has variance a²/3; a = √(3/cols) gives variance 1/cols, so each output has unit variance.
        var amplitude = scale > 0 ? scale : MathF.Sqrt(3f / cols);
        var rowBytes = (int)GgmlTypeInfo.RowBytes(type, cols);
        w.AddTensor(name, type, shape ?? [cols, rows], bytes =>
        {
            var rng = new SplitMix64(seed ^ StableHash(name));
            var row = new float[cols];
            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < cols; c++) row[c] = amplitude * (2 * rng.NextFloat() - 1);
                Quantize.Row(type, row, bytes.Slice(r * rowBytes, rowBytes));
            }
        });
    }

    /// <summary>The random stream <see cref="Matrix"/> draws the token embedding's values from (amplitude 1), row after row.</summary>
    private static IEnumerable<float> EmbeddingValues(ulong seed)
    {
        var rng = new SplitMix64(seed ^ StableHash("token_embd.weight"));
        while (true) yield return 2 * rng.NextFloat() - 1;
    }

    private static void Norm(GgufWriter w, string name, int length, ulong seed) => Vector(w, name, length, seed, 1f, 0.1f);

    private static void Bias(GgufWriter w, string name, int length, ulong seed) => Vector(w, name, length, seed, 0f, 0.1f);

    private static void Vector(GgufWriter w, string name, int length, ulong seed, float center, float spread)
    {
        w.AddTensor(name, GgmlType.F32, [length], bytes =>
        {
            var rng = new SplitMix64(seed ^ StableHash(name));
            var values = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes);
            for (var i = 0; i < length; i++) values[i] = center + spread * (2 * rng.NextFloat() - 1);
        });
    }

    /// <summary>FNV-1a: stable across runs and .NET versions, unlike <see cref="string.GetHashCode()"/>.</summary>
    private static ulong StableHash(string s)
    {
        var h = 14695981039346656037UL;
        foreach (var ch in s)
        {
            h ^= ch;
            h *= 1099511628211UL;
        }
        return h;
    }

    private sealed record TypeMix(GgmlType Embedding, GgmlType Matrices, GgmlType MoreBits, GgmlType Output)
    {
        public static TypeMix All(GgmlType t) => new(t, t, t, t);

        /// <summary>llama.cpp's <c>use_more_bits</c>: the first and last eighth of the layers, and every third between.</summary>
        public GgmlType ValueAndDown(int layer, int layers) =>
            layer < layers / 8 || layer >= 7 * layers / 8 || (layer - layers / 8) % 3 == 2 ? MoreBits : Matrices;
    }
}
