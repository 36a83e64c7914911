using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Gantry.Tensors.Quantization;

namespace Gantry.Tensors.Kernels;

internal static unsafe partial class DotQ4_K
{
    private const int WBytes = BlockQ4_K.BlockBytes;
    private const int XBytes = BlockQ8_K.BlockBytes;

    public static float Vector128Path(byte* w, byte* x, int cols)
    {
        float sum = 0;
        var low = Vector128.Create((byte)0x0F);
        for (int b = 0; b < cols / 256; b++, w += WBytes, x += XBytes)
        {
            sbyte* qx = (sbyte*)(x + BlockQ8_K.QsOffset);
            byte* q = w + BlockQ4_K.QsOffset;
            Vector128<int> isum = default;
            for (int c = 0; c < 4; c++, q += 32, qx += 64)
            {
                BlockQ4_K.GetScaleMin(2 * c, w + BlockQ4_K.ScalesOffset, out int sc1, out _);
                BlockQ4_K.GetScaleMin(2 * c + 1, w + BlockQ4_K.ScalesOffset, out int sc2, out _);
                var r0 = Vector128.Load(q);
                var r1 = Vector128.Load(q + 16);
                var lo = Vector128Int.Dot((r0 & low).AsSByte(), Vector128.Load(qx)) + Vector128Int.Dot((r1 & low).AsSByte(), Vector128.Load(qx + 16));
                var hi = Vector128Int.Dot(((r0.AsUInt16() >> 4).AsByte() & low).AsSByte(), Vector128.Load(qx + 32))
                       + Vector128Int.Dot(((r1.AsUInt16() >> 4).AsByte() & low).AsSByte(), Vector128.Load(qx + 48));
                isum += lo * sc1 + hi * sc2;
            }
            float dx = Unsafe.ReadUnaligned<float>(x);
            sum += dx * Fp16.Load(w) * Vector128.Sum(isum) - dx * Fp16.Load(w + 2) * MinsTerm(w, x);
        }
        return sum;
    }

    public static float Avx2Path(byte* w, byte* x, int cols) => Wide<Avx2Ops>(w, x, cols);
    public static float VnniPath(byte* w, byte* x, int cols) => Wide<VnniOps>(w, x, cols);
    public static void Avx2Path4(byte* w, byte* x, nint xStride, int cols, float* y) => Wide4<Avx2Ops>(w, x, xStride, cols, y);
    public static void VnniPath4(byte* w, byte* x, nint xStride, int cols, float* y) => Wide4<VnniOps>(w, x, xStride, cols, y);

    /// <summary>The eight 6-bit sub-block scales as 16-bit values, for vpmaddwd.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Scales(byte* w, short* sc)
    {
        for (int j = 0; j < 8; j++)
        {
            BlockQ4_K.GetScaleMin(j, w + BlockQ4_K.ScalesOffset, out int s, out _);
            sc[j] = (short)s;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Wide<TOps>(byte* w, byte* x, int cols) where TOps : struct, IIntDotOps
    {
        short* sc = stackalloc short[8];
        var low = Vector256.Create((byte)0x0F);
        Vector256<float> acc = default;
        float accMins = 0;
        for (int b = 0; b < cols / 256; b++, w += WBytes, x += XBytes)
        {
            Scales(w, sc);
            sbyte* qx = (sbyte*)(x + BlockQ8_K.QsOffset);
            byte* q = w + BlockQ4_K.QsOffset;
            Vector256<int> isum = default;
            for (int c = 0; c < 4; c++)
            {
                var raw = Vector256.Load(q + 32 * c);
                isum = TOps.DotScaled(isum, raw & low, Vector256.Load(qx + 64 * c), Vector256.Create(sc[2 * c]));
                isum = TOps.DotScaled(isum, (raw.AsUInt16() >> 4).AsByte() & low, Vector256.Load(qx + 64 * c + 32), Vector256.Create(sc[2 * c + 1]));
            }
            float dx = Unsafe.ReadUnaligned<float>(x);
            acc = Fma.MultiplyAdd(Avx.ConvertToVector256Single(isum), Vector256.Create(dx * Fp16.Load(w)), acc);
            accMins += dx * Fp16.Load(w + 2) * MinsTerm(w, x);
        }
        return Vector128Int.Sum(acc) - accMins;
    }

    // Nibbles are unpacked once per 32-byte chunk and multiplied into four tokens' accumulators.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Wide4<TOps>(byte* w, byte* x, nint xStride, int cols, float* y) where TOps : struct, IIntDotOps
    {
        short* sc = stackalloc short[8];
        var low = Vector256.Create((byte)0x0F);
        Vector256<float> acc0 = default, acc1 = default, acc2 = default, acc3 = default;
        float m0 = 0, m1 = 0, m2 = 0, m3 = 0;
        byte* x0 = x, x1 = x + xStride, x2 = x + 2 * xStride, x3 = x + 3 * xStride;
        for (int b = 0; b < cols / 256; b++, w += WBytes, x0 += XBytes, x1 += XBytes, x2 += XBytes, x3 += XBytes)
        {
            Scales(w, sc);
            byte* q = w + BlockQ4_K.QsOffset;
            Vector256<int> i0 = default, i1 = default, i2 = default, i3 = default;
            for (int c = 0; c < 4; c++)
            {
                var raw = Vector256.Load(q + 32 * c);
                var lo = raw & low;
                var hi = (raw.AsUInt16() >> 4).AsByte() & low;
                var sLo = Vector256.Create(sc[2 * c]);
                var sHi = Vector256.Create(sc[2 * c + 1]);
                int o = BlockQ8_K.QsOffset + 64 * c;
                i0 = TOps.DotScaled(TOps.DotScaled(i0, lo, Vector256.Load((sbyte*)(x0 + o)), sLo), hi, Vector256.Load((sbyte*)(x0 + o + 32)), sHi);
                i1 = TOps.DotScaled(TOps.DotScaled(i1, lo, Vector256.Load((sbyte*)(x1 + o)), sLo), hi, Vector256.Load((sbyte*)(x1 + o + 32)), sHi);
                i2 = TOps.DotScaled(TOps.DotScaled(i2, lo, Vector256.Load((sbyte*)(x2 + o)), sLo), hi, Vector256.Load((sbyte*)(x2 + o + 32)), sHi);
                i3 = TOps.DotScaled(TOps.DotScaled(i3, lo, Vector256.Load((sbyte*)(x3 + o)), sLo), hi, Vector256.Load((sbyte*)(x3 + o + 32)), sHi);
            }
            float d = Fp16.Load(w), dmin = Fp16.Load(w + 2);
            float dx0 = Unsafe.ReadUnaligned<float>(x0), dx1 = Unsafe.ReadUnaligned<float>(x1);
            float dx2 = Unsafe.ReadUnaligned<float>(x2), dx3 = Unsafe.ReadUnaligned<float>(x3);
            acc0 = Fma.MultiplyAdd(Avx.ConvertToVector256Single(i0), Vector256.Create(dx0 * d), acc0);
            acc1 = Fma.MultiplyAdd(Avx.ConvertToVector256Single(i1), Vector256.Create(dx1 * d), acc1);
            acc2 = Fma.MultiplyAdd(Avx.ConvertToVector256Single(i2), Vector256.Create(dx2 * d), acc2);
            acc3 = Fma.MultiplyAdd(Avx.ConvertToVector256Single(i3), Vector256.Create(dx3 * d), acc3);
            m0 += dx0 * dmin * MinsTerm(w, x0);
            m1 += dx1 * dmin * MinsTerm(w, x1);
            m2 += dx2 * dmin * MinsTerm(w, x2);
            m3 += dx3 * dmin * MinsTerm(w, x3);
        }
        y[0] = Vector128Int.Sum(acc0) - m0;
        y[1] = Vector128Int.Sum(acc1) - m1;
        y[2] = Vector128Int.Sum(acc2) - m2;
        y[3] = Vector128Int.Sum(acc3) - m3;
    }
}
