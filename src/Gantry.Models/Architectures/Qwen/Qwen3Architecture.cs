using Gantry.Models.Architectures.Decoder;
using Gantry.Models.Gguf;
using Gantry.Tensors.Kernels;

namespace Gantry.Models.Architectures.Qwen;

/// <summary>
/// Qwen3 and Qwen3-MoE: Llama-shaped blocks without biases, with per-head RMS norms on queries and keys before
/// NeoX rotary; the MoE variant routes each token to its top-k experts, renormalised (norm_topk_prob).
/// </summary>
public sealed class Qwen3Architecture : IArchitecture
{
    public IReadOnlyList<string> Names { get; } = ["qwen3", "qwen3moe"];

    public DecoderConfig Configure(GgufMetadata m)
    {
        var c = DecoderConfig.FromMetadata(m, RopeLayout.NeoX) with { QueryKeyNorm = true };
        if (c.Architecture != "qwen3moe") return c;
        return c with
        {
            Experts = ExpertConfig.FromMetadata(m, c.Architecture, c.FeedForwardLength, normalizeTopK: true)
                ?? throw new ModelFormatException("qwen3moe file has no qwen3moe.expert_count"),
        };
    }
}
