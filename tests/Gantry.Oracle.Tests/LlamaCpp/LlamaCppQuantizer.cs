using LLama;
using LLama.Native;

namespace Gantry.Oracle.Tests.LlamaCpp;

/// <summary>llama.cpp's own quantizer (through LLamaSharp): GGUF files quantized the way users download them.</summary>
public static class LlamaCppQuantizer
{
    /// <summary>Writes <paramref name="source"/> quantized to <paramref name="type"/> (e.g. "q4_k_m") at <paramref name="destination"/>.</summary>
    public static void Quantize(string source, string destination, string type)
    {
        // LLamaQuantizer calls straight into the native library; the first NativeApi call is what loads it.
        NativeApi.llama_empty_call();
        if (!LLamaQuantizer.Quantize(source, destination, type, nthread: 2))
            throw new InvalidOperationException($"llama.cpp could not quantize {source} to {type}");
    }
}
