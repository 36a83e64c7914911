using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Gantry.Tensors.Quantization;

/// <summary>
/// Q8_K, the activation format of the k-quant dot products: per 256 values a float d, 256 int8 q and 16 int16
/// sums of each 16 consecutive q (bsums, which let a kernel apply per-group offsets without touching q again).
/// </summary>
public static unsafe class BlockQ8_K
{
    public const int BlockSize = 256;
    public const int BlockBytes = 292;
    public const int QsOffset = 4;
    public const int BsumsOffset = 260;

    /// <summary>
    /// ggml's <c>quantize_row_q8_K_ref</c>: iscale = -127/max (max = signed value of largest magnitude), so q lies
    /// in [-127, 127] and never hits -128, which the sign trick of the SIMD kernels relies on.
    /// </summary>
    /// <param name="x">(k) floats.</param>
    /// <param name="y">(k/256 blocks) output.</param>
    public static void Quantize(float* x, byte* y, int k)
    {
        Debug.Assert(k % BlockSize == 0);
        for (int b = 0; b < k / BlockSize; b++, x += BlockSize, y += BlockBytes)
        {
            float max = 0;
            float amax = 0;
            for (int j = 0; j < BlockSize; j++)
            {
                float ax = MathF.Abs(x[j]);
                if (ax > amax)
                {
                    amax = ax;
                    max = x[j];
                }
            }
            sbyte* q = (sbyte*)(y + QsOffset);
            short* bsums = (short*)(y + BsumsOffset);
            if (amax == 0)
            {
                Unsafe.WriteUnaligned(y, 0f);
                new Span<byte>(y + QsOffset, BlockBytes - QsOffset).Clear();
                continue;
            }
            float iscale = -127f / max;
            for (int j = 0; j < BlockSize; j++)
            {
                q[j] = (sbyte)Math.Min(127, KQuantSearch.NearestInt(iscale * x[j]));
            }
            for (int g = 0; g < BlockSize / 16; g++)
            {
                int sum = 0;
                for (int j = 0; j < 16; j++)
                {
                    sum += q[g * 16 + j];
                }
                bsums[g] = (short)sum;
            }
            Unsafe.WriteUnaligned(y, 1 / iscale);
        }
    }

    /// <param name="x">(k/256 blocks).</param>
    /// <param name="y">(k) floats.</param>
    public static void Dequantize(byte* x, float* y, int k)
    {
        for (int b = 0; b < k / BlockSize; b++, x += BlockBytes, y += BlockSize)
        {
            float d = Unsafe.ReadUnaligned<float>(x);
            sbyte* q = (sbyte*)(x + QsOffset);
            for (int j = 0; j < BlockSize; j++)
            {
                y[j] = d * q[j];
            }
        }
    }
}
