using System.Numerics.Tensors;

namespace Gantry.Models.Lora.Loading;

/// <summary>The steps every adapter format shares once a delta's floats are in memory: the finiteness check and B's transpose.</summary>
internal static class LoraDeltas
{
    /// <summary>Refuses NaN, ±∞ and values whose sum overflows (only values near float.MaxValue do), naming the tensor.</summary>
    public static void CheckFinite(ReadOnlySpan<float> values, string tensorName)
    {
        if (!float.IsFinite(TensorPrimitives.Sum(values)))
            throw new LoraAdapterException(LoraAdapterError.Invalid, $"LoRA tensor '{tensorName}' holds a non-finite or out-of-range value");
    }

    /// <summary>(rank, out) from B as every format stores it, (out, rank) row-major: the layout the forward pass axpys over.</summary>
    public static unsafe float[] Transpose(ReadOnlySpan<float> b, int rank, int outputs)
    {
        if (b.Length != rank * outputs) throw new ArgumentException($"B needs {outputs}×{rank} values", nameof(b));
        var bTransposed = GC.AllocateUninitializedArray<float>(rank * outputs);
        // Column by column of the output: each pass reads B with stride rank (rows of a rank-16 B are one cache line,
        // so a pass touches lines the previous pass loaded) and writes one contiguous row; no bounds checks.
        fixed (float* src = b)
        fixed (float* dst = bTransposed)
        {
            for (var j = 0; j < rank; j++)
            {
                var d = dst + (long)j * outputs;
                var s = src + j;
                for (var o = 0; o < outputs; o++) d[o] = s[(long)o * rank];
            }
        }
        return bTransposed;
    }
}
