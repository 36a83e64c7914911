using System.Diagnostics;

namespace Gantry.Tensors.Quantization;

/// <summary>
/// Q5_K super-block of 256 values (176 bytes): fp16 d, fp16 dmin, the 12 scale bytes of <see cref="BlockQ4_K"/>, 32
/// bytes of high bits, then 128 bytes of nibbles laid out as Q4_K's. Sub-block j's value is d·sc_j·q − dmin·m_j with
/// q = nibble + 16·(bit j of the high-bit byte at the value's position within its 32).
/// </summary>
/// <remarks>
/// llama.cpp's Q4_K_M puts the attention output of Mixture-of-Experts models in Q5_K, and Q5_K_M files use it
/// throughout, so a server that loads "Q4_K_M" files must read it.
/// </remarks>
public static unsafe class BlockQ5_K
{
    public const int BlockSize = 256;
    public const int BlockBytes = 176;
    public const int ScalesOffset = BlockQ4_K.ScalesOffset;
    public const int HighBitsOffset = 16;
    public const int QsOffset = 48;

    /// <summary>ggml's <c>quantize_row_q5_K_ref</c> (no importance matrix).</summary>
    /// <param name="x">(k) floats, k a multiple of 256.</param>
    /// <param name="y">(k/256 super-blocks) output.</param>
    public static void Quantize(float* x, byte* y, int k)
    {
        Debug.Assert(k % BlockSize == 0);
        byte* levels = stackalloc byte[BlockSize];
        for (int b = 0; b < k / BlockSize; b++, x += BlockSize, y += BlockBytes)
        {
            BlockQ4_K.QuantizeScalesAndLevels(x, y, levels, maxLevel: 31, rmin: -0.5f, steps: 15);
            byte* qh = y + HighBitsOffset;
            byte* q = y + QsOffset;
            new Span<byte>(qh, 32).Clear();
            byte bit1 = 1, bit2 = 2;
            for (int j = 0; j < BlockSize; j += 64, q += 32, bit1 <<= 2, bit2 <<= 2)
            {
                for (int l = 0; l < 32; l++)
                {
                    int l1 = levels[j + l], l2 = levels[j + l + 32];
                    if (l1 > 15) { l1 -= 16; qh[l] |= bit1; }
                    if (l2 > 15) { l2 -= 16; qh[l] |= bit2; }
                    q[l] = (byte)(l1 | (l2 << 4));
                }
            }
        }
    }

    /// <summary>The 5-bit level of value <paramref name="l"/> (0..31) of sub-block <paramref name="j"/>.</summary>
    public static int Level(byte* block, int j, int l)
    {
        byte packed = block[QsOffset + 32 * (j / 2) + l];
        int nibble = j % 2 == 0 ? packed & 0xF : packed >> 4;
        return nibble | (((block[HighBitsOffset + l] >> j) & 1) << 4);
    }

    /// <param name="x">(k/256 super-blocks).</param>
    /// <param name="y">(k) floats.</param>
    public static void Dequantize(byte* x, float* y, int k)
    {
        for (int b = 0; b < k / BlockSize; b++, x += BlockBytes)
        {
            float d = Fp16.Load(x);
            float dmin = Fp16.Load(x + 2);
            for (int j = 0; j < 8; j++)
            {
                BlockQ4_K.GetScaleMin(j, x + ScalesOffset, out int sc, out int m);
                float dj = d * sc, minj = dmin * m;
                for (int l = 0; l < 32; l++) *y++ = dj * Level(x, j, l) - minj;
            }
        }
    }
}
