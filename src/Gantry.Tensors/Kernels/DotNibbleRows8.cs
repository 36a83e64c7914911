using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Gantry.Tensors.Quantization;

namespace Gantry.Tensors.Kernels;

/// <summary>
/// The eight-row Q4_0 kernels over weights repacked at load (<see cref="NibbleRows8"/>): four tokens, or one. They
/// unpack each block's nibbles in registers, then run <see cref="DotPacked8x4"/>'s AVX2 block step, so results are
/// those of the per-call packed path exactly (same integers, same float order per lane).
/// </summary>
internal static unsafe class DotNibbleRows8
{
    /// <summary>Eight rows · four tokens; parameters as <see cref="DotPacked8x4.Q8_0"/> over a <see cref="NibbleRows8"/> group.</summary>
    public static void Q4_0x4Avx2(byte* packed, byte* x, nint xStride, int cols, float* y, nint yStride)
    {
        const int XBytes = BlockQ8_0.BlockBytes;
        byte* x0 = x + 2, x1 = x + xStride + 2, x2 = x + 2 * xStride + 2, x3 = x + 3 * xStride + 2;
        float* s0 = Q8ActivationRow.Scales(x, cols), s1 = Q8ActivationRow.Scales(x + xStride, cols);
        float* s2 = Q8ActivationRow.Scales(x + 2 * xStride, cols), s3 = Q8ActivationRow.Scales(x + 3 * xStride, cols);
        int* c0 = Q8ActivationRow.Minus8Sums(x, cols), c1 = Q8ActivationRow.Minus8Sums(x + xStride, cols);
        int* c2 = Q8ActivationRow.Minus8Sums(x + 2 * xStride, cols), c3 = Q8ActivationRow.Minus8Sums(x + 3 * xStride, cols);
        Vector256<float> acc0 = default, acc1 = default, acc2 = default, acc3 = default;
        for (int b = 0; b < cols / 32; b++, packed += NibbleRows8.BlockBytes, x0 += XBytes, x1 += XBytes, x2 += XBytes, x3 += XBytes)
        {
            var (w0, w4) = NibbleRows8.Levels(packed);
            var (w1, w5) = NibbleRows8.Levels(packed + 32);
            var (w2, w6) = NibbleRows8.Levels(packed + 64);
            var (w3, w7) = NibbleRows8.Levels(packed + 96);
            var dw = (float*)(packed + 128);
            acc0 = DotPacked8x4.TokenMaddubs(w0, w1, w2, w3, w4, w5, w6, w7, dw, x0, s0[b], c0[b], acc0);
            acc1 = DotPacked8x4.TokenMaddubs(w0, w1, w2, w3, w4, w5, w6, w7, dw, x1, s1[b], c1[b], acc1);
            acc2 = DotPacked8x4.TokenMaddubs(w0, w1, w2, w3, w4, w5, w6, w7, dw, x2, s2[b], c2[b], acc2);
            acc3 = DotPacked8x4.TokenMaddubs(w0, w1, w2, w3, w4, w5, w6, w7, dw, x3, s3[b], c3[b], acc3);
        }
        acc0.Store(y);
        acc1.Store(y + yStride);
        acc2.Store(y + 2 * yStride);
        acc3.Store(y + 3 * yStride);
    }

    /// <summary>Eight rows · one token; parameters as <see cref="DotPacked8x4.Q4_0Avx2Single"/> over a <see cref="NibbleRows8"/> group.</summary>
    public static void Q4_0x1Avx2(byte* packed, byte* x, int cols, float* y)
    {
        byte* q = x + 2;
        float* s = Q8ActivationRow.Scales(x, cols);
        int* c = Q8ActivationRow.Minus8Sums(x, cols);
        Vector256<float> acc = default;
        for (int b = 0; b < cols / 32; b++, packed += NibbleRows8.BlockBytes, q += BlockQ8_0.BlockBytes)
        {
            Prefetch.Ahead(packed, NibbleRows8.BlockBytes);
            var (w0, w4) = NibbleRows8.Levels(packed);
            var (w1, w5) = NibbleRows8.Levels(packed + 32);
            var (w2, w6) = NibbleRows8.Levels(packed + 64);
            var (w3, w7) = NibbleRows8.Levels(packed + 96);
            acc = DotPacked8x4.TokenMaddubs(w0, w1, w2, w3, w4, w5, w6, w7, (float*)(packed + 128), q, s[b], c[b], acc);
        }
        acc.Store(y);
    }
}
