using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Gantry.Tensors.Quantization;

namespace Gantry.Tensors.Kernels;

/// <summary>
/// VNNI micro-kernel of the batched Q8_0 / Q4_0 path: eight weight rows (one <see cref="PackedRows8"/> group) ·
/// four activation rows, lane r of each accumulator being output row r.
/// </summary>
/// <remarks>
/// The row-at-a-time kernels (<see cref="UnsignedBlockDot{TBlocks}.Dot4"/>) get eight partial sums of ONE output from each
/// vpdpbusd, so every (row, token, block) pays a convert, a multiply and an FMA besides the dot, and a horizontal
/// sum at the end. Here the weights are transposed so that vpdpbusd k adds row r's bytes 4k..4k+3 times the
/// token's bytes 4k..4k+3 (broadcast from memory) into lane r: eight vpdpbusd complete the block's exact integer
/// dot for eight rows, and one convert/multiply/FMA scales all eight. Per (row, token, block) that is 1.5 ALU
/// operations instead of 5. The integers equal the other paths' exactly; only float summation order differs.
/// </remarks>
internal static unsafe partial class DotPacked8x4
{
    /// <summary>Q8_0 weights (packed as q + 128) against Q8_0 activation rows.</summary>
    /// <param name="packed">One packed group: (cols / 32, <see cref="PackedRows8.BlockBytes"/>).</param>
    /// <param name="x">(4, xStride bytes) <see cref="Q8ActivationRow"/>s.</param>
    /// <param name="y">(4, yStride floats): writes y[t·yStride + r] for t &lt; 4, r &lt; 8.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Q8_0(byte* packed, byte* x, nint xStride, int cols, float* y, nint yStride)
        => Run(packed, x, xStride, cols, y, yStride, minus8: false);

    /// <summary>Q4_0 weights (packed as nibbles 0..15) against Q8_0 activation rows; parameters as <see cref="Q8_0"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Q4_0(byte* packed, byte* x, nint xStride, int cols, float* y, nint yStride)
        => Run(packed, x, xStride, cols, y, yStride, minus8: true);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Run(byte* packed, byte* x, nint xStride, int cols, float* y, nint yStride, bool minus8)
    {
        const int XBytes = BlockQ8_0.BlockBytes;
        byte* x0 = x + 2, x1 = x + xStride + 2, x2 = x + 2 * xStride + 2, x3 = x + 3 * xStride + 2;
        float* s0 = Q8ActivationRow.Scales(x, cols), s1 = Q8ActivationRow.Scales(x + xStride, cols);
        float* s2 = Q8ActivationRow.Scales(x + 2 * xStride, cols), s3 = Q8ActivationRow.Scales(x + 3 * xStride, cols);
        int* c0 = Corrections(x, cols, minus8), c1 = Corrections(x + xStride, cols, minus8);
        int* c2 = Corrections(x + 2 * xStride, cols, minus8), c3 = Corrections(x + 3 * xStride, cols, minus8);
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
            acc0 = Token(w0, w1, w2, w3, w4, w5, w6, w7, dw, x0, s0[b], c0[b], acc0);
            acc1 = Token(w0, w1, w2, w3, w4, w5, w6, w7, dw, x1, s1[b], c1[b], acc1);
            acc2 = Token(w0, w1, w2, w3, w4, w5, w6, w7, dw, x2, s2[b], c2[b], acc2);
            acc3 = Token(w0, w1, w2, w3, w4, w5, w6, w7, dw, x3, s3[b], c3[b], acc3);
        }
        acc0.Store(y);
        acc1.Store(y + yStride);
        acc2.Store(y + 2 * yStride);
        acc3.Store(y + 3 * yStride);
    }

    /// <summary>
    /// acc + d_w·d_x·(correction + Σ u·x) for one block of one token in all eight lanes; <paramref name="q"/> points
    /// at the token's 32 quants.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Token(Vector256<byte> w0, Vector256<byte> w1, Vector256<byte> w2, Vector256<byte> w3,
        Vector256<byte> w4, Vector256<byte> w5, Vector256<byte> w6, Vector256<byte> w7, float* dw,
        byte* q, float dx, int correction, Vector256<float> acc)
    {
        // Two chains (even and odd k), so the eight dependent vpdpbusd are four deep.
        var even = Vector256.Create(correction);
        var odd = Vector256<int>.Zero;
        even = AvxVnni.MultiplyWideningAndAdd(even, w0, Quad(q));
        odd = AvxVnni.MultiplyWideningAndAdd(odd, w1, Quad(q + 4));
        even = AvxVnni.MultiplyWideningAndAdd(even, w2, Quad(q + 8));
        odd = AvxVnni.MultiplyWideningAndAdd(odd, w3, Quad(q + 12));
        even = AvxVnni.MultiplyWideningAndAdd(even, w4, Quad(q + 16));
        odd = AvxVnni.MultiplyWideningAndAdd(odd, w5, Quad(q + 20));
        even = AvxVnni.MultiplyWideningAndAdd(even, w6, Quad(q + 24));
        odd = AvxVnni.MultiplyWideningAndAdd(odd, w7, Quad(q + 28));
        var isum = even + odd;
        return Fma.MultiplyAdd(Avx.ConvertToVector256Single(isum), Vector256.Load(dw) * Vector256.Create(dx), acc);
    }

    /// <summary>The token's four quants at <paramref name="q"/> in every 32-bit lane (vpbroadcastd from memory: a load, no shuffle).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<sbyte> Quad(byte* q) => Vector256.Create(Unsafe.ReadUnaligned<int>(q)).AsSByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int* Corrections(byte* row, int cols, bool minus8)
        => minus8 ? Q8ActivationRow.Minus8Sums(row, cols) : Q8ActivationRow.Minus128Sums(row, cols);
}
