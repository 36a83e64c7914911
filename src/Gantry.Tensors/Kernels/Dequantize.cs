using Gantry.Tensors.Quantization;

namespace Gantry.Tensors.Kernels;

/// <summary>Expands one row of a weight format to floats, exactly as ggml's <c>dequantize_row_*</c>/<c>to_float</c>.</summary>
public static unsafe class Dequantize
{
    /// <summary>Types <see cref="Row"/> accepts.</summary>
    public static bool IsSupported(GgmlType type) => type is GgmlType.F32 or GgmlType.F16 or GgmlType.BF16
        or GgmlType.Q8_0 or GgmlType.Q4_0 or GgmlType.Q5_0 or GgmlType.Q4_K or GgmlType.Q5_K or GgmlType.Q6_K or GgmlType.Q8_K;

    /// <param name="type">Format of <paramref name="src"/>.</param>
    /// <param name="src">(RowBytes(type, dst.Length)) encoded row.</param>
    /// <param name="dst">(k) output; k a multiple of the type's block size.</param>
    public static void Row(GgmlType type, ReadOnlySpan<byte> src, Span<float> dst)
    {
        int k = dst.Length;
        RowFormat.Validate(type, src.Length, k, nameof(src));
        fixed (byte* s = src)
        fixed (float* d = dst)
        {
            switch (type)
            {
                case GgmlType.F32:
                    new ReadOnlySpan<float>(s, k).CopyTo(dst);
                    break;
                case GgmlType.F16:
                    for (int i = 0; i < k; i++) d[i] = Fp16.ToFloat(((ushort*)s)[i]);
                    break;
                case GgmlType.BF16:
                    for (int i = 0; i < k; i++) d[i] = BFloat16.ToFloat(((ushort*)s)[i]);
                    break;
                case GgmlType.Q8_0: BlockQ8_0.Dequantize(s, d, k); break;
                case GgmlType.Q4_0: BlockQ4_0.Dequantize(s, d, k); break;
                case GgmlType.Q5_0: BlockQ5_0.Dequantize(s, d, k); break;
                case GgmlType.Q4_K: BlockQ4_K.Dequantize(s, d, k); break;
                case GgmlType.Q5_K: BlockQ5_K.Dequantize(s, d, k); break;
                case GgmlType.Q6_K: BlockQ6_K.Dequantize(s, d, k); break;
                case GgmlType.Q8_K: BlockQ8_K.Dequantize(s, d, k); break;
            }
        }
    }
}
