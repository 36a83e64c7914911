using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Gantry.Tensors.Quantization;

namespace Gantry.Tensors.Kernels;

/// <summary>
/// The eight-row Q8_0 micro-kernels for CPUs without <c>vpdpbusd</c> at 256 bits, over weights repacked at load
/// (<see cref="SignedRows8"/>): lane r of each accumulator is output row r.
/// </summary>
/// <remarks>
/// Each k-step is <c>vpmaddubsw(|W_k|, sign(x quad, W_k))</c>, 16-bit pairs of at most 2·128·127 = 32,512 (two
/// steps would overflow, so each is widened by <c>vpmaddwd</c> at once), then a 32-bit add. |W_k| is taken once per
/// block for all four tokens. Per block and token that is 8 × (vpsignb, vpmaddubsw, vpmaddwd, vpaddd) for eight rows
/// with one convert, multiply and FMA, against ~8 operations per row of the row-at-a-time AVX2 kernel. The integers
/// equal the row kernels' exactly; only float summation order differs.
/// </remarks>
internal static unsafe partial class DotPacked8x4
{
    /// <summary>Q8_0 weights repacked at load (<see cref="SignedRows8"/>) against four Q8_0 activation rows.</summary>
    /// <param name="packed">One packed group: (cols / 32, <see cref="SignedRows8.BlockBytes"/>).</param>
    /// <param name="x">(4, xStride bytes) <see cref="Q8ActivationRow"/>s.</param>
    /// <param name="y">(4, yStride floats): writes y[t·yStride + r] for t &lt; 4, r &lt; 8.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Q8_0RepackedAvx2(byte* packed, byte* x, nint xStride, int cols, float* y, nint yStride)
    {
        const int XBytes = BlockQ8_0.BlockBytes;
        byte* x0 = x + 2, x1 = x + xStride + 2, x2 = x + 2 * xStride + 2, x3 = x + 3 * xStride + 2;
        float* s0 = Q8ActivationRow.Scales(x, cols), s1 = Q8ActivationRow.Scales(x + xStride, cols);
        float* s2 = Q8ActivationRow.Scales(x + 2 * xStride, cols), s3 = Q8ActivationRow.Scales(x + 3 * xStride, cols);
        Vector256<float> acc0 = default, acc1 = default, acc2 = default, acc3 = default;
        for (int b = 0; b < cols / 32; b++, packed += SignedRows8.BlockBytes, x0 += XBytes, x1 += XBytes, x2 += XBytes, x3 += XBytes)
        {
            Prefetch.Ahead(packed, SignedRows8.BlockBytes);
            SignedRows8.Load(packed, out var w0, out var w1, out var w2, out var w3, out var w4, out var w5, out var w6, out var w7);
            var a0 = Avx2.Abs(w0); var a1 = Avx2.Abs(w1); var a2 = Avx2.Abs(w2); var a3 = Avx2.Abs(w3);
            var a4 = Avx2.Abs(w4); var a5 = Avx2.Abs(w5); var a6 = Avx2.Abs(w6); var a7 = Avx2.Abs(w7);
            var dw = (float*)(packed + 8 * 32);
            acc0 = TokenSigned(w0, w1, w2, w3, w4, w5, w6, w7, a0, a1, a2, a3, a4, a5, a6, a7, dw, x0, s0 + b, acc0);
            acc1 = TokenSigned(w0, w1, w2, w3, w4, w5, w6, w7, a0, a1, a2, a3, a4, a5, a6, a7, dw, x1, s1 + b, acc1);
            acc2 = TokenSigned(w0, w1, w2, w3, w4, w5, w6, w7, a0, a1, a2, a3, a4, a5, a6, a7, dw, x2, s2 + b, acc2);
            acc3 = TokenSigned(w0, w1, w2, w3, w4, w5, w6, w7, a0, a1, a2, a3, a4, a5, a6, a7, dw, x3, s3 + b, acc3);
        }
        acc0.Store(y);
        acc1.Store(y + yStride);
        acc2.Store(y + 2 * yStride);
        acc3.Store(y + 3 * yStride);
    }

    /// <summary>One token against a repacked Q8_0 group (decode, and the tokens past the last group of four).</summary>
    /// <param name="packed">One packed group: (cols / 32, <see cref="SignedRows8.BlockBytes"/>).</param>
    /// <param name="x">One <see cref="Q8ActivationRow"/>.</param>
    /// <param name="y">(8) dots, one per row of the group.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Q8_0RepackedAvx2Single(byte* packed, byte* x, int cols, float* y)
    {
        byte* q = x + 2;
        float* s = Q8ActivationRow.Scales(x, cols);
        Vector256<float> acc = default;
        for (int b = 0; b < cols / 32; b++, packed += SignedRows8.BlockBytes, q += BlockQ8_0.BlockBytes)
        {
            Prefetch.Ahead(packed, SignedRows8.BlockBytes);
            SignedRows8.Load(packed, out var w0, out var w1, out var w2, out var w3, out var w4, out var w5, out var w6, out var w7);
            acc = TokenSigned(w0, w1, w2, w3, w4, w5, w6, w7, Avx2.Abs(w0), Avx2.Abs(w1), Avx2.Abs(w2), Avx2.Abs(w3),
                Avx2.Abs(w4), Avx2.Abs(w5), Avx2.Abs(w6), Avx2.Abs(w7), (float*)(packed + 8 * 32), q, s + b, acc);
        }
        acc.Store(y);
    }

    /// <summary>acc + d_w·d_x·Σ q·x for one block of one token in all eight lanes; <paramref name="q"/> points at its 32 quants.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> TokenSigned(
        Vector256<sbyte> w0, Vector256<sbyte> w1, Vector256<sbyte> w2, Vector256<sbyte> w3,
        Vector256<sbyte> w4, Vector256<sbyte> w5, Vector256<sbyte> w6, Vector256<sbyte> w7,
        Vector256<byte> a0, Vector256<byte> a1, Vector256<byte> a2, Vector256<byte> a3,
        Vector256<byte> a4, Vector256<byte> a5, Vector256<byte> a6, Vector256<byte> a7,
        float* dw, byte* q, float* dx, Vector256<float> acc)
    {
        // Two 32-bit chains, so the adds are four deep rather than eight.
        var even = SignedStep(a0, w0, q);
        var odd = SignedStep(a1, w1, q + 4);
        even = Avx2.Add(even, SignedStep(a2, w2, q + 8));
        odd = Avx2.Add(odd, SignedStep(a3, w3, q + 12));
        even = Avx2.Add(even, SignedStep(a4, w4, q + 16));
        odd = Avx2.Add(odd, SignedStep(a5, w5, q + 20));
        even = Avx2.Add(even, SignedStep(a6, w6, q + 24));
        odd = Avx2.Add(odd, SignedStep(a7, w7, q + 28));
        // The token's scale is broadcast straight from memory, a load-only operation, not a shuffle from a register.
        return Fma.MultiplyAdd(Avx.ConvertToVector256Single(Avx2.Add(even, odd)), Vector256.Load(dw) * Avx.BroadcastScalarToVector256(dx), acc);
    }

    /// <summary>Lane r: Σ_{i &lt; 4} q_r[4k + i]·x[4k + i], as |q|·(x signed by q).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> SignedStep(Vector256<byte> absW, Vector256<sbyte> w, byte* q)
        => Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(absW, Avx2.Sign(Quad(q), w)), Vector256<short>.One);
}
