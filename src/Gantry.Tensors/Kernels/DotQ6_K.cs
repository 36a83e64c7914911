using System.Runtime.CompilerServices;
using Gantry.Tensors.Quantization;

namespace Gantry.Tensors.Kernels;

/// <summary>
/// Q6_K weights · Q8_K activations: per super-block d·d_x·Σ_g sc_g·Σ(q-32)·x over 16 groups of 16. The SIMD paths
/// dot the unsigned q (0..63) and subtract 32·sc_g·bsum_g, which is the same integer.
/// </summary>
internal static unsafe partial class DotQ6_K
{
    /// <param name="w">(cols/256) Q6_K weight super-blocks.</param>
    /// <param name="x">(cols/256) Q8_K activation blocks.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Scalar(byte* w, byte* x, int cols)
    {
        float sum = 0;
        for (int b = 0; b < cols / 256; b++, w += BlockQ6_K.BlockBytes, x += BlockQ8_K.BlockBytes)
        {
            sbyte* qx = (sbyte*)(x + BlockQ8_K.QsOffset);
            sbyte* sc = (sbyte*)(w + BlockQ6_K.ScalesOffset);
            byte* ql = w;
            byte* qh = w + BlockQ6_K.QhOffset;
            int isum = 0;
            for (int half = 0; half < 2; half++, ql += 64, qh += 32, qx += 128, sc += 8)
            {
                for (int run = 0; run < 4; run++)
                {
                    byte* lowBytes = ql + (run & 1) * 32;
                    int nibbleShift = (run >> 1) * 4;
                    int g0 = 0, g1 = 0;
                    for (int l = 0; l < 32; l++)
                    {
                        int q = (((lowBytes[l] >> nibbleShift) & 0xF) | (((qh[l] >> (2 * run)) & 3) << 4)) - 32;
                        if (l < 16) g0 += q * qx[run * 32 + l];
                        else g1 += q * qx[run * 32 + l];
                    }
                    isum += sc[2 * run] * g0 + sc[2 * run + 1] * g1;
                }
            }
            sum += Fp16.Load(w + BlockQ6_K.DOffset) * Unsafe.ReadUnaligned<float>(x) * isum;
        }
        return sum;
    }

    /// <summary>32·Σ_g sc_g·bsum_g: the offset the unsigned-q SIMD dots subtract.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int OffsetTerm(byte* w, byte* x)
    {
        sbyte* sc = (sbyte*)(w + BlockQ6_K.ScalesOffset);
        short* bsums = (short*)(x + BlockQ8_K.BsumsOffset);
        int s = 0;
        for (int g = 0; g < 16; g++) s += sc[g] * bsums[g];
        return 32 * s;
    }
}
