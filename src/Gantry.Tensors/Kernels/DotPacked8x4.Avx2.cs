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
/// row-at-a-time AVX2 kernel. Q8_0's flipped bytes (up to 255) would saturate <c>vpmaddubsw</c>, so Q8_0 takes its
/// own signed layout on this path (<see cref="SignedRows8"/>, repacked at load).
/// </remarks>
internal static unsafe partial class DotPacked8x4
{
    /// <summary>Q4_0 weights packed per call (<see cref="PackedRows8"/>) against Q8_0 activation rows; parameters as <see cref="Q8_0"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Q4_0Avx2(byte* packed, byte* x, nint xStride, int cols, float* y, nint yStride)
        => FourMaddubs<ByteLevels>(packed, x, xStride, cols, y, yStride);

    /// <summary>
    /// One token against a packed group (the tokens of a packed tile past its last group of four): ~4.5 operations per
    /// row and block against ~12 for the row-at-a-time kernel, with the tile already in L2.
    /// </summary>
    /// <param name="packed">One packed group: (cols / 32, <see cref="PackedRows8.BlockBytes"/>).</param>
    /// <param name="x">One <see cref="Q8ActivationRow"/>.</param>
    /// <param name="y">(8) dots, one per row of the group.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Q4_0Avx2Single(byte* packed, byte* x, int cols, float* y) => OneMaddubs<ByteLevels>(packed, x, cols, y);

    /// <summary>As <see cref="Q4_0Avx2"/> over weights repacked at load (<see cref="NibbleRows8"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Q4_0RepackedAvx2(byte* packed, byte* x, nint xStride, int cols, float* y, nint yStride)
        => FourMaddubs<NibbleLevels>(packed, x, xStride, cols, y, yStride);

    /// <summary>As <see cref="Q4_0Avx2Single"/> over weights repacked at load (<see cref="NibbleRows8"/>), streamed from memory.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Q4_0RepackedAvx2Single(byte* packed, byte* x, int cols, float* y) => OneMaddubs<NibbleLevels>(packed, x, cols, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FourMaddubs<TLevels>(byte* packed, byte* x, nint xStride, int cols, float* y, nint yStride)
        where TLevels : struct, IPackedQ4Levels
    {
        const int XBytes = BlockQ8_0.BlockBytes;
        byte* x0 = x + 2, x1 = x + xStride + 2, x2 = x + 2 * xStride + 2, x3 = x + 3 * xStride + 2;
        float* s0 = Q8ActivationRow.Scales(x, cols), s1 = Q8ActivationRow.Scales(x + xStride, cols);
        float* s2 = Q8ActivationRow.Scales(x + 2 * xStride, cols), s3 = Q8ActivationRow.Scales(x + 3 * xStride, cols);
        int* c0 = Q8ActivationRow.Minus8Sums(x, cols), c1 = Q8ActivationRow.Minus8Sums(x + xStride, cols);
        int* c2 = Q8ActivationRow.Minus8Sums(x + 2 * xStride, cols), c3 = Q8ActivationRow.Minus8Sums(x + 3 * xStride, cols);
        Vector256<float> acc0 = default, acc1 = default, acc2 = default, acc3 = default;
        for (int b = 0; b < cols / 32; b++, packed += TLevels.BlockBytes, x0 += XBytes, x1 += XBytes, x2 += XBytes, x3 += XBytes)
        {
            // The first group of four tokens over a repacked tile reads it from DRAM (the rest from L2).
            if (TLevels.Streams) Prefetch.Ahead(packed, TLevels.BlockBytes);
            TLevels.Load(packed, out var w0, out var w1, out var w2, out var w3, out var w4, out var w5, out var w6, out var w7);
            var dw = (float*)(packed + TLevels.ScaleOffset);
            acc0 = TokenMaddubs(w0, w1, w2, w3, w4, w5, w6, w7, dw, x0, s0 + b, c0 + b, acc0);
            acc1 = TokenMaddubs(w0, w1, w2, w3, w4, w5, w6, w7, dw, x1, s1 + b, c1 + b, acc1);
            acc2 = TokenMaddubs(w0, w1, w2, w3, w4, w5, w6, w7, dw, x2, s2 + b, c2 + b, acc2);
            acc3 = TokenMaddubs(w0, w1, w2, w3, w4, w5, w6, w7, dw, x3, s3 + b, c3 + b, acc3);
        }
        acc0.Store(y);
        acc1.Store(y + yStride);
        acc2.Store(y + 2 * yStride);
        acc3.Store(y + 3 * yStride);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void OneMaddubs<TLevels>(byte* packed, byte* x, int cols, float* y) where TLevels : struct, IPackedQ4Levels
    {
        byte* q = x + 2;
        float* s = Q8ActivationRow.Scales(x, cols);
        int* c = Q8ActivationRow.Minus8Sums(x, cols);
        Vector256<float> acc = default;
        for (int b = 0; b < cols / 32; b++, packed += TLevels.BlockBytes, q += BlockQ8_0.BlockBytes)
        {
            // Repacked weights stream from DRAM here (decode); a per-call packed tile is already in L2.
            if (TLevels.Streams) Prefetch.Ahead(packed, TLevels.BlockBytes);
            TLevels.Load(packed, out var w0, out var w1, out var w2, out var w3, out var w4, out var w5, out var w6, out var w7);
            acc = TokenMaddubs(w0, w1, w2, w3, w4, w5, w6, w7, (float*)(packed + TLevels.ScaleOffset), q, s + b, c + b, acc);
        }
        acc.Store(y);
    }

    /// <summary>acc + d_w·d_x·(correction + Σ u·x) for one block of one token in all eight lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> TokenMaddubs(Vector256<byte> w0, Vector256<byte> w1, Vector256<byte> w2, Vector256<byte> w3,
        Vector256<byte> w4, Vector256<byte> w5, Vector256<byte> w6, Vector256<byte> w7, float* dw,
        byte* q, float* dx, int* correction, Vector256<float> acc)
    {
        // The token's scale and correction are broadcast straight from memory (load-only operations): built from a
        // scalar register they took a vector shuffle each, for every token and block.
        // Two 16-bit chains, so the adds are four deep rather than eight.
        var even = Avx2.MultiplyAddAdjacent(w0, Quad(q));
        var odd = Avx2.MultiplyAddAdjacent(w1, Quad(q + 4));
        even = Avx2.Add(even, Avx2.MultiplyAddAdjacent(w2, Quad(q + 8)));
        odd = Avx2.Add(odd, Avx2.MultiplyAddAdjacent(w3, Quad(q + 12)));
        even = Avx2.Add(even, Avx2.MultiplyAddAdjacent(w4, Quad(q + 16)));
        odd = Avx2.Add(odd, Avx2.MultiplyAddAdjacent(w5, Quad(q + 20)));
        even = Avx2.Add(even, Avx2.MultiplyAddAdjacent(w6, Quad(q + 24)));
        odd = Avx2.Add(odd, Avx2.MultiplyAddAdjacent(w7, Quad(q + 28)));
        var isum = Avx2.Add(Avx2.MultiplyAddAdjacent(Avx2.Add(even, odd), Vector256<short>.One), Avx2.BroadcastScalarToVector256(correction));
        return Fma.MultiplyAdd(Avx.ConvertToVector256Single(isum), Vector256.Load(dw) * Avx.BroadcastScalarToVector256(dx), acc);
    }
}

/// <summary>How the AVX2 Q4_0 kernels read one packed block: its levels W_0 … W_7 (lane r = row r) and its scales.</summary>
internal unsafe interface IPackedQ4Levels
{
    static abstract int BlockBytes { get; }
    static abstract int ScaleOffset { get; }
    /// <summary>Whether the blocks come from DRAM (weights repacked at load), so prefetching pays.</summary>
    static abstract bool Streams { get; }
    static abstract void Load(byte* p, out Vector256<byte> w0, out Vector256<byte> w1, out Vector256<byte> w2, out Vector256<byte> w3,
        out Vector256<byte> w4, out Vector256<byte> w5, out Vector256<byte> w6, out Vector256<byte> w7);
}

/// <summary><see cref="PackedRows8"/>: levels one per byte, packed per call.</summary>
internal readonly unsafe struct ByteLevels : IPackedQ4Levels
{
    public static int BlockBytes => PackedRows8.BlockBytes;
    public static int ScaleOffset => 8 * 32;
    public static bool Streams => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Load(byte* p, out Vector256<byte> w0, out Vector256<byte> w1, out Vector256<byte> w2, out Vector256<byte> w3,
        out Vector256<byte> w4, out Vector256<byte> w5, out Vector256<byte> w6, out Vector256<byte> w7)
    {
        w0 = Vector256.Load(p);
        w1 = Vector256.Load(p + 32);
        w2 = Vector256.Load(p + 64);
        w3 = Vector256.Load(p + 96);
        w4 = Vector256.Load(p + 128);
        w5 = Vector256.Load(p + 160);
        w6 = Vector256.Load(p + 192);
        w7 = Vector256.Load(p + 224);
    }
}

/// <summary><see cref="NibbleRows8"/>: four-bit levels repacked at load, split in registers.</summary>
internal readonly unsafe struct NibbleLevels : IPackedQ4Levels
{
    public static int BlockBytes => NibbleRows8.BlockBytes;
    public static int ScaleOffset => 4 * 32;
    public static bool Streams => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Load(byte* p, out Vector256<byte> w0, out Vector256<byte> w1, out Vector256<byte> w2, out Vector256<byte> w3,
        out Vector256<byte> w4, out Vector256<byte> w5, out Vector256<byte> w6, out Vector256<byte> w7)
    {
        (w0, w4) = NibbleRows8.Levels(p);
        (w1, w5) = NibbleRows8.Levels(p + 32);
        (w2, w6) = NibbleRows8.Levels(p + 64);
        (w3, w7) = NibbleRows8.Levels(p + 96);
    }
}
