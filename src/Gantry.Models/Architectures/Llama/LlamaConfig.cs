using Gantry.Models.Gguf;
using Gantry.Tensors.Kernels;

namespace Gantry.Models.Architectures.Llama;

/// <summary>Hyper-parameters of a Llama-family model, read from GGUF metadata under the architecture's prefix.</summary>
public sealed record LlamaConfig(
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

    public static LlamaConfig FromMetadata(GgufMetadata m)
    {
        var arch = m.GetString("general.architecture");
        var embedding = Positive(m, arch + ".embedding_length");
        var heads = Positive(m, arch + ".attention.head_count");
        var headsKv = m.Contains(arch + ".attention.head_count_kv") ? Positive(m, arch + ".attention.head_count_kv") : heads;
        if (heads % headsKv != 0) throw new ModelFormatException($"{arch}.attention.head_count ({heads}) is not a multiple of head_count_kv ({headsKv})");
        var headDim = m.Contains(arch + ".attention.key_length") ? Positive(m, arch + ".attention.key_length") : embedding / heads;
        if (headDim * heads != embedding && !m.Contains(arch + ".attention.key_length"))
            throw new ModelFormatException($"{arch}.embedding_length ({embedding}) is not divisible by head_count ({heads})");
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
        return new LlamaConfig(
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
            // llama.cpp rotates Qwen2 heads in NeoX (split-halves) order, Llama and Mistral in adjacent pairs.
            arch == "qwen2" ? RopeLayout.NeoX : RopeLayout.Normal,
            m.GetFloat(arch + ".attention.layer_norm_rms_epsilon", 1e-5f),
            Positive(m, arch + ".context_length"));
    }

    private static int Positive(GgufMetadata m, string key)
    {
        var v = m.GetInteger(key);
        if (v <= 0 || v > 1 << 24) throw new ModelFormatException($"metadata key '{key}' = {v} is out of range");
        return (int)v;
    }
}
