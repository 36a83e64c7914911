using System.Runtime.CompilerServices;
using Gantry.Tensors.Quantization;

namespace Gantry.Tensors.Kernels;

/// <summary>Q8_0 weights · Q8_0 activations: an exact integer dot per 32-block, scaled by d_w·d_x in float.</summary>
internal static unsafe partial class DotQ8_0
{
    /// <param name="w">(cols/32) Q8_0 weight blocks.</param>
    /// <param name="x">(cols/32) Q8_0 activation blocks.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Scalar(byte* w, byte* x, int cols)
    {
        float sum = 0;
        for (int b = 0; b < cols / 32; b++, w += BlockQ8_0.BlockBytes, x += BlockQ8_0.BlockBytes)
        {
            sbyte* qw = (sbyte*)(w + 2), qx = (sbyte*)(x + 2);
            int isum = 0;
            for (int j = 0; j < 32; j++) isum += qw[j] * qx[j];
            sum += isum * (Fp16.Load(w) * Fp16.Load(x));
        }
        return sum;
    }
}
