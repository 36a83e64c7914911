namespace Gantry.Tensors.Kernels;

/// <summary>How rotary embeddings pair the dimensions of a head.</summary>
public enum RopeLayout
{
    /// <summary>Adjacent pairs (x[2i], x[2i+1]): Llama, Mistral (ggml's "normal" mode).</summary>
    Normal,

    /// <summary>Split halves (x[i], x[i + d/2]): GPT-NeoX, Qwen2.</summary>
    NeoX,
}
