using Gantry.Models.Architectures.Decoder;
using Gantry.Models.Gguf;
using Gantry.Tensors.Kernels;

namespace Gantry.Models.Architectures.Gemma;

/// <summary>
/// Gemma 3 (text): the Gemma block (<see cref="GemmaLayout"/>) with per-head Q/K norms instead of attention
/// soft-capping, five sliding-window layers to one global, local layers rotating with base 10000 and the global
/// ones with the file's base and scaling; a final soft-cap only if the file sets one.
/// </summary>
public sealed class Gemma3Architecture : IArchitecture
{
    public IReadOnlyList<string> Names { get; } = ["gemma3"];

    public DecoderConfig Configure(GgufMetadata m)
    {
        var c = DecoderConfig.FromMetadata(m, RopeLayout.NeoX);
        c = GemmaLayout.Apply(c, m, windowDefault: 0, patternDefault: 6, localRopeBase: 10000f, localRopeScale: 1f, layers27B: 62);
        return c with { QueryKeyNorm = true, FinalSoftCap = m.GetFloat("gemma3.final_logit_softcapping", 0f) };
    }
}
