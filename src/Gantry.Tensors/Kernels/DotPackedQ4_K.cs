using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Gantry.Tensors.Quantization;

namespace Gantry.Tensors.Kernels;

/// <summary>
/// The eight-row Q4_K micro-kernels for CPUs without <c>vpdpbusd</c> at 256 bits, over weights repacked at load
/// (<see cref="NibbleKRows8"/>) against Q8_K activation rows: lane r of each accumulator is output row r.
/// </summary>
/// <remarks>
/// A nibble times a Q8_K quant, two per 16-bit lane, is at most 3,840 in size, so a run's eight k-steps add up in
/// 16 bits (≤ 30,720) and one <c>vpmaddwd</c> against the rows' scales (sc_r, sc_r) widens and scales them at once.
/// The mins term pairs two runs per <c>vpmaddwd</c>: the rows' (m_2i, m_2i+1) against the token's run sums
/// (Σx_2i, Σx_2i+1) from the Q8_K bsums. Per super-block and token that is 64 vpmaddubsw, 56 vpaddw and 12 vpmaddwd
/// for eight rows, with no per-row scale unpacking, broadcasting or horizontal sum as in the row-at-a-time kernel.
/// The integers equal the row kernels' exactly; only float summation order differs.
/// </remarks>
internal static unsafe class DotPackedQ4_K
{
    private const int XBytes = BlockQ8_K.BlockBytes;

    /// <summary>Eight repacked rows · four Q8_K activation rows.</summary>
    /// <param name="packed">One packed group: (cols / 256, <see cref="NibbleKRows8.BlockBytes"/>).</param>
    /// <param name="x">(4, xStride bytes) Q8_K rows.</param>
    /// <param name="y">(4, yStride floats): writes y[t·yStride + r] for t &lt; 4, r &lt; 8.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RepackedAvx2(byte* packed, byte* x, nint xStride, int cols, float* y, nint yStride)
    {
        byte* x0 = x, x1 = x + xStride, x2 = x + 2 * xStride, x3 = x + 3 * xStride;
        Vector256<float> acc0 = default, acc1 = default, acc2 = default, acc3 = default;
        for (int b = 0; b < cols / 256; b++, packed += NibbleKRows8.BlockBytes, x0 += XBytes, x1 += XBytes, x2 += XBytes, x3 += XBytes)
        {
            // The first group of four tokens over a tile reads it from DRAM (the rest from L2).
            Prefetch.Ahead(packed, NibbleKRows8.BlockBytes);
            Vector256<int> i0 = default, i1 = default, i2 = default, i3 = default;
            for (int c = 0; c < 4; c++)
            {
                ChunkLevels(packed + 256 * c, out var l0, out var l1, out var l2, out var l3, out var l4, out var l5, out var l6, out var l7,
                    out var h0, out var h1, out var h2, out var h3, out var h4, out var h5, out var h6, out var h7);
                var scLo = ScalePairs(packed + NibbleKRows8.ScaleOffset + 16 * c);
                var scHi = ScalePairs(packed + NibbleKRows8.ScaleOffset + 16 * c + 8);
                int o = BlockQ8_K.QsOffset + 64 * c;
                i0 = Chunk(l0, l1, l2, l3, l4, l5, l6, l7, h0, h1, h2, h3, h4, h5, h6, h7, x0 + o, scLo, scHi, i0);
                i1 = Chunk(l0, l1, l2, l3, l4, l5, l6, l7, h0, h1, h2, h3, h4, h5, h6, h7, x1 + o, scLo, scHi, i1);
                i2 = Chunk(l0, l1, l2, l3, l4, l5, l6, l7, h0, h1, h2, h3, h4, h5, h6, h7, x2 + o, scLo, scHi, i2);
                i3 = Chunk(l0, l1, l2, l3, l4, l5, l6, l7, h0, h1, h2, h3, h4, h5, h6, h7, x3 + o, scLo, scHi, i3);
            }
            var m0 = MinPairs(packed, 0); var m1 = MinPairs(packed, 1); var m2 = MinPairs(packed, 2); var m3 = MinPairs(packed, 3);
            acc0 = Finish(packed, x0, i0, m0, m1, m2, m3, acc0);
            acc1 = Finish(packed, x1, i1, m0, m1, m2, m3, acc1);
            acc2 = Finish(packed, x2, i2, m0, m1, m2, m3, acc2);
            acc3 = Finish(packed, x3, i3, m0, m1, m2, m3, acc3);
        }
        acc0.Store(y);
        acc1.Store(y + yStride);
        acc2.Store(y + 2 * yStride);
        acc3.Store(y + 3 * yStride);
    }

    /// <summary>Eight repacked rows · one Q8_K activation row (decode, and the tokens past the last group of four).</summary>
    /// <param name="y">(8) dots, one per row of the group.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RepackedAvx2Single(byte* packed, byte* x, int cols, float* y)
    {
        Vector256<float> acc = default;
        for (int b = 0; b < cols / 256; b++, packed += NibbleKRows8.BlockBytes, x += XBytes)
        {
            Prefetch.Ahead(packed, NibbleKRows8.BlockBytes);
            Vector256<int> isum = default;
            for (int c = 0; c < 4; c++)
            {
                ChunkLevels(packed + 256 * c, out var l0, out var l1, out var l2, out var l3, out var l4, out var l5, out var l6, out var l7,
                    out var h0, out var h1, out var h2, out var h3, out var h4, out var h5, out var h6, out var h7);
                isum = Chunk(l0, l1, l2, l3, l4, l5, l6, l7, h0, h1, h2, h3, h4, h5, h6, h7, x + BlockQ8_K.QsOffset + 64 * c,
                    ScalePairs(packed + NibbleKRows8.ScaleOffset + 16 * c), ScalePairs(packed + NibbleKRows8.ScaleOffset + 16 * c + 8), isum);
            }
            acc = Finish(packed, x, isum, MinPairs(packed, 0), MinPairs(packed, 1), MinPairs(packed, 2), MinPairs(packed, 3), acc);
        }
        acc.Store(y);
    }

    /// <summary>The levels of one 32-byte chunk's eight quads: low nibbles (run 2c) and high nibbles (run 2c + 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ChunkLevels(byte* p,
        out Vector256<byte> l0, out Vector256<byte> l1, out Vector256<byte> l2, out Vector256<byte> l3,
        out Vector256<byte> l4, out Vector256<byte> l5, out Vector256<byte> l6, out Vector256<byte> l7,
        out Vector256<byte> h0, out Vector256<byte> h1, out Vector256<byte> h2, out Vector256<byte> h3,
        out Vector256<byte> h4, out Vector256<byte> h5, out Vector256<byte> h6, out Vector256<byte> h7)
    {
        (l0, h0) = NibbleRows8.Levels(p);
        (l1, h1) = NibbleRows8.Levels(p + 32);
        (l2, h2) = NibbleRows8.Levels(p + 64);
        (l3, h3) = NibbleRows8.Levels(p + 96);
        (l4, h4) = NibbleRows8.Levels(p + 128);
        (l5, h5) = NibbleRows8.Levels(p + 160);
        (l6, h6) = NibbleRows8.Levels(p + 192);
        (l7, h7) = NibbleRows8.Levels(p + 224);
    }

    /// <summary>isum + sc_2c·Σ(run 2c) + sc_2c+1·Σ(run 2c + 1) per lane; <paramref name="q"/> points at the chunk's 64 quants.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Chunk(
        Vector256<byte> l0, Vector256<byte> l1, Vector256<byte> l2, Vector256<byte> l3,
        Vector256<byte> l4, Vector256<byte> l5, Vector256<byte> l6, Vector256<byte> l7,
        Vector256<byte> h0, Vector256<byte> h1, Vector256<byte> h2, Vector256<byte> h3,
        Vector256<byte> h4, Vector256<byte> h5, Vector256<byte> h6, Vector256<byte> h7,
        byte* q, Vector256<short> scLo, Vector256<short> scHi, Vector256<int> isum)
    {
        var lo = Avx2.MultiplyAddAdjacent(l0, DotPacked8x4.Quad(q));
        var hi = Avx2.MultiplyAddAdjacent(h0, DotPacked8x4.Quad(q + 32));
        lo = Avx2.Add(lo, Avx2.MultiplyAddAdjacent(l1, DotPacked8x4.Quad(q + 4)));
        hi = Avx2.Add(hi, Avx2.MultiplyAddAdjacent(h1, DotPacked8x4.Quad(q + 36)));
        lo = Avx2.Add(lo, Avx2.MultiplyAddAdjacent(l2, DotPacked8x4.Quad(q + 8)));
        hi = Avx2.Add(hi, Avx2.MultiplyAddAdjacent(h2, DotPacked8x4.Quad(q + 40)));
        lo = Avx2.Add(lo, Avx2.MultiplyAddAdjacent(l3, DotPacked8x4.Quad(q + 12)));
        hi = Avx2.Add(hi, Avx2.MultiplyAddAdjacent(h3, DotPacked8x4.Quad(q + 44)));
        lo = Avx2.Add(lo, Avx2.MultiplyAddAdjacent(l4, DotPacked8x4.Quad(q + 16)));
        hi = Avx2.Add(hi, Avx2.MultiplyAddAdjacent(h4, DotPacked8x4.Quad(q + 48)));
        lo = Avx2.Add(lo, Avx2.MultiplyAddAdjacent(l5, DotPacked8x4.Quad(q + 20)));
        hi = Avx2.Add(hi, Avx2.MultiplyAddAdjacent(h5, DotPacked8x4.Quad(q + 52)));
        lo = Avx2.Add(lo, Avx2.MultiplyAddAdjacent(l6, DotPacked8x4.Quad(q + 24)));
        hi = Avx2.Add(hi, Avx2.MultiplyAddAdjacent(h6, DotPacked8x4.Quad(q + 56)));
        lo = Avx2.Add(lo, Avx2.MultiplyAddAdjacent(l7, DotPacked8x4.Quad(q + 28)));
        hi = Avx2.Add(hi, Avx2.MultiplyAddAdjacent(h7, DotPacked8x4.Quad(q + 60)));
        return Avx2.Add(isum, Avx2.Add(Avx2.MultiplyAddAdjacent(lo, scLo), Avx2.MultiplyAddAdjacent(hi, scHi)));
    }

    /// <summary>acc + d_x·(D·isum − DMIN·Σ_j m_j·Σx_j) for one super-block of one token.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Finish(byte* packed, byte* x, Vector256<int> isum,
        Vector256<short> m0, Vector256<short> m1, Vector256<short> m2, Vector256<short> m3, Vector256<float> acc)
    {
        // Run sums Σx_j (≤ 32·128, so they pack to 16 bits exactly); per 128-bit half the words are then
        // (Σx_0, Σx_1), (Σx_2, Σx_3) twice, and (Σx_4, Σx_5), (Σx_6, Σx_7) twice.
        var runSums = Avx2.MultiplyAddAdjacent(Vector256.Load((short*)(x + BlockQ8_K.BsumsOffset)), Vector256<short>.One);
        var words = Avx2.PackSignedSaturate(runSums, runSums).AsInt32();
        var mins = Avx2.Add(
            Avx2.Add(Avx2.MultiplyAddAdjacent(m0, Avx2.PermuteVar8x32(words, Vector256.Create(0)).AsInt16()),
                     Avx2.MultiplyAddAdjacent(m1, Avx2.PermuteVar8x32(words, Vector256.Create(1)).AsInt16())),
            Avx2.Add(Avx2.MultiplyAddAdjacent(m2, Avx2.PermuteVar8x32(words, Vector256.Create(4)).AsInt16()),
                     Avx2.MultiplyAddAdjacent(m3, Avx2.PermuteVar8x32(words, Vector256.Create(5)).AsInt16())));
        var dx = Avx.BroadcastScalarToVector256((float*)x); // from memory: a load, not a shuffle from a register
        acc = Fma.MultiplyAdd(Avx.ConvertToVector256Single(isum), Vector256.Load((float*)(packed + NibbleKRows8.DOffset)) * dx, acc);
        return Fma.MultiplyAdd(Avx.ConvertToVector256Single(mins), Vector256.Load((float*)(packed + NibbleKRows8.NegDminOffset)) * dx, acc);
    }

    /// <summary>Lane r = (sc_r, sc_r) from the eight rows' scale bytes of one run.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<short> ScalePairs(byte* scales)
    {
        var v = Avx2.ConvertToVector256Int32(scales);
        return Avx2.Or(v, Avx2.ShiftLeftLogical(v, 16)).AsInt16();
    }

    /// <summary>Lane r = (m_r of run 2i, m_r of run 2i + 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<short> MinPairs(byte* packed, int i) =>
        Avx2.ConvertToVector256Int16(packed + NibbleKRows8.MinPairOffset + 16 * i);
}
