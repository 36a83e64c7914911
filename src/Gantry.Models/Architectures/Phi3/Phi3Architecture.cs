using Gantry.Models.Architectures.Decoder;
using Gantry.Models.Gguf;
using Gantry.Tensors.Kernels;

namespace Gantry.Models.Architectures.Phi3;

/// <summary>
/// Phi-3, Phi-3.5 and Phi-4 (all <c>phi3</c> in GGUF): Llama-shaped blocks with a fused QKV projection and a fused
/// gate+up projection (gate first), NeoX rotary over <c>rope.dimension_count</c> dimensions (partial on Phi-4-mini).
/// llama.cpp disables Phi's sliding window (its converters do not describe it correctly), so Gantry does too.
/// Files with LongRoPE factor tensors (the 128k-context variants) are refused by name until those are supported.
/// </summary>
public sealed class Phi3Architecture : IArchitecture
{
    public IReadOnlyList<string> Names { get; } = ["phi3"];

    public DecoderConfig Configure(GgufMetadata m) => DecoderConfig.FromMetadata(m, RopeLayout.NeoX);
}
