using Gantry.Models.Attention;
using Gantry.Tensors;

namespace Gantry.Models;

/// <summary>What a user wants to know about a loaded model (for <c>gantry info</c>, <c>/v1/models</c> and sizing).</summary>
public sealed record ModelInfo(
    string Architecture,
    string Name,
    long ParameterCount,
    int ContextLength,
    int VocabSize,
    int LayerCount,
    int EmbeddingLength,
    int HeadCount,
    int HeadCountKv,
    int HeadDim,
    IReadOnlyDictionary<GgmlType, int> TensorTypeCounts,
    long WeightBytes)
{
    /// <summary>Experts per mixture-of-experts layer and how many each token uses; 0 for a dense model.</summary>
    public int ExpertCount { get; init; }

    public int ExpertUsedCount { get; init; }

    /// <summary>Tokens a sliding-window layer attends to, and how many layers slide; 0 when none do.</summary>
    public int SlidingWindow { get; init; }

    public int SlidingLayerCount { get; init; }

    /// <summary>tanh soft-caps on attention scores and on the final logits; 0 = off.</summary>
    public float AttentionSoftCap { get; init; }

    public float FinalSoftCap { get; init; }

    /// <summary>Parameters one token runs through: all of them for a dense model, the routed experts' share for a MoE.</summary>
    public long ActiveParameterCount { get; init; }

    /// <summary>Floats of keys (or values) cached per token per layer.</summary>
    public int KvDim => HeadCountKv * HeadDim;

    /// <summary>Bytes a paged KV cache of <paramref name="blockCount"/> blocks takes for this model.</summary>
    public long KvCacheBytes(int blockSize, int blockCount, KvCacheType type) =>
        KvCacheStorage.BytesFor(LayerCount, KvDim, HeadDim, blockSize, blockCount, type);
}
