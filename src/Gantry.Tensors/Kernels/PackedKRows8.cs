using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Gantry.Tensors.Quantization;

namespace Gantry.Tensors.Kernels;

/// <summary>
/// A k-quant whose eight-row packing fits <see cref="PackedKRows8{TFormat}"/>: how many values share one scale.
/// The JIT specializes the kernel per struct, so the choice costs nothing at run time.
/// </summary>
internal interface IPackedKFormat
{
    /// <summary>True when each 16 values have their own scale (Q6_K), false for each 32 (Q4_K).</summary>
    static abstract bool ScalePer16 { get; }
}

/// <summary>
/// The packed batched path (<see cref="PackedRows8"/>, <see cref="DotPacked8x4"/>) carried over to the k-quants'
/// 256-value super-blocks against Q8_K activations: eight rows' levels transposed so one <c>vpdpbusd</c> advances
/// eight output rows, and each row's sub-block scales and offsets moved into lane vectors, so the per-row scalar
/// work of a super-block becomes one FMA per sub-block for all eight rows.
/// </summary>
/// <remarks>
/// Layout of one packed super-block of a group of eight rows (<see cref="BlockBytes"/>), r the row, R = 0..7 the
/// 32-value run, k = 0..7 the quad within it, s the sub-block of one scale (32 values for Q4_K, 16 for Q6_K):
/// <code>
/// W_{R,k}   64 × 32 bytes:          lane r = row r's unsigned levels of values 32R + 4k … 32R + 4k + 3
/// S_s       8 or 16 × 8 floats:     lane r = d_r · scale_{s,r}
/// M_j       8 × 8 × (int16, int16): lane r = the pair that multiplies sub-block j's two 16-value sums
/// D         8 floats:               lane r = the float factor of Σ_j M_j · sums_j
/// </code>
/// Per super-block and token: Σ_s S_s·(Σ W·x over s) + D·Σ_j M_j·(Σx over 16-value halves of run j), then scaled by
/// the token's d. The offset term is one <c>vpdpwssd</c> per run against one 32-bit word of the Q8_K bsums, broadcast,
/// with no horizontal add: Q4_K's mins (M = (m_j, m_j), D = −dmin), Q6_K's −32 offset (M = (sc_2j, sc_2j+1),
/// D = −32·d). Levels are stored one per byte, larger than the nibbles, because the tile is swept by every group of
/// four tokens and unpacking there would cost more than the extra L2 traffic.
/// </remarks>
internal static unsafe class PackedKRows8<TFormat> where TFormat : struct, IPackedKFormat
{
    private const int XBytes = BlockQ8_K.BlockBytes;
    public const int ScaleOffset = 64 * 32;
    public static int PairOffset => ScaleOffset + (TFormat.ScalePer16 ? 16 : 8) * 32;
    public static int FactorOffset => PairOffset + 8 * 32;

    /// <summary>Bytes of one packed super-block of eight rows.</summary>
    public static int BlockBytes => FactorOffset + 32;

    /// <summary>Bytes of one packed group of eight rows of <paramref name="cols"/> values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int GroupBytes(int cols) => cols / 256 * BlockBytes;

    /// <summary>Eight packed rows · four Q8_K activation rows.</summary>
    /// <param name="packed">One packed group: (cols / 256, <see cref="BlockBytes"/>).</param>
    /// <param name="x">(4, xStride bytes) Q8_K rows.</param>
    /// <param name="y">(4, yStride floats): writes y[t·yStride + r] for t &lt; 4, r &lt; 8.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Dot8x4(byte* packed, byte* x, nint xStride, int cols, float* y, nint yStride)
    {
        byte* x0 = x, x1 = x + xStride, x2 = x + 2 * xStride, x3 = x + 3 * xStride;
        int blockBytes = BlockBytes;
        Vector256<float> acc0 = default, acc1 = default, acc2 = default, acc3 = default;
        for (int b = 0; b < cols / 256; b++, packed += blockBytes, x0 += XBytes, x1 += XBytes, x2 += XBytes, x3 += XBytes)
        {
            Vector256<float> s0 = default, s1 = default, s2 = default, s3 = default;
            for (int run = 0; run < 8; run++)
            {
                byte* wr = packed + 256 * run;
                var w0 = Vector256.Load(wr);
                var w1 = Vector256.Load(wr + 32);
                var w2 = Vector256.Load(wr + 64);
                var w3 = Vector256.Load(wr + 96);
                var w4 = Vector256.Load(wr + 128);
                var w5 = Vector256.Load(wr + 160);
                var w6 = Vector256.Load(wr + 192);
                var w7 = Vector256.Load(wr + 224);
                float* scale = (float*)(packed + ScaleOffset) + (TFormat.ScalePer16 ? 16 : 8) * run;
                int o = BlockQ8_K.QsOffset + 32 * run;
                s0 = Run(w0, w1, w2, w3, w4, w5, w6, w7, x0 + o, scale, s0);
                s1 = Run(w0, w1, w2, w3, w4, w5, w6, w7, x1 + o, scale, s1);
                s2 = Run(w0, w1, w2, w3, w4, w5, w6, w7, x2 + o, scale, s2);
                s3 = Run(w0, w1, w2, w3, w4, w5, w6, w7, x3 + o, scale, s3);
            }
            acc0 = Finish(packed, x0, s0, acc0);
            acc1 = Finish(packed, x1, s1, acc1);
            acc2 = Finish(packed, x2, s2, acc2);
            acc3 = Finish(packed, x3, s3, acc3);
        }
        acc0.Store(y);
        acc1.Store(y + yStride);
        acc2.Store(y + 2 * yStride);
        acc3.Store(y + 3 * yStride);
    }

    /// <summary>s + the scaled dots of one 32-value run in all eight lanes; <paramref name="q"/> points at the token's 32 quants.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Run(Vector256<byte> w0, Vector256<byte> w1, Vector256<byte> w2, Vector256<byte> w3,
        Vector256<byte> w4, Vector256<byte> w5, Vector256<byte> w6, Vector256<byte> w7, byte* q, float* scale, Vector256<float> s)
    {
        // Two chains, each four deep: quads 0-3 and 4-7 (the run's two 16-value sub-blocks when they are scaled
        // apart), or even and odd quads (one sub-block).
        var a = AvxVnni.MultiplyWideningAndAdd(Vector256<int>.Zero, w0, DotPacked8x4.Quad(q));
        var c = AvxVnni.MultiplyWideningAndAdd(Vector256<int>.Zero, w4, DotPacked8x4.Quad(q + 16));
        a = AvxVnni.MultiplyWideningAndAdd(a, w1, DotPacked8x4.Quad(q + 4));
        c = AvxVnni.MultiplyWideningAndAdd(c, w5, DotPacked8x4.Quad(q + 20));
        a = AvxVnni.MultiplyWideningAndAdd(a, w2, DotPacked8x4.Quad(q + 8));
        c = AvxVnni.MultiplyWideningAndAdd(c, w6, DotPacked8x4.Quad(q + 24));
        a = AvxVnni.MultiplyWideningAndAdd(a, w3, DotPacked8x4.Quad(q + 12));
        c = AvxVnni.MultiplyWideningAndAdd(c, w7, DotPacked8x4.Quad(q + 28));
        if (TFormat.ScalePer16)
        {
            s = Fma.MultiplyAdd(Avx.ConvertToVector256Single(a), Vector256.Load(scale), s);
            return Fma.MultiplyAdd(Avx.ConvertToVector256Single(c), Vector256.Load(scale + 8), s);
        }
        return Fma.MultiplyAdd(Avx.ConvertToVector256Single(a + c), Vector256.Load(scale), s);
    }

    /// <summary>acc + d_x·(s + D·Σ_j M_j·sums_j) for one super-block of one token.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Finish(byte* packed, byte* x, Vector256<float> s, Vector256<float> acc)
    {
        var pairs = (short*)(packed + PairOffset);
        var bsums = (int*)(x + BlockQ8_K.BsumsOffset);
        var even = AvxVnni.MultiplyWideningAndAdd(Vector256<int>.Zero, Vector256.Load(pairs), Sums(bsums));
        var odd = AvxVnni.MultiplyWideningAndAdd(Vector256<int>.Zero, Vector256.Load(pairs + 16), Sums(bsums + 1));
        even = AvxVnni.MultiplyWideningAndAdd(even, Vector256.Load(pairs + 32), Sums(bsums + 2));
        odd = AvxVnni.MultiplyWideningAndAdd(odd, Vector256.Load(pairs + 48), Sums(bsums + 3));
        even = AvxVnni.MultiplyWideningAndAdd(even, Vector256.Load(pairs + 64), Sums(bsums + 4));
        odd = AvxVnni.MultiplyWideningAndAdd(odd, Vector256.Load(pairs + 80), Sums(bsums + 5));
        even = AvxVnni.MultiplyWideningAndAdd(even, Vector256.Load(pairs + 96), Sums(bsums + 6));
        odd = AvxVnni.MultiplyWideningAndAdd(odd, Vector256.Load(pairs + 112), Sums(bsums + 7));
        s = Fma.MultiplyAdd(Avx.ConvertToVector256Single(even + odd), Vector256.Load((float*)(packed + FactorOffset)), s);
        return Fma.MultiplyAdd(s, Vector256.Create(Unsafe.ReadUnaligned<float>(x)), acc);
    }

    // Run j's two 16-value sums (one 32-bit word of the bsums) in every 32-bit lane.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<short> Sums(int* bsums) => Vector256.Create(*bsums).AsInt16();
}
