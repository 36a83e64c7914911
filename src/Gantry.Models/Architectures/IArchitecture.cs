using Gantry.Models.Architectures.Decoder;
using Gantry.Models.Gguf;

namespace Gantry.Models.Architectures;

/// <summary>
/// One model family: the <c>general.architecture</c> names it serves and how it turns a file's metadata into a
/// <see cref="DecoderConfig"/> (which shared blocks and variants it uses). Tensor names are llama.cpp's for all.
/// </summary>
public interface IArchitecture
{
    IReadOnlyList<string> Names { get; }

    DecoderConfig Configure(GgufMetadata metadata);
}
