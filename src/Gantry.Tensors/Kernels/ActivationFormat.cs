using Gantry.Tensors.Quantization;

namespace Gantry.Tensors.Kernels;

/// <summary>
/// What a weight type's dot product wants its activations in, as ggml's <c>vec_dot_type</c>: Q8_0 for the
/// 32-blocks (with a trailer, see <see cref="Q8ActivationRow"/>), Q8_K for k-quants, half/bf16-rounded floats for F16/BF16, plain floats for F32.
/// </summary>
internal static unsafe class ActivationFormat
{
    /// <summary>Bytes one activation row of <paramref name="cols"/> values takes in the converted format.</summary>
    public static int RowBytes(GgmlType weightType, int cols) => weightType switch
    {
        GgmlType.Q8_0 or GgmlType.Q4_0 or GgmlType.Q5_0 => Q8ActivationRow.RowBytes(cols),
        GgmlType.Q4_K or GgmlType.Q5_K or GgmlType.Q6_K => cols / 256 * BlockQ8_K.BlockBytes,
        _ => cols * sizeof(float),
    };

    /// <summary>True when the two weight types take their activations in the same format (one conversion serves both).</summary>
    public static bool SameFormat(GgmlType a, GgmlType b) => Format(a) == Format(b);

    private static int Format(GgmlType weightType) => weightType switch
    {
        GgmlType.Q8_0 or GgmlType.Q4_0 or GgmlType.Q5_0 => 0,
        GgmlType.Q4_K or GgmlType.Q5_K or GgmlType.Q6_K => 1,
        GgmlType.F16 => 2,
        GgmlType.BF16 => 3,
        _ => 4,
    };

    /// <summary>True when the kernel reads the caller's floats directly.</summary>
    public static bool IsIdentity(GgmlType weightType) => weightType == GgmlType.F32;

    /// <param name="x">(cols) floats.</param>
    /// <param name="dst">(RowBytes) converted row.</param>
    public static void Convert(GgmlType weightType, float* x, byte* dst, int cols)
    {
        switch (weightType)
        {
            case GgmlType.Q8_0 or GgmlType.Q4_0 or GgmlType.Q5_0:
                ActivationQuantizer.Q8_0(x, dst, cols);
                Q8ActivationRow.WriteTrailer(dst, cols);
                break;
            case GgmlType.Q4_K or GgmlType.Q5_K or GgmlType.Q6_K:
                ActivationQuantizer.Q8_K(x, dst, cols);
                break;
            case GgmlType.F16:
                for (int i = 0; i < cols; i++) ((float*)dst)[i] = (float)(Half)x[i];
                break;
            case GgmlType.BF16:
                for (int i = 0; i < cols; i++) ((float*)dst)[i] = BFloat16.ToFloat(BFloat16.FromFloat(x[i]));
                break;
            default:
                new ReadOnlySpan<float>(x, cols).CopyTo(new Span<float>(dst, cols));
                break;
        }
    }
}
