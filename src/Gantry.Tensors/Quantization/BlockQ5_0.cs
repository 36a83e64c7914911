using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Gantry.Tensors.Quantization;

/// <summary>
/// Q5_0: blocks of 32 values as fp16 d, a 32-bit word of high bits and 16 nibble bytes laid out as Q4_0's (byte j
/// holds element j low and j+16 high); element i's level is its nibble + 16·(bit i of the word), value = (q − 16)·d.
/// </summary>
/// <remarks>
/// llama.cpp's k-quant presets fall back to Q5_0 for tensors whose rows are not a multiple of 256 (Qwen2.5-0.5B's
/// 896-wide rows in its Q4_K_M file, for one), so "Q4_K_M" files contain it.
/// </remarks>
public static unsafe class BlockQ5_0
{
    public const int BlockSize = 32;
    public const int BlockBytes = 22;
    public const int HighBitsOffset = 2;
    public const int QsOffset = 6;

    /// <summary>ggml's <c>quantize_row_q5_0_ref</c>: d = −max/16 (max the signed value of largest magnitude).</summary>
    /// <param name="x">(k) floats.</param>
    /// <param name="y">(k/32 blocks) output.</param>
    public static void Quantize(float* x, byte* y, int k)
    {
        Debug.Assert(k % BlockSize == 0);
        for (int b = 0; b < k / BlockSize; b++, x += BlockSize, y += BlockBytes)
        {
            float amax = 0;
            float max = 0;
            for (int j = 0; j < BlockSize; j++)
            {
                if (amax < MathF.Abs(x[j]))
                {
                    amax = MathF.Abs(x[j]);
                    max = x[j];
                }
            }
            float d = max / -16;
            float id = d != 0 ? 1.0f / d : 0.0f;
            Fp16.Store(y, d);
            uint high = 0;
            for (int j = 0; j < BlockSize / 2; j++)
            {
                // C truncates (int8_t)(v + 16.5f) toward zero; v + 16.5 is never negative here.
                int lo = Math.Min(31, (int)(x[j] * id + 16.5f));
                int hi = Math.Min(31, (int)(x[j + 16] * id + 16.5f));
                y[QsOffset + j] = (byte)((lo & 0xF) | ((hi & 0xF) << 4));
                high |= (uint)((lo >> 4) & 1) << j;
                high |= (uint)((hi >> 4) & 1) << (j + 16);
            }
            Unsafe.WriteUnaligned(y + HighBitsOffset, high);
        }
    }

    /// <summary>Element <paramref name="i"/>'s level (0..31) in <paramref name="block"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Level(byte* block, int i)
    {
        byte packed = block[QsOffset + (i & 15)];
        int nibble = i < 16 ? packed & 0xF : packed >> 4;
        return nibble | (int)(((Unsafe.ReadUnaligned<uint>(block + HighBitsOffset) >> i) & 1) << 4);
    }

    /// <param name="x">(k/32 blocks).</param>
    /// <param name="y">(k) floats.</param>
    public static void Dequantize(byte* x, float* y, int k)
    {
        for (int b = 0; b < k / BlockSize; b++, x += BlockBytes, y += BlockSize)
        {
            float d = Fp16.Load(x);
            for (int i = 0; i < BlockSize; i++) y[i] = (Level(x, i) - 16) * d;
        }
    }
}
