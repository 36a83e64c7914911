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
    public static float[] Transpose(ReadOnlySpan<float> b, int rank, int outputs)
    {
        var bTransposed = GC.AllocateUninitializedArray<float>(rank * outputs);
        for (var o = 0; o < outputs; o++)
        {
            var row = b.Slice(o * rank, rank);
            for (var j = 0; j < rank; j++) bTransposed[j * outputs + o] = row[j];
        }
        return bTransposed;
    }
}
