using System.Runtime.InteropServices;
using Gantry.Models.Gguf;
using Gantry.Models.Lora;
using Gantry.Models.Synthesis;
using Gantry.Tensors;

namespace Gantry.Models.Tests.Lora;

/// <summary>Synthetic F32 bases and adapters, and the base with an adapter merged into its weights (W + scale·B·A).</summary>
internal static class LoraTestModels
{
    public static readonly ModelShape Shape = ModelShape.Tiny;

    public static void WriteBase(string path, ulong seed = 1, string type = "f32") => ModelSynthesizer.Write(Shape, type, seed, path);

    public static void WriteAdapter(string path, ulong seed, int rank = 8, float alpha = -1, float strength = 0.25f) =>
        LoraSynthesizer.Build(Shape, rank, seed, alpha, strength: strength).WriteTo(path);

    /// <summary>Writes to <paramref name="mergedPath"/> the F32 base with every delta of the adapter folded in at <paramref name="userScale"/>.</summary>
    public static void WriteMerged(string basePath, string adapterPath, string mergedPath, float userScale = 1f, ulong seed = 1)
    {
        var writer = ModelSynthesizer.Build(Shape, "f32", seed);
        using var baseFile = GgufFile.Open(basePath);
        using var adapter = GgufFile.Open(adapterPath);
        var alpha = adapter.Metadata.GetFloat("adapter.lora.alpha", 0f);
        foreach (var ta in adapter.Tensors.Where(t => t.Name.EndsWith(".lora_a")))
        {
            var name = ta.Name[..^7];
            var tb = adapter.GetTensor(name + ".lora_b");
            var tw = baseFile.GetTensor(name);
            int inputs = (int)ta.Shape[0], rank = (int)ta.Shape[1], outputs = (int)tb.Shape[1];
            var a = MemoryMarshal.Cast<byte, float>(adapter.TensorData(ta));       // (rank, in)
            var b = MemoryMarshal.Cast<byte, float>(adapter.TensorData(tb));       // (out, rank)
            var merged = MemoryMarshal.Cast<byte, float>(baseFile.TensorData(tw)).ToArray(); // (out, in)
            var scale = alpha != 0 ? userScale * alpha / rank : userScale;
            for (var o = 0; o < outputs; o++)
            {
                for (var i = 0; i < inputs; i++)
                {
                    double sum = 0;
                    for (var j = 0; j < rank; j++) sum += (double)b[o * rank + j] * a[j * inputs + i];
                    merged[o * inputs + i] += (float)(scale * sum);
                }
            }
            writer.RemoveTensor(name).AddTensor(name, GgmlType.F32, [inputs, outputs], MemoryMarshal.AsBytes(merged.AsSpan()).ToArray());
        }
        writer.WriteTo(mergedPath);
    }
}
