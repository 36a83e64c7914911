using Gantry.Models.Gguf;
using Gantry.Tensors;

namespace Gantry.Models.Runtime;

/// <summary>Builds a <see cref="ModelInfo"/> from a file's metadata and tensor directory.</summary>
public static class ModelInfoReader
{
    public static ModelInfo Read(GgufFile file, string architecture, int contextLength, int vocabSize, int layers, int embedding, int heads, int headsKv, int headDim)
    {
        var counts = new SortedDictionary<GgmlType, int>();
        long parameters = 0, bytes = 0;
        foreach (var t in file.Tensors)
        {
            counts[t.Type] = counts.GetValueOrDefault(t.Type) + 1;
            parameters += t.ElementCount;
            bytes += t.ByteSize;
        }
        var name = file.Metadata.GetStringOrNull("general.name") ?? Path.GetFileNameWithoutExtension(file.Path);
        return new ModelInfo(architecture, name, parameters, contextLength, vocabSize, layers, embedding, heads, headsKv, headDim, counts, bytes);
    }
}
