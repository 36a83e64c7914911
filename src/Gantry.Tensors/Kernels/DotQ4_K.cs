using System.Runtime.CompilerServices;
using Gantry.Tensors.Quantization;

namespace Gantry.Tensors.Kernels;

/// <summary>
/// Q4_K weights · Q8_K activations. Per super-block: d_x·d·Σ_j sc_j·(q_j·x_j) - d_x·dmin·Σ_j m_j·Σx_j, the second
/// sum taken from the activations' bsums so the mins never touch the quants.
/// </summary>
internal static unsafe partial class DotQ4_K
{
    /// <param name="w">(cols/256) Q4_K weight super-blocks.</param>
    /// <param name="x">(cols/256) Q8_K activation blocks.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Scalar(byte* w, byte* x, int cols)
    {
        float sum = 0;
        for (int b = 0; b < cols / 256; b++, w += BlockQ4_K.BlockBytes, x += BlockQ8_K.BlockBytes)
        {
            sbyte* qx = (sbyte*)(x + BlockQ8_K.QsOffset);
            byte* q = w + BlockQ4_K.QsOffset;
            int isum = 0;
            for (int c = 0; c < 4; c++, q += 32, qx += 64)
            {
                BlockQ4_K.GetScaleMin(2 * c, w + BlockQ4_K.ScalesOffset, out int sc1, out _);
                BlockQ4_K.GetScaleMin(2 * c + 1, w + BlockQ4_K.ScalesOffset, out int sc2, out _);
                int lo = 0, hi = 0;
                for (int l = 0; l < 32; l++)
                {
                    lo += (q[l] & 0xF) * qx[l];
                    hi += (q[l] >> 4) * qx[l + 32];
                }
                isum += sc1 * lo + sc2 * hi;
            }
            float dx = Unsafe.ReadUnaligned<float>(x);
            sum += dx * Fp16.Load(w) * isum - dx * Fp16.Load(w + 2) * MinsTerm(w, x);
        }
        return sum;
    }

    /// <summary>Σ_j m_j·(Σ of sub-block j's 32 activation quants), from the 16-value bsums.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int MinsTerm(byte* w, byte* x)
    {
        short* bsums = (short*)(x + BlockQ8_K.BsumsOffset);
        int summ = 0;
        for (int j = 0; j < 8; j++)
        {
            BlockQ4_K.GetScaleMin(j, w + BlockQ4_K.ScalesOffset, out _, out int m);
            summ += m * (bsums[2 * j] + bsums[2 * j + 1]);
        }
        return summ;
    }
}
