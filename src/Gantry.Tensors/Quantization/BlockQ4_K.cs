using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Gantry.Tensors.Quantization;

/// <summary>
/// Q4_K super-block of 256 values (144 bytes): fp16 d, fp16 dmin, 12 bytes packing eight 6-bit scales and eight
/// 6-bit mins, then 128 bytes of nibbles. Sub-block j (32 values) is value = d·sc_j·q - dmin·m_j; the 128 nibble
/// bytes come as four 32-byte chunks, chunk c holding sub-block 2c in low nibbles and 2c+1 in high nibbles.
/// </summary>
public static unsafe class BlockQ4_K
{
    public const int BlockSize = 256;
    public const int BlockBytes = 144;
    public const int ScalesOffset = 4;
    public const int QsOffset = 16;

    /// <summary>
    /// Unpacks the 6-bit scale and min of sub-block <paramref name="j"/> (ggml's <c>get_scale_min_k4</c>): sub-blocks
    /// 0-3 keep theirs in the low 6 bits of bytes j and j+4; 4-7 split them into a nibble of byte j+4 plus the top
    /// two bits of bytes j-4 (scale) and j (min).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void GetScaleMin(int j, byte* scales, out int scale, out int min)
    {
        if (j < 4)
        {
            scale = scales[j] & 63;
            min = scales[j + 4] & 63;
        }
        else
        {
            scale = (scales[j + 4] & 0xF) | ((scales[j - 4] >> 6) << 4);
            min = (scales[j + 4] >> 4) | ((scales[j] >> 6) << 4);
        }
    }

    /// <summary>ggml's <c>quantize_row_q4_K_ref</c> (no importance matrix).</summary>
    /// <param name="x">(k) floats, k a multiple of 256.</param>
    /// <param name="y">(k/256 super-blocks) output.</param>
    public static void Quantize(float* x, byte* y, int k)
    {
        Debug.Assert(k % BlockSize == 0);
        byte* levels = stackalloc byte[BlockSize];
        for (int b = 0; b < k / BlockSize; b++, x += BlockSize, y += BlockBytes)
        {
            QuantizeScalesAndLevels(x, y, levels, maxLevel: 15, rmin: -1f, steps: 20);
            byte* q = y + QsOffset;
            for (int j = 0; j < BlockSize; j += 64, q += 32)
            {
                for (int l = 0; l < 32; l++) q[l] = (byte)(levels[j + l] | (levels[j + l + 32] << 4));
            }
        }
    }

    /// <summary>
    /// The part of ggml's Q4_K and Q5_K reference quantizers they share: per 32-value sub-block a scale and min
    /// search (<c>make_qkx2_quants</c> with the given level count and search range), the eight scales and mins packed
    /// to 6 bits with fp16 d and dmin (written at <paramref name="y"/>, whose layout starts as Q4_K's), then every value
    /// requantized against the scales as stored, into <paramref name="levels"/> (256 values, 0..maxLevel).
    /// </summary>
    internal static void QuantizeScalesAndLevels(float* x, byte* y, byte* levels, int maxLevel, float rmin, int steps)
    {
        byte* levelsAux = stackalloc byte[32];
        float* weights = stackalloc float[32];
        float* mins = stackalloc float[8];
        float* scales = stackalloc float[8];
        float maxScale = 0;
        float maxMin = 0;
        for (int j = 0; j < 8; j++)
        {
            float* xs = x + 32 * j;
            float sumX2 = 0;
            for (int l = 0; l < 32; l++) sumX2 += xs[l] * xs[l];
            float avX = MathF.Sqrt(sumX2 / 32);
            for (int l = 0; l < 32; l++) weights[l] = avX + MathF.Abs(xs[l]);
            scales[j] = KQuantSearch.MakeQkx2Quants(32, maxLevel, xs, weights, levels + 32 * j, out mins[j], levelsAux, rmin, 0.1f, steps, false);
            if (scales[j] > maxScale) maxScale = scales[j];
            if (mins[j] > maxMin) maxMin = mins[j];
        }

        float invScale = maxScale > 0 ? 63f / maxScale : 0f;
        float invMin = maxMin > 0 ? 63f / maxMin : 0f;
        byte* packed = y + ScalesOffset;
        for (int j = 0; j < 8; j++)
        {
            byte ls = (byte)KQuantSearch.NearestInt(invScale * scales[j]);
            byte lm = (byte)KQuantSearch.NearestInt(invMin * mins[j]);
            ls = Math.Min((byte)63, ls);
            lm = Math.Min((byte)63, lm);
            if (j < 4)
            {
                packed[j] = ls;
                packed[j + 4] = lm;
            }
            else
            {
                packed[j + 4] = (byte)((ls & 0xF) | ((lm & 0xF) << 4));
                packed[j - 4] |= (byte)((ls >> 4) << 6);
                packed[j] |= (byte)((lm >> 4) << 6);
            }
        }
        Fp16.Store(y, maxScale / 63f);
        Fp16.Store(y + 2, maxMin / 63f);

        // Requantize against the scales as stored (rounded to 6 bits and fp16), as the decoder will see them.
        float dAll = Fp16.Load(y);
        float dminAll = Fp16.Load(y + 2);
        for (int j = 0; j < 8; j++)
        {
            GetScaleMin(j, packed, out int sc, out int m);
            float d = dAll * sc;
            if (d == 0) continue;
            float dm = dminAll * m;
            for (int ii = 0; ii < 32; ii++)
            {
                int l = KQuantSearch.NearestInt((x[32 * j + ii] + dm) / d);
                levels[32 * j + ii] = (byte)Math.Max(0, Math.Min(maxLevel, l));
            }
        }
    }

    /// <param name="x">(k/256 super-blocks).</param>
    /// <param name="y">(k) floats.</param>
    public static void Dequantize(byte* x, float* y, int k)
    {
        for (int b = 0; b < k / BlockSize; b++, x += BlockBytes)
        {
            float d = Fp16.Load(x);
            float dmin = Fp16.Load(x + 2);
            byte* q = x + QsOffset;
            for (int j = 0; j < 8; j += 2, q += 32)
            {
                GetScaleMin(j, x + ScalesOffset, out int sc1, out int m1);
                GetScaleMin(j + 1, x + ScalesOffset, out int sc2, out int m2);
                float d1 = d * sc1, min1 = dmin * m1, d2 = d * sc2, min2 = dmin * m2;
                for (int l = 0; l < 32; l++) *y++ = d1 * (q[l] & 0xF) - min1;
                for (int l = 0; l < 32; l++) *y++ = d2 * (q[l] >> 4) - min2;
            }
        }
    }
}
