using Gantry.Tensors;

namespace Gantry.Models.Runtime;

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
    /// <summary>Floats of keys (or values) cached per token per layer.</summary>
    public int KvDim => HeadCountKv * HeadDim;
}
