using System.Diagnostics;

namespace Gantry.Tensors.Quantization;

/// <summary>
/// Q6_K super-block of 256 values (210 bytes): 128 bytes ql (low 4 bits), 64 bytes qh (high 2 bits), 16 int8
/// scales (one per 16 values), fp16 d last; value = d·scale·(q - 32). Each 128-value half uses 64 ql bytes and
/// 32 qh bytes: element l of its four 32-runs sits in ql[l] low, ql[l+32] low, ql[l] high, ql[l+32] high, with
/// high bits in qh[l] bit pairs 0, 2, 4, 6.
/// </summary>
public static unsafe class BlockQ6_K
{
    public const int BlockSize = 256;
    public const int BlockBytes = 210;
    public const int QhOffset = 128;
    public const int ScalesOffset = 192;
    public const int DOffset = 208;

    /// <summary>ggml's <c>quantize_row_q6_K_ref</c> (no importance matrix).</summary>
    /// <param name="x">(k) floats, k a multiple of 256.</param>
    /// <param name="y">(k/256 super-blocks) output.</param>
    public static void Quantize(float* x, byte* y, int k)
    {
        Debug.Assert(k % BlockSize == 0);
        sbyte* levels = stackalloc sbyte[BlockSize];
        float* scales = stackalloc float[16];

        for (int b = 0; b < k / BlockSize; b++, x += BlockSize, y += BlockBytes)
        {
            float maxScale = 0;
            float maxAbsScale = 0;
            for (int g = 0; g < 16; g++)
            {
                float scale = KQuantSearch.MakeQxQuants(16, 32, x + 16 * g, levels + 16 * g, 1, null);
                scales[g] = scale;
                if (MathF.Abs(scale) > maxAbsScale)
                {
                    maxAbsScale = MathF.Abs(scale);
                    maxScale = scale;
                }
            }

            if (maxAbsScale < KQuantSearch.GroupMaxEps)
            {
                new Span<byte>(y, BlockBytes).Clear();
                continue;
            }

            float iscale = -128f / maxScale;
            Fp16.Store(y + DOffset, 1 / iscale);
            sbyte* storedScales = (sbyte*)(y + ScalesOffset);
            for (int g = 0; g < 16; g++)
            {
                storedScales[g] = (sbyte)Math.Min(127, KQuantSearch.NearestInt(iscale * scales[g]));
            }

            // Requantize against the stored (8-bit, fp16) scales.
            float dAll = Fp16.Load(y + DOffset);
            for (int g = 0; g < 16; g++)
            {
                float d = dAll * storedScales[g];
                if (d == 0) continue;
                for (int ii = 0; ii < 16; ii++)
                {
                    int l = KQuantSearch.NearestInt(x[16 * g + ii] / d);
                    levels[16 * g + ii] = (sbyte)(Math.Max(-32, Math.Min(31, l)) + 32);
                }
            }

            byte* ql = y;
            byte* qh = y + QhOffset;
            for (int j = 0; j < BlockSize; j += 128, ql += 64, qh += 32)
            {
                for (int l = 0; l < 32; l++)
                {
                    int q1 = levels[j + l], q2 = levels[j + l + 32], q3 = levels[j + l + 64], q4 = levels[j + l + 96];
                    ql[l] = (byte)((q1 & 0xF) | ((q3 & 0xF) << 4));
                    ql[l + 32] = (byte)((q2 & 0xF) | ((q4 & 0xF) << 4));
                    qh[l] = (byte)((q1 >> 4) | ((q2 >> 4) << 2) | ((q3 >> 4) << 4) | ((q4 >> 4) << 6));
                }
            }
        }
    }

    /// <param name="x">(k/256 super-blocks).</param>
    /// <param name="y">(k) floats.</param>
    public static void Dequantize(byte* x, float* y, int k)
    {
        for (int b = 0; b < k / BlockSize; b++, x += BlockBytes)
        {
            float d = Fp16.Load(x + DOffset);
            byte* ql = x;
            byte* qh = x + QhOffset;
            sbyte* sc = (sbyte*)(x + ScalesOffset);
            for (int half = 0; half < 2; half++, y += 128, ql += 64, qh += 32, sc += 8)
            {
                for (int l = 0; l < 32; l++)
                {
                    int g = l / 16;
                    int q1 = ((ql[l] & 0xF) | (((qh[l] >> 0) & 3) << 4)) - 32;
                    int q2 = ((ql[l + 32] & 0xF) | (((qh[l] >> 2) & 3) << 4)) - 32;
                    int q3 = ((ql[l] >> 4) | (((qh[l] >> 4) & 3) << 4)) - 32;
                    int q4 = ((ql[l + 32] >> 4) | (((qh[l] >> 6) & 3) << 4)) - 32;
                    y[l] = d * sc[g] * q1;
                    y[l + 32] = d * sc[g + 2] * q2;
                    y[l + 64] = d * sc[g + 4] * q3;
                    y[l + 96] = d * sc[g + 6] * q4;
                }
            }
        }
    }
}
