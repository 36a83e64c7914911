using Gantry.Models.Architectures.Decoder;
using Gantry.Models.Gguf;
using Gantry.Tensors.Kernels;

namespace Gantry.Models.Architectures.Gemma;

/// <summary>
/// Gemma 2: the Gemma block (<see cref="GemmaLayout"/>) with tanh soft-capping of attention scores (50) and of the
/// final logits (30), a 4096-token window on every other layer (local first), and a head tied to the embedding.
/// </summary>
public sealed class Gemma2Architecture : IArchitecture
{
    public IReadOnlyList<string> Names { get; } = ["gemma2"];

    public DecoderConfig Configure(GgufMetadata m)
    {
        var c = DecoderConfig.FromMetadata(m, RopeLayout.NeoX);
        c = GemmaLayout.Apply(c, m, windowDefault: 4096, patternDefault: 2, localRopeBase: c.RopeFreqBase, localRopeScale: c.RopeFreqScale, layers27B: 46);
        return c with
        {
            AttentionSoftCap = m.GetFloat("gemma2.attn_logit_softcapping", 50f),
            FinalSoftCap = m.GetFloat("gemma2.final_logit_softcapping", 30f),
            AlwaysTiedOutput = true,
        };
    }
}
