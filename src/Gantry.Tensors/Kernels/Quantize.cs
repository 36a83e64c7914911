using Gantry.Tensors.Quantization;

namespace Gantry.Tensors.Kernels;

/// <summary>
/// Encodes one row of floats into a weight format with ggml's reference quantizers (no importance matrix), so a
/// file Gantry writes matches the one <c>llama-quantize</c> writes from the same floats.
/// </summary>
public static unsafe class Quantize
{
    /// <summary>Types <see cref="Row"/> accepts.</summary>
    public static bool IsSupported(GgmlType type) => type is GgmlType.F32 or GgmlType.F16 or GgmlType.BF16
        or GgmlType.Q8_0 or GgmlType.Q4_0 or GgmlType.Q5_0 or GgmlType.Q4_K or GgmlType.Q5_K or GgmlType.Q6_K or GgmlType.Q8_K;

    /// <param name="type">Target format.</param>
    /// <param name="src">(k) floats; k a multiple of the type's block size.</param>
    /// <param name="dst">(RowBytes(type, k)) output.</param>
    public static void Row(GgmlType type, ReadOnlySpan<float> src, Span<byte> dst)
    {
        int k = src.Length;
        if (!IsSupported(type))
        {
            throw new NotSupportedException($"Quantizing to {type} is not supported.");
        }
        RowFormat.Validate(type, dst.Length, k, nameof(dst));
        fixed (float* s = src)
        fixed (byte* d = dst)
        {
            switch (type)
            {
                case GgmlType.F32:
                    src.CopyTo(new Span<float>(d, k));
                    break;
                case GgmlType.F16:
                    for (int i = 0; i < k; i++) ((ushort*)d)[i] = Fp16.FromFloat(s[i]);
                    break;
                case GgmlType.BF16:
                    for (int i = 0; i < k; i++) ((ushort*)d)[i] = BFloat16.FromFloat(s[i]);
                    break;
                case GgmlType.Q8_0: BlockQ8_0.Quantize(s, d, k); break;
                case GgmlType.Q4_0: BlockQ4_0.Quantize(s, d, k); break;
                case GgmlType.Q5_0: BlockQ5_0.Quantize(s, d, k); break;
                case GgmlType.Q4_K: BlockQ4_K.Quantize(s, d, k); break;
                case GgmlType.Q5_K: BlockQ5_K.Quantize(s, d, k); break;
                case GgmlType.Q6_K: BlockQ6_K.Quantize(s, d, k); break;
                case GgmlType.Q8_K: BlockQ8_K.Quantize(s, d, k); break;
            }
        }
    }
}
