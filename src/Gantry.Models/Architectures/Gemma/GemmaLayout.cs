using Gantry.Models.Architectures.Decoder;
using Gantry.Models.Gguf;

namespace Gantry.Models.Architectures.Gemma;

/// <summary>What Gemma 2 and 3 share: √dim embedding scale, post-norms, GELU-tanh, NeoX rotary, interleaved sliding-window layers.</summary>
internal static class GemmaLayout
{
    /// <summary>
    /// The Gemma block on top of the common hyper-parameters. GGUF norm weights already include Gemma's "+1"
    /// (llama.cpp's converter adds it), so they are used as they are, like every other family's.
    /// </summary>
    public static DecoderConfig Apply(DecoderConfig c, GgufMetadata m, int windowDefault, int patternDefault, float localRopeBase, float localRopeScale, int layers27B)
    {
        var arch = c.Architecture;
        var window = m.Contains(arch + ".attention.sliding_window") ? (int)m.GetInteger(arch + ".attention.sliding_window") : windowDefault;
        var sliding = window > 0 ? SlidingLayers(m, arch, c.LayerCount, patternDefault) : null;
        return c with
        {
            EmbeddingScale = MathF.Sqrt(c.EmbeddingLength),
            // gemma_pytorch's query_pre_attn_scalar, as llama.cpp derives it: dim/heads for the 27B models, the head size otherwise.
            AttentionScale = c.LayerCount == layers27B ? 1f / MathF.Sqrt(c.EmbeddingLength / c.HeadCount) : 1f / MathF.Sqrt(c.HeadDim),
            Activation = FeedForwardActivation.GeluTanh,
            PostNorms = true,
            SlidingWindow = sliding is null ? 0 : window,
            SlidingLayers = sliding,
            LocalRopeFreqBase = m.GetFloat(arch + ".rope.freq_base_swa", localRopeBase),
            LocalRopeFreqScale = localRopeScale,
        };
    }

    /// <summary>
    /// Which layers slide: <c>attention.sliding_window_pattern</c> as a period n (layer i slides unless i % n == n - 1,
    /// llama.cpp's rule: Gemma 2 alternates local/global, Gemma 3 has five local layers to one global) or as a per-layer array.
    /// </summary>
    private static bool[] SlidingLayers(GgufMetadata m, string arch, int layers, int patternDefault)
    {
        var key = arch + ".attention.sliding_window_pattern";
        if (m.TryGetValue(key, out var v) && v.IsArray)
        {
            var flags = m.GetInt32Array(key);
            if (flags.Length != layers) throw new ModelFormatException($"metadata key '{key}' has {flags.Length} entries; expected one per layer ({layers})");
            return Array.ConvertAll(flags, f => f != 0);
        }
        var period = m.Contains(key) ? (int)m.GetInteger(key) : patternDefault;
        if (period < 0) throw new ModelFormatException($"metadata key '{key}' = {period} is out of range");
        var result = new bool[layers];
        for (var i = 0; i < layers; i++) result[i] = period == 0 || i % period < period - 1;
        return result;
    }
}
