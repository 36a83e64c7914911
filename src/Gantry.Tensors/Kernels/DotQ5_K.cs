using System.Runtime.CompilerServices;
using Gantry.Tensors.Quantization;

namespace Gantry.Tensors.Kernels;

/// <summary>
/// Q5_K weights · Q8_K activations: Q4_K's sum with 5-bit levels, d_x·d·Σ_j sc_j·(q_j·x_j) − d_x·dmin·Σ_j m_j·Σx_j
/// (the scales and mins are packed exactly as Q4_K's, so the mins term is <see cref="DotQ4_K.MinsTerm"/>).
/// </summary>
internal static unsafe partial class DotQ5_K
{
    /// <param name="w">(cols/256) Q5_K weight super-blocks.</param>
    /// <param name="x">(cols/256) Q8_K activation blocks.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Scalar(byte* w, byte* x, int cols)
    {
        float sum = 0;
        for (int b = 0; b < cols / 256; b++, w += BlockQ5_K.BlockBytes, x += BlockQ8_K.BlockBytes)
        {
            sbyte* qx = (sbyte*)(x + BlockQ8_K.QsOffset);
            int isum = 0;
            for (int j = 0; j < 8; j++, qx += 32)
            {
                BlockQ4_K.GetScaleMin(j, w + BlockQ5_K.ScalesOffset, out int sc, out _);
                int dot = 0;
                for (int l = 0; l < 32; l++) dot += BlockQ5_K.Level(w, j, l) * qx[l];
                isum += sc * dot;
            }
            float dx = Unsafe.ReadUnaligned<float>(x);
            sum += dx * Fp16.Load(w) * isum - dx * Fp16.Load(w + 2) * DotQ4_K.MinsTerm(w, x);
        }
        return sum;
    }
}
