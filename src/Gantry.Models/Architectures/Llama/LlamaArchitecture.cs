using Gantry.Models.Architectures.Decoder;
using Gantry.Models.Gguf;
using Gantry.Tensors.Kernels;

namespace Gantry.Models.Architectures.Llama;

/// <summary>
/// Llama 2/3, TinyLlama, Mistral, Qwen2, and Mixtral (a <c>llama</c> file with <c>llama.expert_count</c>): pre-norm
/// grouped-query attention with rotary positions and a SwiGLU feed-forward, or Mixtral's experts (softmax, top-k,
/// renormalised over the chosen ones).
/// </summary>
public sealed class LlamaArchitecture : IArchitecture
{
    public IReadOnlyList<string> Names { get; } = ["llama", "mistral", "qwen2"];

    public DecoderConfig Configure(GgufMetadata m)
    {
        // llama.cpp rotates Qwen2 heads in NeoX (split-halves) order, Llama and Mistral in adjacent pairs.
        var c = DecoderConfig.FromMetadata(m, m.GetString("general.architecture") == "qwen2" ? RopeLayout.NeoX : RopeLayout.Normal);
        return c with { Experts = ExpertConfig.FromMetadata(m, c.Architecture, c.FeedForwardLength, normalizeTopK: true) };
    }
}
