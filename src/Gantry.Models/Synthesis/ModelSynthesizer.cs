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
    public static IReadOnlyList<string> TypeNames { get; } = ["f32", "f16", "bf16", "q8_0", "q4_0", "q4_k", "q4_k_m", "q6_k"];

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
        var w = new GgufWriter()
            .Set("general.architecture", arch)
            .Set("general.name", $"gantry-synthetic-{s.Name}-{typeName}-seed{seed} (random weights)")
            .Set(arch + ".context_length", (uint)s.ContextLength)
            .Set(arch + ".embedding_length", (uint)s.EmbeddingLength)
            .Set(arch + ".block_count", (uint)s.LayerCount)
            .Set(arch + ".feed_forward_length", (uint)s.FeedForwardLength)
            .Set(arch + ".rope.dimension_count", (uint)s.HeadDim)
            .Set(arch + ".rope.freq_base", s.RopeFreqBase)
            .Set(arch + ".attention.head_count", (uint)s.HeadCount)
            .Set(arch + ".attention.head_count_kv", (uint)s.HeadCountKv)
            .Set(arch + ".attention.layer_norm_rms_epsilon", 1e-5f)
            .Set("tokenizer.ggml.model", "llama")
            .Set("tokenizer.ggml.tokens", tokens)
            .Set("tokenizer.ggml.scores", scores)
            .Set("tokenizer.ggml.token_type", types)
            .Set("tokenizer.ggml.bos_token_id", (uint)SyntheticVocabulary.Bos)
            .Set("tokenizer.ggml.eos_token_id", (uint)SyntheticVocabulary.Eos)
            .Set("tokenizer.ggml.unknown_token_id", (uint)SyntheticVocabulary.Unknown)
            .Set("tokenizer.ggml.add_bos_token", true)
            .Set("tokenizer.ggml.add_eos_token", false);

        int dim = s.EmbeddingLength, ff = s.FeedForwardLength, q = s.HeadCount * s.HeadDim, kv = s.HeadCountKv * s.HeadDim;
        Matrix(w, "token_embd.weight", mix.Embedding, s.VocabSize, dim, seed, scale: 1f);
        for (var l = 0; l < s.LayerCount; l++)
        {
            var p = $"blk.{l}.";
            Norm(w, p + "attn_norm.weight", dim, seed);
            Matrix(w, p + "attn_q.weight", mix.Matrices, q, dim, seed);
            Matrix(w, p + "attn_k.weight", mix.Matrices, kv, dim, seed);
            Matrix(w, p + "attn_v.weight", mix.ValueAndDown(l, s.LayerCount), kv, dim, seed);
            if (arch == "qwen2")
            {
                Bias(w, p + "attn_q.bias", q, seed);
                Bias(w, p + "attn_k.bias", kv, seed);
                Bias(w, p + "attn_v.bias", kv, seed);
            }
            Matrix(w, p + "attn_output.weight", mix.Matrices, dim, q, seed, residualScale);
            Norm(w, p + "ffn_norm.weight", dim, seed);
            Matrix(w, p + "ffn_gate.weight", mix.Matrices, ff, dim, seed);
            Matrix(w, p + "ffn_up.weight", mix.Matrices, ff, dim, seed);
            Matrix(w, p + "ffn_down.weight", mix.ValueAndDown(l, s.LayerCount), dim, ff, seed, residualScale);
        }
        Norm(w, "output_norm.weight", dim, seed);
        if (follow is not null) FollowingModel.Output(w, mix.Output, dim, follow, EmbeddingValues(seed));
        else if (!s.TiedOutput) Matrix(w, "output.weight", mix.Output, s.VocabSize, dim, seed);
        return w;
    }

    private static TypeMix ParseType(string name) => name.ToLowerInvariant() switch
    {
        "f32" => TypeMix.All(GgmlType.F32),
        "f16" => TypeMix.All(GgmlType.F16),
        "bf16" => TypeMix.All(GgmlType.BF16),
        "q8_0" => TypeMix.All(GgmlType.Q8_0),
        "q4_0" => TypeMix.All(GgmlType.Q4_0),
        "q4_k" => TypeMix.All(GgmlType.Q4_K),
        "q6_k" => TypeMix.All(GgmlType.Q6_K),
        // llama.cpp's Q4_K_M: Q4_K everywhere except the output head and, in some layers, attn_v and ffn_down in Q6_K.
        "q4_k_m" => new TypeMix(GgmlType.Q4_K, GgmlType.Q4_K, GgmlType.Q6_K, GgmlType.Q6_K),
        _ => throw new ArgumentException($"unknown weight type '{name}' (known: {string.Join(", ", TypeNames)})"),
    };

    private static void Matrix(GgufWriter w, string name, GgmlType type, int rows, int cols, ulong seed, float scale = -1)
    {
        // Uniform(-a, a) has variance a²/3; a = √(3/cols) gives variance 1/cols, so each output has unit variance.
        var amplitude = scale > 0 ? scale : MathF.Sqrt(3f / cols);
        var rowBytes = (int)GgmlTypeInfo.RowBytes(type, cols);
        w.AddTensor(name, type, [cols, rows], bytes =>
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
