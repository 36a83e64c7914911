using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Gantry.Tensors.Quantization;

namespace Gantry.Tensors.Kernels;

internal static unsafe partial class DotQ5_K
{
    private const int WBytes = BlockQ5_K.BlockBytes;
    private const int XBytes = BlockQ8_K.BlockBytes;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Vector128Path(byte* w, byte* x, int cols)
    {
        float sum = 0;
        sbyte* levels = stackalloc sbyte[32];
        for (int b = 0; b < cols / 256; b++, w += WBytes, x += XBytes)
        {
            sbyte* qx = (sbyte*)(x + BlockQ8_K.QsOffset);
            Vector128<int> isum = default;
            for (int j = 0; j < 8; j++, qx += 32)
            {
                BlockQ4_K.GetScaleMin(j, w + BlockQ5_K.ScalesOffset, out int sc, out _);
                for (int l = 0; l < 32; l++) levels[l] = (sbyte)BlockQ5_K.Level(w, j, l);
                var dot = Vector128Int.Dot(Vector128.Load(levels), Vector128.Load(qx)) + Vector128Int.Dot(Vector128.Load(levels + 16), Vector128.Load(qx + 16));
                isum += dot * sc;
            }
            float dx = Unsafe.ReadUnaligned<float>(x);
            sum += dx * Fp16.Load(w) * Vector128.Sum(isum) - dx * Fp16.Load(w + 2) * DotQ4_K.MinsTerm(w, x);
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
    /// Chunk <paramref name="c"/>'s two sub-blocks as 5-bit levels: the nibbles of 32 bytes, each with its high bit
    /// (bit 2c for the low nibbles, 2c+1 for the high) moved to bit 4. Shifting 16-bit lanes keeps each byte's bit
    /// in its own byte: bit s of a byte lands on bit 4 of the same byte and the mask drops the rest.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Levels(Vector256<byte> raw, Vector256<ushort> qh, int c, out Vector256<byte> lo, out Vector256<byte> hi)
    {
        var low = Vector256.Create((byte)0x0F);
        var bit4 = Vector256.Create((byte)0x10);
        lo = (raw & low) | (((qh >> (2 * c)) << 4).AsByte() & bit4);
        hi = ((raw.AsUInt16() >> 4).AsByte() & low) | (((qh >> (2 * c + 1)) << 4).AsByte() & bit4);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Wide<TOps>(byte* w, byte* x, int cols) where TOps : struct, IIntDotOps
    {
        uint* unpacked = stackalloc uint[2];
        byte* sc = (byte*)unpacked;
        Vector256<float> acc = default;
        for (int b = 0; b < cols / 256; b++, w += WBytes, x += XBytes)
        {
            Prefetch.Ahead(w, WBytes);
            var mins = DotQ4_K.UnpackScales(w, unpacked);
            var qh = Vector256.Load(w + BlockQ5_K.HighBitsOffset).AsUInt16();
            sbyte* qx = (sbyte*)(x + BlockQ8_K.QsOffset);
            byte* q = w + BlockQ5_K.QsOffset;
            Vector256<int> isum = default;
            for (int c = 0; c < 4; c++)
            {
                Levels(Vector256.Load(q + 32 * c), qh, c, out var lo, out var hi);
                isum = TOps.DotScaled(isum, lo, Vector256.Load(qx + 64 * c), Vector256.Create((short)sc[2 * c]));
                isum = TOps.DotScaled(isum, hi, Vector256.Load(qx + 64 * c + 32), Vector256.Create((short)sc[2 * c + 1]));
            }
            acc = DotQ4_K.Finish(acc, isum, mins, x, Fp16.Load(w), Fp16.Load(w + 2));
        }
        return Vector128Int.Sum(acc);
    }

    // Levels are built once per 32-byte chunk and multiplied into four tokens' accumulators.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Wide4<TOps>(byte* w, byte* x, nint xStride, int cols, float* y) where TOps : struct, IIntDotOps
    {
        uint* unpacked = stackalloc uint[2];
        byte* sc = (byte*)unpacked;
        Vector256<float> acc0 = default, acc1 = default, acc2 = default, acc3 = default;
        byte* x0 = x, x1 = x + xStride, x2 = x + 2 * xStride, x3 = x + 3 * xStride;
        for (int b = 0; b < cols / 256; b++, w += WBytes, x0 += XBytes, x1 += XBytes, x2 += XBytes, x3 += XBytes)
        {
            var mins = DotQ4_K.UnpackScales(w, unpacked);
            var qh = Vector256.Load(w + BlockQ5_K.HighBitsOffset).AsUInt16();
            byte* q = w + BlockQ5_K.QsOffset;
            Vector256<int> i0 = default, i1 = default, i2 = default, i3 = default;
            for (int c = 0; c < 4; c++)
            {
                Levels(Vector256.Load(q + 32 * c), qh, c, out var lo, out var hi);
                var sLo = Vector256.Create((short)sc[2 * c]);
                var sHi = Vector256.Create((short)sc[2 * c + 1]);
                int o = BlockQ8_K.QsOffset + 64 * c;
                i0 = TOps.DotScaled(TOps.DotScaled(i0, lo, Vector256.Load((sbyte*)(x0 + o)), sLo), hi, Vector256.Load((sbyte*)(x0 + o + 32)), sHi);
                i1 = TOps.DotScaled(TOps.DotScaled(i1, lo, Vector256.Load((sbyte*)(x1 + o)), sLo), hi, Vector256.Load((sbyte*)(x1 + o + 32)), sHi);
                i2 = TOps.DotScaled(TOps.DotScaled(i2, lo, Vector256.Load((sbyte*)(x2 + o)), sLo), hi, Vector256.Load((sbyte*)(x2 + o + 32)), sHi);
                i3 = TOps.DotScaled(TOps.DotScaled(i3, lo, Vector256.Load((sbyte*)(x3 + o)), sLo), hi, Vector256.Load((sbyte*)(x3 + o + 32)), sHi);
            }
            float d = Fp16.Load(w), dmin = Fp16.Load(w + 2);
            acc0 = DotQ4_K.Finish(acc0, i0, mins, x0, d, dmin);
            acc1 = DotQ4_K.Finish(acc1, i1, mins, x1, d, dmin);
            acc2 = DotQ4_K.Finish(acc2, i2, mins, x2, d, dmin);
            acc3 = DotQ4_K.Finish(acc3, i3, mins, x3, d, dmin);
        }
        y[0] = Vector128Int.Sum(acc0);
        y[1] = Vector128Int.Sum(acc1);
        y[2] = Vector128Int.Sum(acc2);
        y[3] = Vector128Int.Sum(acc3);
    }
}
