using Gantry.Tensors.Kernels;

namespace Gantry.Models.Architectures.Llama;

/// <summary>One transformer block's weights. Matrices are views into the mapped file; norms and biases are small float copies.</summary>
public sealed class LlamaLayer
{
    public required float[] AttentionNorm { get; init; }   // (dim)
    public required WeightMatrix Query { get; init; }      // (heads·headDim, dim)
    public required WeightMatrix Key { get; init; }        // (kvHeads·headDim, dim)
    public required WeightMatrix Value { get; init; }      // (kvHeads·headDim, dim)
    public required WeightMatrix Output { get; init; }     // (dim, heads·headDim)
    public float[]? QueryBias { get; init; }               // (heads·headDim) Qwen2 only
    public float[]? KeyBias { get; init; }                 // (kvHeads·headDim) Qwen2 only
    public float[]? ValueBias { get; init; }               // (kvHeads·headDim) Qwen2 only
    public required float[] FeedForwardNorm { get; init; } // (dim)
    public required WeightMatrix Gate { get; init; }       // (ff, dim)
    public required WeightMatrix Up { get; init; }         // (ff, dim)
    public required WeightMatrix Down { get; init; }       // (dim, ff)
}
