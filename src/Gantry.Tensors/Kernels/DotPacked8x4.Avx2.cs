using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Gantry.Tensors.Quantization;

namespace Gantry.Tensors.Kernels;

/// <summary>
/// The eight-row × four-token Q4_0 micro-kernel for CPUs without <c>vpdpbusd</c> at 256 bits (AVX2-only machines, and
/// AMD Zen 4, whose AVX-512 VNNI .NET 10 does not expose): same packed layout and results as
/// <see cref="DotPacked8x4.Q4_0"/>, with <c>vpmaddubsw</c> in place of each <c>vpdpbusd</c>.
/// </summary>
/// <remarks>
/// A nibble (0..15) times an activation quant (−128..127), two of them per 16-bit lane, is at most 3,840 in size, so
/// the eight k-steps of a block add up in 16 bits (≤ 30,720 &lt; 32,767) and one <c>vpmaddwd</c> per block and token
/// widens them: 8 vpmaddubsw + 7 vpaddw + 1 vpmaddwd for eight rows, against ~5 operations per row and block of the
/// row-at-a-time AVX2 kernel. Q8_0's flipped bytes (up to 255) would saturate <c>vpmaddubsw</c>, so Q8_0 keeps the
/// row kernels on this path.
/// </remarks>
internal static unsafe partial class DotPacked8x4
{
    /// <summary>Q4_0 weights (packed as nibbles 0..15) against Q8_0 activation rows; parameters as <see cref="Q8_0"/>.</summary>
    public static void Q4_0Avx2(byte* packed, byte* x, nint xStride, int cols, float* y, nint yStride)
    {
        const int XBytes = BlockQ8_0.BlockBytes;
        byte* x0 = x + 2, x1 = x + xStride + 2, x2 = x + 2 * xStride + 2, x3 = x + 3 * xStride + 2;
        float* s0 = Q8ActivationRow.Scales(x, cols), s1 = Q8ActivationRow.Scales(x + xStride, cols);
        float* s2 = Q8ActivationRow.Scales(x + 2 * xStride, cols), s3 = Q8ActivationRow.Scales(x + 3 * xStride, cols);
        int* c0 = Q8ActivationRow.Minus8Sums(x, cols), c1 = Q8ActivationRow.Minus8Sums(x + xStride, cols);
        int* c2 = Q8ActivationRow.Minus8Sums(x + 2 * xStride, cols), c3 = Q8ActivationRow.Minus8Sums(x + 3 * xStride, cols);
        Vector256<float> acc0 = default, acc1 = default, acc2 = default, acc3 = default;
        for (int b = 0; b < cols / 32; b++, packed += PackedRows8.BlockBytes, x0 += XBytes, x1 += XBytes, x2 += XBytes, x3 += XBytes)
        {
            var w0 = Vector256.Load(packed);
            var w1 = Vector256.Load(packed + 32);
            var w2 = Vector256.Load(packed + 64);
            var w3 = Vector256.Load(packed + 96);
            var w4 = Vector256.Load(packed + 128);
            var w5 = Vector256.Load(packed + 160);
            var w6 = Vector256.Load(packed + 192);
            var w7 = Vector256.Load(packed + 224);
            var dw = (float*)(packed + 256);
            acc0 = TokenMaddubs(w0, w1, w2, w3, w4, w5, w6, w7, dw, x0, s0[b], c0[b], acc0);
            acc1 = TokenMaddubs(w0, w1, w2, w3, w4, w5, w6, w7, dw, x1, s1[b], c1[b], acc1);
            acc2 = TokenMaddubs(w0, w1, w2, w3, w4, w5, w6, w7, dw, x2, s2[b], c2[b], acc2);
            acc3 = TokenMaddubs(w0, w1, w2, w3, w4, w5, w6, w7, dw, x3, s3[b], c3[b], acc3);
        }
        acc0.Store(y);
        acc1.Store(y + yStride);
        acc2.Store(y + 2 * yStride);
        acc3.Store(y + 3 * yStride);
    }

    /// <summary>
    /// One token against a packed group (the tokens of a packed tile past its last group of four): ~4.5 operations per
    /// row and block against ~12 for the row-at-a-time kernel, with the tile already in L2.
    /// </summary>
    /// <param name="packed">One packed group: (cols / 32, <see cref="PackedRows8.BlockBytes"/>).</param>
    /// <param name="x">One <see cref="Q8ActivationRow"/>.</param>
    /// <param name="y">(8) dots, one per row of the group.</param>
    public static void Q4_0Avx2Single(byte* packed, byte* x, int cols, float* y)
    {
        byte* q = x + 2;
        float* s = Q8ActivationRow.Scales(x, cols);
        int* c = Q8ActivationRow.Minus8Sums(x, cols);
        Vector256<float> acc = default;
        for (int b = 0; b < cols / 32; b++, packed += PackedRows8.BlockBytes, q += BlockQ8_0.BlockBytes)
        {
            acc = TokenMaddubs(Vector256.Load(packed), Vector256.Load(packed + 32), Vector256.Load(packed + 64), Vector256.Load(packed + 96),
                Vector256.Load(packed + 128), Vector256.Load(packed + 160), Vector256.Load(packed + 192), Vector256.Load(packed + 224),
                (float*)(packed + 256), q, s[b], c[b], acc);
        }
        acc.Store(y);
    }

    /// <summary>acc + d_w·d_x·(correction + Σ u·x) for one block of one token in all eight lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> TokenMaddubs(Vector256<byte> w0, Vector256<byte> w1, Vector256<byte> w2, Vector256<byte> w3,
        Vector256<byte> w4, Vector256<byte> w5, Vector256<byte> w6, Vector256<byte> w7, float* dw,
        byte* q, float dx, int correction, Vector256<float> acc)
    {
        // Two 16-bit chains, so the adds are four deep rather than eight.
        var even = Avx2.MultiplyAddAdjacent(w0, Quad(q));
        var odd = Avx2.MultiplyAddAdjacent(w1, Quad(q + 4));
        even = Avx2.Add(even, Avx2.MultiplyAddAdjacent(w2, Quad(q + 8)));
        odd = Avx2.Add(odd, Avx2.MultiplyAddAdjacent(w3, Quad(q + 12)));
        even = Avx2.Add(even, Avx2.MultiplyAddAdjacent(w4, Quad(q + 16)));
        odd = Avx2.Add(odd, Avx2.MultiplyAddAdjacent(w5, Quad(q + 20)));
        even = Avx2.Add(even, Avx2.MultiplyAddAdjacent(w6, Quad(q + 24)));
        odd = Avx2.Add(odd, Avx2.MultiplyAddAdjacent(w7, Quad(q + 28)));
        var isum = Avx2.Add(Avx2.MultiplyAddAdjacent(Avx2.Add(even, odd), Vector256<short>.One), Vector256.Create(correction));
        return Fma.MultiplyAdd(Avx.ConvertToVector256Single(isum), Vector256.Load(dw) * Vector256.Create(dx), acc);
    }
}
