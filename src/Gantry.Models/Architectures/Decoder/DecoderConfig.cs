using Gantry.Models.Gguf;
using Gantry.Models.Sharding;
using Gantry.Tensors.Kernels;

namespace Gantry.Models.Architectures.Decoder;

/// <summary>
/// Hyper-parameters of a decoder-only transformer, read from GGUF metadata under the architecture's prefix
/// (<see cref="FromMetadata"/>), then adjusted by each architecture (<see cref="IArchitecture.Configure"/>) for the
/// variants it uses: Q/K norms, soft-caps, sliding windows, post-norms, GELU, experts.
/// </summary>
public sealed record DecoderConfig(
    string Architecture,
    int EmbeddingLength,
    int LayerCount,
    int FeedForwardLength,
    int HeadCount,
    int HeadCountKv,
    int HeadDim,
    int RopeDimensions,
    float RopeFreqBase,
    float RopeFreqScale,
    RopeLayout RopeLayout,
    float RmsEpsilon,
    int ContextLength)
{
    public int QueryDim => HeadCount * HeadDim;

    public int KvDim => HeadCountKv * HeadDim;

    /// <summary>Multiplies the token embeddings (Gemma: √dim).</summary>
    public float EmbeddingScale { get; init; } = 1f;

    /// <summary>Multiplies each query before Q·K (1/√headDim unless the family says otherwise).</summary>
    public float AttentionScale { get; init; } = 1f / MathF.Sqrt(HeadDim);

    /// <summary>Scores become <c>cap·tanh(score/cap)</c> before the softmax; 0 = off (Gemma 2: 50).</summary>
    public float AttentionSoftCap { get; init; }

    /// <summary>Logits become <c>cap·tanh(logit/cap)</c>; 0 = off (Gemma 2: 30).</summary>
    public float FinalSoftCap { get; init; }

    /// <summary>Tokens a sliding-window layer sees, itself included; 0 = no sliding window.</summary>
    public int SlidingWindow { get; init; }

    /// <summary>(LayerCount) which layers use the sliding window; null when none does.</summary>
    public bool[]? SlidingLayers { get; init; }

    /// <summary>RoPE base and scale of the sliding-window layers (Gemma 3: 10000 and 1, whatever the global layers use).</summary>
    public float LocalRopeFreqBase { get; init; } = RopeFreqBase;

    public float LocalRopeFreqScale { get; init; } = RopeFreqScale;

    public FeedForwardActivation Activation { get; init; } = FeedForwardActivation.Silu;

    /// <summary>Per-head RMS norms of queries and keys before RoPE (Qwen3, Gemma 3).</summary>
    public bool QueryKeyNorm { get; init; }

    /// <summary>RMS norms after attention and after the feed-forward, before each residual add (Gemma 2/3).</summary>
    public bool PostNorms { get; init; }

    /// <summary>The head reuses the embedding even if the file has an <c>output.weight</c> (Gemma 2/3).</summary>
    public bool AlwaysTiedOutput { get; init; }

    /// <summary>Mixture-of-experts feed-forward in every layer; null for a dense model.</summary>
    public ExpertConfig? Experts { get; init; }

    public bool IsSliding(int layer) => SlidingLayers is { } s && s[layer];

    /// <summary>
    /// This model as one tensor-parallel shard computes it: its share of the heads, KV heads (so grouped-query groups
    /// stay whole: query head h reads KV head h ÷ (heads ÷ kvHeads) on the same shard) and feed-forward columns.
    /// </summary>
    public DecoderConfig ForShard(TensorSlice shard)
    {
        if (shard.IsWhole) return this;
        if (Experts is not null) throw new TensorSplitException($"{Architecture}: mixture-of-experts models cannot be split by tensor parallelism yet");
        var heads = shard.Even(HeadCount, "attention heads").Count;
        var kvHeads = shard.Even(HeadCountKv, "KV heads").Count;
        var ff = shard.Even(FeedForwardLength, "feed-forward columns").Count;
        return this with { HeadCount = heads, HeadCountKv = kvHeads, FeedForwardLength = ff };
    }

    /// <summary>The hyper-parameters every family shares, read under <c>general.architecture</c>'s prefix.</summary>
    public static DecoderConfig FromMetadata(GgufMetadata m, RopeLayout layout)
    {
        var arch = m.GetString("general.architecture");
        var embedding = Positive(m, arch + ".embedding_length");
        var heads = Positive(m, arch + ".attention.head_count");
        var headsKv = m.Contains(arch + ".attention.head_count_kv") ? Positive(m, arch + ".attention.head_count_kv") : heads;
        if (heads % headsKv != 0) throw new ModelFormatException($"{arch}.attention.head_count ({heads}) is not a multiple of head_count_kv ({headsKv})");
        var headDim = m.Contains(arch + ".attention.key_length") ? Positive(m, arch + ".attention.key_length") : embedding / heads;
        if (headDim * heads != embedding && !m.Contains(arch + ".attention.key_length"))
            throw new ModelFormatException($"{arch}.embedding_length ({embedding}) is not divisible by head_count ({heads})");
        if (m.Contains(arch + ".attention.value_length") && Positive(m, arch + ".attention.value_length") != headDim)
            throw new ModelFormatException($"{arch}.attention.value_length differs from key_length ({headDim}); Gantry needs them equal");
        var ropeDims = m.Contains(arch + ".rope.dimension_count") ? Positive(m, arch + ".rope.dimension_count") : headDim;
        if (ropeDims > headDim || ropeDims % 2 != 0) throw new ModelFormatException($"{arch}.rope.dimension_count ({ropeDims}) must be even and at most the head size {headDim}");
        var scaling = m.GetStringOrNull(arch + ".rope.scaling.type") ?? "none";
        var freqScale = 1f;
        if (scaling == "linear")
        {
            var factor = m.GetFloat(arch + ".rope.scaling.factor", 1f);
            if (!(factor > 0)) throw new ModelFormatException($"{arch}.rope.scaling.factor must be positive (got {factor})");
            freqScale = 1f / factor;
        }
        else if (scaling != "none")
        {
            throw new ModelFormatException($"{arch}.rope.scaling.type '{scaling}' is not supported (none and linear are)");
        }
        return new DecoderConfig(
            arch,
            embedding,
            Positive(m, arch + ".block_count"),
            Positive(m, arch + ".feed_forward_length"),
            heads,
            headsKv,
            headDim,
            ropeDims,
            m.GetFloat(arch + ".rope.freq_base", 10000f),
            freqScale,
            layout,
            m.GetFloat(arch + ".attention.layer_norm_rms_epsilon", 1e-5f),
            Positive(m, arch + ".context_length"));
    }

    /// <summary>A positive integer key that fits the sizes Gantry allocates; a clear error naming the key otherwise.</summary>
    public static int Positive(GgufMetadata m, string key)
    {
        var v = m.GetInteger(key);
        if (v <= 0 || v > 1 << 24) throw new ModelFormatException($"metadata key '{key}' = {v} is out of range");
        return (int)v;
    }
}

/// <summary>The gated feed-forward's activation on the gate projection.</summary>
public enum FeedForwardActivation
{
    /// <summary>silu(gate) ⊙ up (Llama, Qwen, Phi, Mixtral).</summary>
    Silu,

    /// <summary>gelu_tanh(gate) ⊙ up (Gemma).</summary>
    GeluTanh,
}

/// <summary>
/// A mixture-of-experts feed-forward: a router scores <see cref="Count"/> experts per token and the top
/// <see cref="Used"/> run, weighted by their softmax probabilities (renormalised over the chosen ones when
/// <see cref="NormalizeTopK"/>); an optional shared expert runs for every token, scaled by a sigmoid gate.
/// </summary>
public sealed record ExpertConfig(int Count, int Used, int FeedForwardLength, bool NormalizeTopK, int SharedFeedForwardLength = 0)
{
    /// <summary>Reads <c>expert_count</c>/<c>expert_used_count</c>; null when the file has no experts.</summary>
    /// <param name="sharedDefault">The shared expert's width when the file does not say; 0 = the family has no shared expert.</param>
    public static ExpertConfig? FromMetadata(GgufMetadata m, string arch, int defaultFeedForward, bool normalizeTopK, int sharedDefault = 0)
    {
        var count = m.GetInteger(arch + ".expert_count", 0);
        if (count == 0) return null;
        var experts = DecoderConfig.Positive(m, arch + ".expert_count");
        var used = DecoderConfig.Positive(m, arch + ".expert_used_count");
        if (used > experts) throw new ModelFormatException($"{arch}.expert_used_count ({used}) exceeds expert_count ({experts})");
        var ff = m.Contains(arch + ".expert_feed_forward_length") ? DecoderConfig.Positive(m, arch + ".expert_feed_forward_length") : defaultFeedForward;
        var shared = sharedDefault == 0 ? 0
            : m.Contains(arch + ".expert_shared_feed_forward_length") ? DecoderConfig.Positive(m, arch + ".expert_shared_feed_forward_length") : sharedDefault;
        return new ExpertConfig(experts, used, ff, normalizeTopK, shared);
    }
}
