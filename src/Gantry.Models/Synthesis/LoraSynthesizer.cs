using Gantry.Models.Gguf;
using Gantry.Models.Lora;
using Gantry.Tensors;
using Gantry.Tensors.Kernels;

namespace Gantry.Models.Synthesis;

/// <summary>
/// Writes GGUF LoRA adapters in llama.cpp's <c>convert_lora_to_gguf</c> layout with deterministic random values, for a
/// base written by <see cref="ModelSynthesizer"/> at the same <see cref="ModelShape"/>: every adaptable matrix of every
/// layer gets <c>lora_a</c> [in, rank] and <c>lora_b</c> [rank, out]. A has variance 1/in and B variance
/// <c>strength²/rank</c>, so at alpha = rank the delta's output is about <paramref name="strength"/> times the base's:
/// enough to change greedy tokens, not enough to wreck the model.
/// </summary>
public static class LoraSynthesizer
{
    public static GgufWriter Build(ModelShape shape, int rank, ulong seed, float alpha = -1, string typeName = "f32", float strength = 0.25f)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rank, 1);
        var type = typeName.ToLowerInvariant() switch
        {
            "f32" => GgmlType.F32,
            "f16" => GgmlType.F16,
            _ => throw new ArgumentException($"unknown adapter weight type '{typeName}' (known: f32, f16)"),
        };
        var w = new GgufWriter()
            .Set("general.architecture", shape.Architecture)
            .Set("general.type", "adapter")
            .Set("general.name", $"gantry-synthetic-lora-{shape.Name}-r{rank}-seed{seed} (random weights)")
            .Set("adapter.type", "lora")
            .Set("adapter.lora.alpha", alpha < 0 ? rank : alpha);
        var targets = Targets(shape);
        for (var l = 0; l < shape.LayerCount; l++)
        {
            foreach (var target in targets)
            {
                var (inputs, outputs) = Dimensions(shape, target);
                var name = $"blk.{l}.{LoraTargets.TensorName(target)}.weight";
                Matrix(w, name + ".lora_a", type, [inputs, rank], MathF.Sqrt(3f / inputs), seed);
                Matrix(w, name + ".lora_b", type, [rank, outputs], strength * MathF.Sqrt(3f / rank), seed);
            }
        }
        return w;
    }

    /// <summary>The matrices Gantry can adapt in this shape: all seven of a dense layer, the attention four of a MoE layer.</summary>
    public static IReadOnlyList<LoraTarget> Targets(ModelShape shape)
    {
        if (shape.Architecture == "phi3") return [LoraTarget.Output, LoraTarget.Down];
        if (shape.ExpertCount > 0) return [LoraTarget.Query, LoraTarget.Key, LoraTarget.Value, LoraTarget.Output];
        return Enum.GetValues<LoraTarget>();
    }

    /// <summary>(in, out) of a target matrix in this shape.</summary>
    public static (int In, int Out) Dimensions(ModelShape s, LoraTarget target)
    {
        int dim = s.EmbeddingLength, q = s.HeadCount * s.HeadDim, kv = s.HeadCountKv * s.HeadDim, ff = s.FeedForwardLength;
        return target switch
        {
            LoraTarget.Query => (dim, q),
            LoraTarget.Key or LoraTarget.Value => (dim, kv),
            LoraTarget.Output => (q, dim),
            LoraTarget.Gate or LoraTarget.Up => (dim, ff),
            _ => (ff, dim),
        };
    }

    private static void Matrix(GgufWriter w, string name, GgmlType type, long[] shape, float amplitude, ulong seed)
    {
        var cols = (int)shape[0];
        var rows = (int)shape[1];
        var rowBytes = (int)GgmlTypeInfo.RowBytes(type, cols);
        w.AddTensor(name, type, shape, bytes =>
        {
            var rng = new SplitMix64(seed ^ StableHash(name));
            var row = new float[cols];
            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < cols; c++) row[c] = amplitude * (2 * rng.NextFloat() - 1);
                Quantize.Row(type, row, bytes.Slice(r * rowBytes, rowBytes));
            }
        });
    }

    /// <summary>FNV-1a over the tensor name, salted so an adapter's streams differ from the base's of the same seed.</summary>
    private static ulong StableHash(string s)
    {
        var h = 14695981039346656037UL ^ 0x10AAUL;
        foreach (var ch in s)
        {
            h ^= ch;
            h *= 1099511628211UL;
        }
        return h;
    }
}
