using System.Diagnostics;

namespace Gantry.Tensors.Quantization;

/// <summary>
/// Q4_0: blocks of 32 values as fp16 d and 16 bytes; byte j holds element j in its low nibble and element j+16
/// in its high nibble; value = (q - 8)·d.
/// </summary>
public static unsafe class BlockQ4_0
{
    public const int BlockSize = 32;
    public const int BlockBytes = 18;

    /// <summary>
    /// ggml's <c>quantize_row_q4_0_ref</c>: d = -max/8 where max is the signed value of largest magnitude, so that
    /// value maps exactly to level 0 (-8·d) and the asymmetric range [-8, 7] is used fully.
    /// </summary>
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
            float d = max / -8;
            float id = d != 0 ? 1.0f / d : 0.0f;
            Fp16.Store(y, d);
            for (int j = 0; j < BlockSize / 2; j++)
            {
                // C truncates (int8_t)(v + 8.5f) toward zero; v + 8.5 is never negative here.
                int lo = Math.Min(15, (int)(x[j] * id + 8.5f));
                int hi = Math.Min(15, (int)(x[j + 16] * id + 8.5f));
                y[2 + j] = (byte)(lo | (hi << 4));
            }
        }
    }

    /// <param name="x">(k/32 blocks).</param>
    /// <param name="y">(k) floats.</param>
    public static void Dequantize(byte* x, float* y, int k)
    {
        for (int b = 0; b < k / BlockSize; b++, x += BlockBytes, y += BlockSize)
        {
            float d = Fp16.Load(x);
            for (int j = 0; j < BlockSize / 2; j++)
            {
                y[j] = ((x[2 + j] & 0x0F) - 8) * d;
                y[j + 16] = ((x[2 + j] >> 4) - 8) * d;
            }
        }
    }
}
