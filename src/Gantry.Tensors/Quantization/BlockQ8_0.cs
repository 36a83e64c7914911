using System.Diagnostics;

namespace Gantry.Tensors.Quantization;

/// <summary>
/// Q8_0: blocks of 32 values as one fp16 scale d followed by 32 int8 q; value = q·d. Also the format
/// activations are quantized to for Q8_0 and Q4_0 weights.
/// </summary>
public static unsafe class BlockQ8_0
{
    public const int BlockSize = 32;
    public const int BlockBytes = 34;

    /// <summary>ggml's <c>quantize_row_q8_0_ref</c>: d = amax/127, q = round(x/d) (ties away from zero).</summary>
    /// <param name="x">(k) floats, k a multiple of 32.</param>
    /// <param name="y">(k/32 blocks) output.</param>
    public static void Quantize(float* x, byte* y, int k)
    {
        Debug.Assert(k % BlockSize == 0);
        for (int b = 0; b < k / BlockSize; b++, x += BlockSize, y += BlockBytes)
        {
            float amax = 0;
            for (int j = 0; j < BlockSize; j++)
            {
                amax = MathF.Max(amax, MathF.Abs(x[j]));
            }
            float d = amax / 127;
            float id = d != 0 ? 1.0f / d : 0.0f;
            Fp16.Store(y, d);
            sbyte* q = (sbyte*)(y + 2);
            for (int j = 0; j < BlockSize; j++)
            {
                q[j] = (sbyte)MathF.Round(x[j] * id, MidpointRounding.AwayFromZero);
            }
        }
    }

    /// <summary>
    /// Activation quantizer as ggml-cpu's x86 <c>quantize_row_q8_0</c> does it: id = 127/amax and ties to even
    /// (vroundps), which differs from the reference quantizer on exact ties only. One definition for every kernel
    /// path, so all paths compute the same integers.
    /// </summary>
    /// <param name="x">(k) floats.</param>
    /// <param name="y">(k/32 blocks) output.</param>
    public static void QuantizeActivations(float* x, byte* y, int k)
    {
        Debug.Assert(k % BlockSize == 0);
        for (int b = 0; b < k / BlockSize; b++, x += BlockSize, y += BlockBytes)
        {
            float amax = 0;
            for (int j = 0; j < BlockSize; j++)
            {
                amax = MathF.Max(amax, MathF.Abs(x[j]));
            }
            Fp16.Store(y, amax / 127f);
            float id = amax != 0 ? 127f / amax : 0f;
            sbyte* q = (sbyte*)(y + 2);
            for (int j = 0; j < BlockSize; j++)
            {
                q[j] = (sbyte)MathF.Round(x[j] * id, MidpointRounding.ToEven);
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
            sbyte* q = (sbyte*)(x + 2);
            for (int j = 0; j < BlockSize; j++)
            {
                y[j] = q[j] * d;
            }
        }
    }
}
