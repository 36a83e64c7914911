using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Gantry.Tensors.Quantization;

namespace Gantry.Tensors.Kernels;

/// <summary>
/// The eight-row Q6_K micro-kernels for CPUs without <c>vpdpbusd</c> at 256 bits, over weights repacked at load
/// (<see cref="SixBitKRows8"/>) against Q8_K activation rows: lane r of each accumulator is output row r.
/// </summary>
/// <remarks>
/// A six-bit level (0..63) times a Q8_K quant, two per 16-bit lane, is at most 16,128 in size, so two k-steps add up
/// in 16 bits and one <c>vpmaddwd</c> against the rows' sub-block scales (sc_r, sc_r) widens and scales them. The
/// −32 offset is taken out once per super-block: 32·Σ_s sc_s·Σx_s, pairing two sub-blocks per <c>vpmaddwd</c> against
/// the Q8_K bsums. The integers equal the row kernels' exactly; only float summation order differs.
/// </remarks>
internal static unsafe class DotPackedQ6_K
{
    private const int XBytes = BlockQ8_K.BlockBytes;

    /// <summary>Eight repacked rows · four Q8_K activation rows.</summary>
    /// <param name="packed">One packed group: (cols / 256, <see cref="SixBitKRows8.BlockBytes"/>).</param>
    /// <param name="x">(4, xStride bytes) Q8_K rows.</param>
    /// <param name="y">(4, yStride floats): writes y[t·yStride + r] for t &lt; 4, r &lt; 8.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RepackedAvx2(byte* packed, byte* x, nint xStride, int cols, float* y, nint yStride)
    {
        byte* x0 = x, x1 = x + xStride, x2 = x + 2 * xStride, x3 = x + 3 * xStride;
        Vector256<float> acc0 = default, acc1 = default, acc2 = default, acc3 = default;
        for (int b = 0; b < cols / 256; b++, packed += SixBitKRows8.BlockBytes, x0 += XBytes, x1 += XBytes, x2 += XBytes, x3 += XBytes)
        {
            // The first group of four tokens over a tile reads it from DRAM (the rest from L2).
            Prefetch.Ahead(packed, SixBitKRows8.BlockBytes);
            Vector256<int> i0 = default, i1 = default, i2 = default, i3 = default;
            for (int h = 0; h < 2; h++)
            for (int half = 0; half < 2; half++)
            {
                // Sub-blocks 8h + 2·run + half: the even one for quads 0-3 of a run, the odd one for 4-7.
                int s = 8 * h + half;
                var sp0 = ScalePairs(packed, s); var sp1 = ScalePairs(packed, s + 2);
                var sp2 = ScalePairs(packed, s + 4); var sp3 = ScalePairs(packed, s + 6);
                for (int k = 4 * half; k < 4 * half + 4; k += 2)
                {
                    Levels(packed, h, k, out var a0, out var a1, out var a2, out var a3);
                    Levels(packed, h, k + 1, out var b0, out var b1, out var b2, out var b3);
                    int o = BlockQ8_K.QsOffset + 128 * h + 4 * k;
                    i0 = TwoQuads(a0, a1, a2, a3, b0, b1, b2, b3, x0 + o, sp0, sp1, sp2, sp3, i0);
                    i1 = TwoQuads(a0, a1, a2, a3, b0, b1, b2, b3, x1 + o, sp0, sp1, sp2, sp3, i1);
                    i2 = TwoQuads(a0, a1, a2, a3, b0, b1, b2, b3, x2 + o, sp0, sp1, sp2, sp3, i2);
                    i3 = TwoQuads(a0, a1, a2, a3, b0, b1, b2, b3, x3 + o, sp0, sp1, sp2, sp3, i3);
                }
            }
            var pairs = new OffsetPairs(packed);
            acc0 = Finish(packed, x0, i0, pairs, acc0);
            acc1 = Finish(packed, x1, i1, pairs, acc1);
            acc2 = Finish(packed, x2, i2, pairs, acc2);
            acc3 = Finish(packed, x3, i3, pairs, acc3);
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
        for (int b = 0; b < cols / 256; b++, packed += SixBitKRows8.BlockBytes, x += XBytes)
        {
            Prefetch.Ahead(packed, SixBitKRows8.BlockBytes);
            Vector256<int> isum = default;
            for (int h = 0; h < 2; h++)
            for (int half = 0; half < 2; half++)
            {
                // Each sub-block's scale pairs serve two quad pairs: made once for both, not once per quad pair.
                int s = 8 * h + half;
                var sp0 = ScalePairs(packed, s); var sp1 = ScalePairs(packed, s + 2);
                var sp2 = ScalePairs(packed, s + 4); var sp3 = ScalePairs(packed, s + 6);
                for (int k = 4 * half; k < 4 * half + 4; k += 2)
                {
                    Levels(packed, h, k, out var a0, out var a1, out var a2, out var a3);
                    Levels(packed, h, k + 1, out var b0, out var b1, out var b2, out var b3);
                    isum = TwoQuads(a0, a1, a2, a3, b0, b1, b2, b3, x + BlockQ8_K.QsOffset + 128 * h + 4 * k, sp0, sp1, sp2, sp3, isum);
                }
            }
            acc = Finish(packed, x, isum, new OffsetPairs(packed), acc);
        }
        acc.Store(y);
    }

    /// <summary>The levels of quad k of half h in each of its four 32-value runs (lane r = row r).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Levels(byte* packed, int h, int k,
        out Vector256<byte> run0, out Vector256<byte> run1, out Vector256<byte> run2, out Vector256<byte> run3)
    {
        var low = Vector256.Load(packed + SixBitKRows8.QuadOffset(h, 0, k));
        var high = Vector256.Load(packed + SixBitKRows8.QuadOffset(h, 1, k));
        var bits = Vector256.Load(packed + SixBitKRows8.QuadOffset(h, 2, k));
        var nibble = Vector256.Create((byte)0x0F);
        var top = Vector256.Create((byte)0x30);
        run0 = (low & nibble) | ((bits & Vector256.Create((byte)0x03)).AsUInt16() << 4).AsByte();
        run1 = (high & nibble) | ((bits & Vector256.Create((byte)0x0C)).AsUInt16() << 2).AsByte();
        run2 = ((low.AsUInt16() >> 4).AsByte() & nibble) | (bits & top);
        run3 = ((high.AsUInt16() >> 4).AsByte() & nibble) | ((bits.AsUInt16() >> 2).AsByte() & top);
    }

    /// <summary>isum + Σ_run sc·(levels · x) over quads k and k + 1 of each run; <paramref name="q"/> points at quad k of run 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> TwoQuads(
        Vector256<byte> a0, Vector256<byte> a1, Vector256<byte> a2, Vector256<byte> a3,
        Vector256<byte> b0, Vector256<byte> b1, Vector256<byte> b2, Vector256<byte> b3,
        byte* q, Vector256<short> sp0, Vector256<short> sp1, Vector256<short> sp2, Vector256<short> sp3, Vector256<int> isum)
    {
        var r0 = Avx2.Add(Avx2.MultiplyAddAdjacent(a0, DotPacked8x4.Quad(q)), Avx2.MultiplyAddAdjacent(b0, DotPacked8x4.Quad(q + 4)));
        var r1 = Avx2.Add(Avx2.MultiplyAddAdjacent(a1, DotPacked8x4.Quad(q + 32)), Avx2.MultiplyAddAdjacent(b1, DotPacked8x4.Quad(q + 36)));
        var r2 = Avx2.Add(Avx2.MultiplyAddAdjacent(a2, DotPacked8x4.Quad(q + 64)), Avx2.MultiplyAddAdjacent(b2, DotPacked8x4.Quad(q + 68)));
        var r3 = Avx2.Add(Avx2.MultiplyAddAdjacent(a3, DotPacked8x4.Quad(q + 96)), Avx2.MultiplyAddAdjacent(b3, DotPacked8x4.Quad(q + 100)));
        var even = Avx2.Add(Avx2.MultiplyAddAdjacent(r0, sp0), Avx2.MultiplyAddAdjacent(r2, sp2));
        var odd = Avx2.Add(Avx2.MultiplyAddAdjacent(r1, sp1), Avx2.MultiplyAddAdjacent(r3, sp3));
        return Avx2.Add(isum, Avx2.Add(even, odd));
    }

    /// <summary>acc + d_x·D·(isum − 32·Σ_s sc_s·Σx_s) for one super-block of one token.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Finish(byte* packed, byte* x, Vector256<int> isum, in OffsetPairs pairs, Vector256<float> acc)
    {
        // Bsum pairs and the token's scale are broadcast straight from memory (load-only operations), not shuffled
        // from registers.
        var bsums = (int*)(x + BlockQ8_K.BsumsOffset);
        var offset = Avx2.Add(
            Avx2.Add(Avx2.MultiplyAddAdjacent(pairs.P0, Avx2.BroadcastScalarToVector256(bsums + 0).AsInt16()),
                     Avx2.MultiplyAddAdjacent(pairs.P1, Avx2.BroadcastScalarToVector256(bsums + 1).AsInt16())),
            Avx2.Add(Avx2.MultiplyAddAdjacent(pairs.P2, Avx2.BroadcastScalarToVector256(bsums + 2).AsInt16()),
                     Avx2.MultiplyAddAdjacent(pairs.P3, Avx2.BroadcastScalarToVector256(bsums + 3).AsInt16())));
        offset = Avx2.Add(offset, Avx2.Add(
            Avx2.Add(Avx2.MultiplyAddAdjacent(pairs.P4, Avx2.BroadcastScalarToVector256(bsums + 4).AsInt16()),
                     Avx2.MultiplyAddAdjacent(pairs.P5, Avx2.BroadcastScalarToVector256(bsums + 5).AsInt16())),
            Avx2.Add(Avx2.MultiplyAddAdjacent(pairs.P6, Avx2.BroadcastScalarToVector256(bsums + 6).AsInt16()),
                     Avx2.MultiplyAddAdjacent(pairs.P7, Avx2.BroadcastScalarToVector256(bsums + 7).AsInt16()))));
        var total = Avx2.Subtract(isum, Avx2.ShiftLeftLogical(offset, 5));
        var scale = Vector256.Load((float*)(packed + SixBitKRows8.DOffset)) * Avx.BroadcastScalarToVector256((float*)x);
        return Fma.MultiplyAdd(Avx.ConvertToVector256Single(total), scale, acc);
    }

    /// <summary>
    /// The rows' scales of sub-blocks 2i and 2i + 1 as 16-bit pairs (lane r = (sc_r,2i, sc_r,2i+1)), against the
    /// token's bsum pairs: made once per super-block, shared by the tokens of a four-token pass.
    /// </summary>
    private readonly struct OffsetPairs
    {
        public readonly Vector256<short> P0, P1, P2, P3, P4, P5, P6, P7;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public OffsetPairs(byte* packed)
        {
            byte* sc = packed + SixBitKRows8.ScaleOffset;
            P0 = Pair(sc); P1 = Pair(sc + 16); P2 = Pair(sc + 32); P3 = Pair(sc + 48);
            P4 = Pair(sc + 64); P5 = Pair(sc + 80); P6 = Pair(sc + 96); P7 = Pair(sc + 112);
        }

        /// <summary>Two sub-blocks' eight scale bytes each, interleaved by row and sign-extended.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<short> Pair(byte* twoSubBlocks) =>
            Avx2.ConvertToVector256Int16(Ssse3.Shuffle(Vector128.Load(twoSubBlocks), Vector128.Create((byte)0, 8, 1, 9, 2, 10, 3, 11, 4, 12, 5, 13, 6, 14, 7, 15)).AsSByte());
    }

    /// <summary>Lane r = (sc_r, sc_r) of sub-block <paramref name="s"/>, sign-extended.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<short> ScalePairs(byte* packed, int s)
    {
        // Each scale byte doubled in place, then widened: two operations against four for widen, mask, shift, or.
        var scales = Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<long>(packed + SixBitKRows8.ScaleOffset + 8 * s)).AsSByte();
        return Avx2.ConvertToVector256Int16(Sse2.UnpackLow(scales, scales));
    }
}
