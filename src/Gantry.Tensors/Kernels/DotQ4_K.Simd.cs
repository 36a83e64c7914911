using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Gantry.Tensors.Quantization;

namespace Gantry.Tensors.Kernels;

internal static unsafe partial class DotQ4_K
{
    private const int WBytes = BlockQ4_K.BlockBytes;
    private const int XBytes = BlockQ8_K.BlockBytes;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Avx2Path(byte* w, byte* x, int cols) => Wide<Avx2Ops>(w, x, cols);
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float VnniPath(byte* w, byte* x, int cols) => Wide<VnniOps>(w, x, cols);
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Avx2Path4(byte* w, byte* x, nint xStride, int cols, float* y) => Wide4<Avx2Ops>(w, x, xStride, cols, y);
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void VnniPath4(byte* w, byte* x, nint xStride, int cols, float* y) => Wide4<VnniOps>(w, x, xStride, cols, y);

    /// <summary>
    /// Unpacks the 12 scale bytes with four 32-bit mask-and-shift steps instead of eight branchy
    /// <see cref="BlockQ4_K.GetScaleMin"/> calls: the 8 scales go to bytes 0-7 of <paramref name="scales"/> (read back
    /// one byte at a time, which store forwarding serves), the 8 mins come back widened to int lanes straight from
    /// registers (an 8-byte reload spanning two 4-byte stores would stall every super-block).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<int> UnpackScales(byte* w, uint* scales)
    {
        UnpackScaleBytes(w, out ulong sc, out ulong mins);
        *(ulong*)scales = sc;
        return Avx2.ConvertToVector256Int32(Vector128.CreateScalar(mins).AsByte());
    }

    /// <summary>The 8 scales and the 8 mins of a super-block, one byte each (sub-block j in byte j), in registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void UnpackScaleBytes(byte* w, out ulong scales, out ulong mins)
    {
        const uint low6 = 0x3f3f3f3f, low4 = 0x0f0f0f0f, low2 = 0x03030303;
        byte* packed = w + BlockQ4_K.ScalesOffset;
        uint a = Unsafe.ReadUnaligned<uint>(packed);
        uint b = Unsafe.ReadUnaligned<uint>(packed + 4);
        uint c = Unsafe.ReadUnaligned<uint>(packed + 8);
        scales = (a & low6)                                                     // scales 0-3
               | ((ulong)((c & low4) | (((a >> 6) & low2) << 4)) << 32);       // scales 4-7
        mins = (b & low6)                                                       // mins 0-3
             | ((ulong)(((c >> 4) & low4) | (((b >> 6) & low2) << 4)) << 32);  // mins 4-7
    }

    /// <summary>Σ_j m_j·(bsum_2j + bsum_2j+1) as eight int lanes, to be scaled and summed with the main dot.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> MinsProducts(Vector256<int> mins, byte* x)
    {
        var pairSums = Avx2.MultiplyAddAdjacent(Vector256.Load((short*)(x + BlockQ8_K.BsumsOffset)), Vector256<short>.One);
        return Avx2.MultiplyLow(pairSums, mins);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Wide<TOps>(byte* w, byte* x, int cols) where TOps : struct, IIntDotOps
    {
        uint* unpacked = stackalloc uint[2];
        byte* sc = (byte*)unpacked;
        var low = Vector256.Create((byte)0x0F);
        Vector256<float> acc = default;
        for (int b = 0; b < cols / 256; b++, w += WBytes, x += XBytes)
        {
            Prefetch.Ahead(w, WBytes);
            var mins = UnpackScales(w, unpacked);
            sbyte* qx = (sbyte*)(x + BlockQ8_K.QsOffset);
            byte* q = w + BlockQ4_K.QsOffset;
            Vector256<int> isum = default;
            for (int c = 0; c < 4; c++)
            {
                var raw = Vector256.Load(q + 32 * c);
                isum = TOps.DotScaled(isum, raw & low, Vector256.Load(qx + 64 * c), Vector256.Create((short)sc[2 * c]));
                isum = TOps.DotScaled(isum, (raw.AsUInt16() >> 4).AsByte() & low, Vector256.Load(qx + 64 * c + 32), Vector256.Create((short)sc[2 * c + 1]));
            }
            float dx = Unsafe.ReadUnaligned<float>(x);
            acc = Fma.MultiplyAdd(Avx.ConvertToVector256Single(isum), Vector256.Create(dx * Fp16.Load(w)), acc);
            acc = Fma.MultiplyAdd(Avx.ConvertToVector256Single(MinsProducts(mins, x)), Vector256.Create(-dx * Fp16.Load(w + 2)), acc);
        }
        return Vector128Int.Sum(acc);
    }

    // Nibbles are unpacked once per 32-byte chunk and multiplied into four tokens' accumulators.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Wide4<TOps>(byte* w, byte* x, nint xStride, int cols, float* y) where TOps : struct, IIntDotOps
    {
        uint* unpacked = stackalloc uint[2];
        byte* sc = (byte*)unpacked;
        var low = Vector256.Create((byte)0x0F);
        Vector256<float> acc0 = default, acc1 = default, acc2 = default, acc3 = default;
        byte* x0 = x, x1 = x + xStride, x2 = x + 2 * xStride, x3 = x + 3 * xStride;
        for (int b = 0; b < cols / 256; b++, w += WBytes, x0 += XBytes, x1 += XBytes, x2 += XBytes, x3 += XBytes)
        {
            var mins = UnpackScales(w, unpacked);
            byte* q = w + BlockQ4_K.QsOffset;
            Vector256<int> i0 = default, i1 = default, i2 = default, i3 = default;
            for (int c = 0; c < 4; c++)
            {
                var raw = Vector256.Load(q + 32 * c);
                var lo = raw & low;
                var hi = (raw.AsUInt16() >> 4).AsByte() & low;
                var sLo = Vector256.Create((short)sc[2 * c]);
                var sHi = Vector256.Create((short)sc[2 * c + 1]);
                int o = BlockQ8_K.QsOffset + 64 * c;
                i0 = TOps.DotScaled(TOps.DotScaled(i0, lo, Vector256.Load((sbyte*)(x0 + o)), sLo), hi, Vector256.Load((sbyte*)(x0 + o + 32)), sHi);
                i1 = TOps.DotScaled(TOps.DotScaled(i1, lo, Vector256.Load((sbyte*)(x1 + o)), sLo), hi, Vector256.Load((sbyte*)(x1 + o + 32)), sHi);
                i2 = TOps.DotScaled(TOps.DotScaled(i2, lo, Vector256.Load((sbyte*)(x2 + o)), sLo), hi, Vector256.Load((sbyte*)(x2 + o + 32)), sHi);
                i3 = TOps.DotScaled(TOps.DotScaled(i3, lo, Vector256.Load((sbyte*)(x3 + o)), sLo), hi, Vector256.Load((sbyte*)(x3 + o + 32)), sHi);
            }
            float d = Fp16.Load(w), dmin = Fp16.Load(w + 2);
            acc0 = Finish(acc0, i0, mins, x0, d, dmin);
            acc1 = Finish(acc1, i1, mins, x1, d, dmin);
            acc2 = Finish(acc2, i2, mins, x2, d, dmin);
            acc3 = Finish(acc3, i3, mins, x3, d, dmin);
        }
        y[0] = Vector128Int.Sum(acc0);
        y[1] = Vector128Int.Sum(acc1);
        y[2] = Vector128Int.Sum(acc2);
        y[3] = Vector128Int.Sum(acc3);
    }

    /// <summary>acc + d·dx·isum - dmin·dx·(mins · bsum pairs), all in vector lanes (one horizontal sum per row).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> Finish(Vector256<float> acc, Vector256<int> isum, Vector256<int> mins, byte* x, float d, float dmin)
    {
        float dx = Unsafe.ReadUnaligned<float>(x);
        acc = Fma.MultiplyAdd(Avx.ConvertToVector256Single(isum), Vector256.Create(dx * d), acc);
        return Fma.MultiplyAdd(Avx.ConvertToVector256Single(MinsProducts(mins, x)), Vector256.Create(-dx * dmin), acc);
    }
}
