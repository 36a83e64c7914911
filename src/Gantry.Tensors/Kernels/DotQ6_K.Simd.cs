using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Gantry.Tensors.Quantization;

namespace Gantry.Tensors.Kernels;

internal static unsafe partial class DotQ6_K
{
    private const int WBytes = BlockQ6_K.BlockBytes;
    private const int XBytes = BlockQ8_K.BlockBytes;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Vector128Path(byte* w, byte* x, int cols)
    {
        float sum = 0;
        var low = Vector128.Create((byte)0x0F);
        var two = Vector128.Create((byte)0x03);
        for (int b = 0; b < cols / 256; b++, w += WBytes, x += XBytes)
        {
            sbyte* sc = (sbyte*)(w + BlockQ6_K.ScalesOffset);
            Vector128<int> isum = default;
            for (int half = 0; half < 2; half++)
            {
                byte* ql = w + 64 * half;
                byte* qh = w + BlockQ6_K.QhOffset + 32 * half;
                sbyte* qx = (sbyte*)(x + BlockQ8_K.QsOffset) + 128 * half;
                for (int run = 0; run < 4; run++)
                {
                    for (int g = 0; g < 2; g++)
                    {
                        var lowBytes = Vector128.Load(ql + (run & 1) * 32 + 16 * g);
                        var nibble = ((lowBytes.AsUInt16() >> (4 * (run >> 1))).AsByte()) & low;
                        var high = ((Vector128.Load(qh + 16 * g).AsUInt16() >> (2 * run)).AsByte() & two);
                        var level = (nibble | (high.AsUInt16() << 4).AsByte()).AsSByte();
                        isum += Vector128Int.Dot(level, Vector128.Load(qx + 32 * run + 16 * g)) * sc[8 * half + 2 * run + g];
                    }
                }
            }
            int total = Vector128.Sum(isum) - OffsetTerm(w, x);
            sum += Fp16.Load(w + BlockQ6_K.DOffset) * Unsafe.ReadUnaligned<float>(x) * total;
        }
        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Avx2Path(byte* w, byte* x, int cols) => Wide<Avx2Ops>(w, x, cols);
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float VnniPath(byte* w, byte* x, int cols) => Wide<VnniOps>(w, x, cols);
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Avx2Path4(byte* w, byte* x, nint xStride, int cols, float* y) => Wide4<Avx2Ops>(w, x, xStride, cols, y);
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void VnniPath4(byte* w, byte* x, nint xStride, int cols, float* y) => Wide4<VnniOps>(w, x, xStride, cols, y);

    /// <summary>
    /// The four 32-value runs of one 128-value half as unsigned 6-bit levels (0..63). High bits are moved into
    /// place with 16-bit shifts and masked per byte, which keeps each byte's bits in its own byte.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Unpack(byte* ql, byte* qh, out Vector256<byte> r0, out Vector256<byte> r1, out Vector256<byte> r2, out Vector256<byte> r3)
    {
        var low = Vector256.Create((byte)0x0F);
        var bits45 = Vector256.Create((byte)0x30);
        var l0 = Vector256.Load(ql);
        var l1 = Vector256.Load(ql + 32);
        var h = Vector256.Load(qh).AsUInt16();
        r0 = (l0 & low) | ((h << 4).AsByte() & bits45);
        r1 = (l1 & low) | ((h << 2).AsByte() & bits45);
        r2 = ((l0.AsUInt16() >> 4).AsByte() & low) | (h.AsByte() & bits45);
        r3 = ((l1.AsUInt16() >> 4).AsByte() & low) | ((h >> 2).AsByte() & bits45);
    }

    // pshufb controls that spread scale bytes 2k and 2k+1 over eight bytes each, k = 0..7.
    private static readonly byte* PairShuffle = CreatePairShuffle();

    private static byte* CreatePairShuffle()
    {
        var table = (byte*)System.Runtime.InteropServices.NativeMemory.AlignedAlloc(8 * 16, 64);
        for (int k = 0; k < 8; k++)
        {
            for (int i = 0; i < 16; i++) table[16 * k + i] = (byte)(2 * k + i / 8);
        }
        return table;
    }

    /// <summary>
    /// Scale of group 2k in the low 128-bit lane, 2k+1 in the high lane, as 16-bit values (16 values each): one
    /// byte shuffle and one sign extension, instead of two scalar broadcasts and an insert.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<short> PairScale(Vector128<sbyte> scales, int k)
        => Avx2.ConvertToVector256Int16(Ssse3.Shuffle(scales, Vector128.Load(PairShuffle + 16 * k).AsSByte()));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Wide<TOps>(byte* w, byte* x, int cols) where TOps : struct, IIntDotOps
    {
        Vector256<float> acc = default;
        for (int b = 0; b < cols / 256; b++, w += WBytes, x += XBytes)
        {
            Prefetch.Ahead(w, WBytes);
            var sc = Vector128.Load((sbyte*)(w + BlockQ6_K.ScalesOffset));
            sbyte* qx = (sbyte*)(x + BlockQ8_K.QsOffset);
            // Two explicit halves (not a loop) so every offset and shuffle index is a constant.
            var isum = HalfDot<TOps>(default, w, qx, sc, 0);
            isum = HalfDot<TOps>(isum, w, qx, sc, 1);
            float d = Fp16.Load(w + BlockQ6_K.DOffset) * Unsafe.ReadUnaligned<float>(x);
            acc = Finish(acc, isum, Scales16(w), x, d);
        }
        return Vector128Int.Sum(acc);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> HalfDot<TOps>(Vector256<int> isum, byte* w, sbyte* qx, Vector128<sbyte> sc, int half) where TOps : struct, IIntDotOps
    {
        Unpack(w + 64 * half, w + BlockQ6_K.QhOffset + 32 * half, out var r0, out var r1, out var r2, out var r3);
        sbyte* xh = qx + 128 * half;
        isum = TOps.DotScaled(isum, r0, Vector256.Load(xh), PairScale(sc, 4 * half));
        isum = TOps.DotScaled(isum, r1, Vector256.Load(xh + 32), PairScale(sc, 4 * half + 1));
        isum = TOps.DotScaled(isum, r2, Vector256.Load(xh + 64), PairScale(sc, 4 * half + 2));
        return TOps.DotScaled(isum, r3, Vector256.Load(xh + 96), PairScale(sc, 4 * half + 3));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Wide4<TOps>(byte* w, byte* x, nint xStride, int cols, float* y) where TOps : struct, IIntDotOps
    {
        Vector256<float> acc0 = default, acc1 = default, acc2 = default, acc3 = default;
        byte* x0 = x, x1 = x + xStride, x2 = x + 2 * xStride, x3 = x + 3 * xStride;
        for (int b = 0; b < cols / 256; b++, w += WBytes, x0 += XBytes, x1 += XBytes, x2 += XBytes, x3 += XBytes)
        {
            var sc = Vector128.Load((sbyte*)(w + BlockQ6_K.ScalesOffset));
            Vector256<int> i0 = default, i1 = default, i2 = default, i3 = default;
            for (int half = 0; half < 2; half++)
            {
                Unpack(w + 64 * half, w + BlockQ6_K.QhOffset + 32 * half, out var r0, out var r1, out var r2, out var r3);
                int o = BlockQ8_K.QsOffset + 128 * half;
                Run<TOps>(r0, PairScale(sc, 4 * half), o, x0, x1, x2, x3, ref i0, ref i1, ref i2, ref i3);
                Run<TOps>(r1, PairScale(sc, 4 * half + 1), o + 32, x0, x1, x2, x3, ref i0, ref i1, ref i2, ref i3);
                Run<TOps>(r2, PairScale(sc, 4 * half + 2), o + 64, x0, x1, x2, x3, ref i0, ref i1, ref i2, ref i3);
                Run<TOps>(r3, PairScale(sc, 4 * half + 3), o + 96, x0, x1, x2, x3, ref i0, ref i1, ref i2, ref i3);
            }
            float d = Fp16.Load(w + BlockQ6_K.DOffset);
            var scales = Scales16(w);
            acc0 = Finish(acc0, i0, scales, x0, d * Unsafe.ReadUnaligned<float>(x0));
            acc1 = Finish(acc1, i1, scales, x1, d * Unsafe.ReadUnaligned<float>(x1));
            acc2 = Finish(acc2, i2, scales, x2, d * Unsafe.ReadUnaligned<float>(x2));
            acc3 = Finish(acc3, i3, scales, x3, d * Unsafe.ReadUnaligned<float>(x3));
        }
        y[0] = Vector128Int.Sum(acc0);
        y[1] = Vector128Int.Sum(acc1);
        y[2] = Vector128Int.Sum(acc2);
        y[3] = Vector128Int.Sum(acc3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Run<TOps>(Vector256<byte> levels, Vector256<short> scale, int offset, byte* x0, byte* x1, byte* x2, byte* x3,
        ref Vector256<int> i0, ref Vector256<int> i1, ref Vector256<int> i2, ref Vector256<int> i3) where TOps : struct, IIntDotOps
    {
        i0 = TOps.DotScaled(i0, levels, Vector256.Load((sbyte*)(x0 + offset)), scale);
        i1 = TOps.DotScaled(i1, levels, Vector256.Load((sbyte*)(x1 + offset)), scale);
        i2 = TOps.DotScaled(i2, levels, Vector256.Load((sbyte*)(x2 + offset)), scale);
        i3 = TOps.DotScaled(i3, levels, Vector256.Load((sbyte*)(x3 + offset)), scale);
    }

    /// <summary>The 16 group scales widened to 16 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<short> Scales16(byte* w) => Avx2.ConvertToVector256Int16((sbyte*)(w + BlockQ6_K.ScalesOffset));

    /// <summary>
    /// acc + d·(isum - 32·Σ_g sc_g·bsum_g): the unsigned-level dot corrected to (q - 32), in vector lanes so a row
    /// needs one horizontal sum at its end.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Finish(Vector256<float> acc, Vector256<int> isum, Vector256<short> scales, byte* x, float d)
    {
        var offset = Avx2.MultiplyAddAdjacent(scales, Vector256.Load((short*)(x + BlockQ8_K.BsumsOffset)));
        acc = Fma.MultiplyAdd(Avx.ConvertToVector256Single(isum), Vector256.Create(d), acc);
        return Fma.MultiplyAdd(Avx.ConvertToVector256Single(offset), Vector256.Create(-32 * d), acc);
    }
}
