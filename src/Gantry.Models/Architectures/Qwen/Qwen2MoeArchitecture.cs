using Gantry.Models.Architectures.Decoder;
using Gantry.Models.Gguf;
using Gantry.Tensors.Kernels;

namespace Gantry.Models.Architectures.Qwen;

/// <summary>
/// Qwen2-MoE (Qwen1.5-MoE, Qwen2-57B-A14B): Qwen2 attention (q/k/v biases, NeoX rotary) and a mixture of experts whose
/// top-k softmax probabilities are used as they are (not renormalised), plus a shared expert every token runs,
/// scaled by a sigmoid gate.
/// </summary>
public sealed class Qwen2MoeArchitecture : IArchitecture
{
    public IReadOnlyList<string> Names { get; } = ["qwen2moe"];

    public DecoderConfig Configure(GgufMetadata m)
    {
        var c = DecoderConfig.FromMetadata(m, RopeLayout.NeoX);
        // llama.cpp: expert width defaults to feed_forward_length / expert_used_count, the shared one to feed_forward_length.
        var used = (int)m.GetInteger("qwen2moe.expert_used_count", 1);
        return c with
        {
            Experts = ExpertConfig.FromMetadata(m, c.Architecture, c.FeedForwardLength / Math.Max(used, 1), normalizeTopK: false, sharedDefault: c.FeedForwardLength)
                ?? throw new ModelFormatException("qwen2moe file has no qwen2moe.expert_count"),
        };
    }
}
