using Gantry.Models.Gguf;
using Gantry.Tensors;

namespace Gantry.Models.Architectures.Decoder;

/// <summary>Builds a <see cref="ModelInfo"/> from a file's metadata and tensor directory.</summary>
public static class ModelInfoReader
{
    public static ModelInfo Read(GgufFile file, DecoderConfig c, int vocabSize)
    {
        var counts = new SortedDictionary<GgmlType, int>();
        long parameters = 0, bytes = 0, expertParameters = 0;
        foreach (var t in file.Tensors)
        {
            counts[t.Type] = counts.GetValueOrDefault(t.Type) + 1;
            parameters += t.ElementCount;
            bytes += t.ByteSize;
            if (t.Name.EndsWith("_exps.weight", StringComparison.Ordinal)) expertParameters += t.ElementCount;
        }
        var active = c.Experts is { } e ? parameters - expertParameters + expertParameters / e.Count * e.Used : parameters;
        var name = file.Metadata.GetStringOrNull("general.name") ?? Path.GetFileNameWithoutExtension(file.Path);
        return new ModelInfo(c.Architecture, name, parameters, c.ContextLength, vocabSize, c.LayerCount, c.EmbeddingLength,
            c.HeadCount, c.HeadCountKv, c.HeadDim, counts, bytes)
        {
            ExpertCount = c.Experts?.Count ?? 0,
            ExpertUsedCount = c.Experts?.Used ?? 0,
            SlidingWindow = c.SlidingLayers is null ? 0 : c.SlidingWindow,
            SlidingLayerCount = c.SlidingLayers?.Count(x => x) ?? 0,
            AttentionSoftCap = c.AttentionSoftCap,
            FinalSoftCap = c.FinalSoftCap,
            ActiveParameterCount = active,
        };
    }
}
