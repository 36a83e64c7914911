using System.Runtime.CompilerServices;
using Gantry.Tensors.Quantization;

namespace Gantry.Tensors.Kernels;

/// <summary>Q4_0 weights · Q8_0 activations: integer dot of (q-8) with x per 32-block, scaled by d_w·d_x.</summary>
internal static unsafe partial class DotQ4_0
{
    /// <param name="w">(cols/32) Q4_0 weight blocks.</param>
    /// <param name="x">(cols/32) Q8_0 activation blocks.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Scalar(byte* w, byte* x, int cols)
    {
        float sum = 0;
        for (int b = 0; b < cols / 32; b++, w += BlockQ4_0.BlockBytes, x += BlockQ8_0.BlockBytes)
        {
            byte* qw = w + 2;
            sbyte* qx = (sbyte*)(x + 2);
            int isum = 0;
            for (int j = 0; j < 16; j++)
            {
                isum += ((qw[j] & 0x0F) - 8) * qx[j] + ((qw[j] >> 4) - 8) * qx[j + 16];
            }
            sum += isum * (Fp16.Load(w) * Fp16.Load(x));
        }
        return sum;
    }
}
