using Gantry.Tensors.Kernels;

namespace Gantry.Models.Architectures.Decoder;

/// <summary>One transformer block's weights. Matrices are views into the mapped file; norms and biases are small float copies.</summary>
public sealed class DecoderLayer
{
    public required AttentionWeights Attention { get; init; }
    public required float[] FeedForwardNorm { get; init; }     // (dim)
    public FeedForwardWeights? FeedForward { get; init; }      // dense layers
    public ExpertWeights? Experts { get; init; }               // mixture-of-experts layers
    public float[]? PostFeedForwardNorm { get; init; }         // (dim) Gemma 2/3
}

/// <summary>The attention half of a block.</summary>
public sealed class AttentionWeights
{
    public required float[] Norm { get; init; }                // (dim)
    public required WeightMatrix Query { get; init; }          // (heads·headDim, dim); a row range of attn_qkv when fused
    public required WeightMatrix Key { get; init; }            // (kvHeads·headDim, dim)
    public required WeightMatrix Value { get; init; }          // (kvHeads·headDim, dim)
    public required WeightMatrix Output { get; init; }         // (dim, heads·headDim)
    public float[]? QueryBias { get; init; }                   // (heads·headDim) Qwen2
    public float[]? KeyBias { get; init; }                     // (kvHeads·headDim)
    public float[]? ValueBias { get; init; }                   // (kvHeads·headDim)
    public float[]? QueryNorm { get; init; }                   // (headDim) Qwen3, Gemma 3
    public float[]? KeyNorm { get; init; }                     // (headDim)
    public float[]? PostNorm { get; init; }                    // (dim) Gemma 2/3
}

/// <summary>A gated feed-forward: <c>Down · (act(Gate·x) ⊙ Up·x)</c>. Gate and Up may be halves of one fused tensor (Phi-3).</summary>
public readonly record struct FeedForwardWeights(
    WeightMatrix Gate,   // (ff, dim)
    WeightMatrix Up,     // (ff, dim)
    WeightMatrix Down);  // (dim, ff)

/// <summary>A mixture-of-experts feed-forward's weights; each expert is a slice of the file's stacked 3-D tensors.</summary>
public sealed class ExpertWeights
{
    public required WeightMatrix Router { get; init; }               // (experts, dim) ffn_gate_inp
    public required FeedForwardWeights[] Experts { get; init; }      // (experts) views into ffn_{gate,up,down}_exps
    public FeedForwardWeights? Shared { get; init; }                 // Qwen2-MoE's always-on expert
    public WeightMatrix? SharedGate { get; init; }                   // (1, dim) its sigmoid gate, ffn_gate_inp_shexp
}
