using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Gantry.Tensors.Quantization;

namespace Gantry.Tensors.Kernels;

internal static unsafe partial class DotQ4_0
{
    private const int WBytes = BlockQ4_0.BlockBytes;
    private const int XBytes = BlockQ8_0.BlockBytes;

    public static float Vector128Path(byte* w, byte* x, int cols)
    {
        Vector128<float> acc = default;
        var low = Vector128.Create((byte)0x0F);
        var eight = Vector128.Create((sbyte)8);
        for (int b = 0; b < cols / 32; b++, w += WBytes, x += XBytes)
        {
            var raw = Vector128.Load(w + 2);
            var lo = (raw & low).AsSByte() - eight;
            var hi = ((raw.AsUInt16() >> 4).AsByte() & low).AsSByte() - eight;
            var isum = Vector128Int.Dot(lo, Vector128.Load((sbyte*)(x + 2))) + Vector128Int.Dot(hi, Vector128.Load((sbyte*)(x + 18)));
            acc += Vector128.ConvertToSingle(isum) * Vector128.Create(Fp16.Load(w) * Fp16.Load(x));
        }
        return Vector128.Sum(acc);
    }

    public static float Avx2Path(byte* w, byte* x, int cols) => Wide<Avx2Ops>(w, x, cols);
    public static void Avx2Path4(byte* w, byte* x, nint xStride, int cols, float* y) => Wide4<Avx2Ops>(w, x, xStride, cols, y);

    /// <summary>
    /// VNNI matvec: the nibbles go into vpdpbusd as they are (0..15) and the −8 offset comes from the activation
    /// row's precomputed −8·Σx (<see cref="Q8ActivationRow"/>); two accumulators keep the FMAs independent.
    /// </summary>
    public static float VnniPath(byte* w, byte* x, int cols)
    {
        int blocks = cols / 32;
        float* scales = Q8ActivationRow.Scales(x, cols);
        int* corrections = Q8ActivationRow.Minus8Sums(x, cols);
        Vector256<float> acc0 = default, acc1 = default;
        int b = 0;
        for (; b + 2 <= blocks; b += 2, w += 2 * WBytes, x += 2 * XBytes)
        {
            Prefetch.Ahead(w);
            acc0 = DotQ8_0.UnsignedStep(Unpack(w + 2), DotQ8_0.WeightScale(w), x, scales + b, corrections + b, acc0);
            acc1 = DotQ8_0.UnsignedStep(Unpack(w + WBytes + 2), DotQ8_0.WeightScale(w + WBytes), x + XBytes,
                scales + b + 1, corrections + b + 1, acc1);
        }
        if (b < blocks)
        {
            acc0 = DotQ8_0.UnsignedStep(Unpack(w + 2), DotQ8_0.WeightScale(w), x, scales + b, corrections + b, acc0);
        }
        return Vector128Int.Sum(acc0 + acc1);
    }

    /// <summary>One weight row · four activation rows, the nibbles unpacked once for all four.</summary>
    public static void VnniPath4(byte* w, byte* x, nint xStride, int cols, float* y)
    {
        Vector256<float> acc0 = default, acc1 = default, acc2 = default, acc3 = default;
        byte* x0 = x, x1 = x + xStride, x2 = x + 2 * xStride, x3 = x + 3 * xStride;
        float* s0 = Q8ActivationRow.Scales(x0, cols), s1 = Q8ActivationRow.Scales(x1, cols);
        float* s2 = Q8ActivationRow.Scales(x2, cols), s3 = Q8ActivationRow.Scales(x3, cols);
        int* m0 = Q8ActivationRow.Minus8Sums(x0, cols), m1 = Q8ActivationRow.Minus8Sums(x1, cols);
        int* m2 = Q8ActivationRow.Minus8Sums(x2, cols), m3 = Q8ActivationRow.Minus8Sums(x3, cols);
        for (int b = 0; b < cols / 32; b++, w += WBytes, x0 += XBytes, x1 += XBytes, x2 += XBytes, x3 += XBytes)
        {
            var u = Unpack(w + 2);
            var dw = DotQ8_0.WeightScale(w);
            acc0 = DotQ8_0.UnsignedStep(u, dw, x0, s0 + b, m0 + b, acc0);
            acc1 = DotQ8_0.UnsignedStep(u, dw, x1, s1 + b, m1 + b, acc1);
            acc2 = DotQ8_0.UnsignedStep(u, dw, x2, s2 + b, m2 + b, acc2);
            acc3 = DotQ8_0.UnsignedStep(u, dw, x3, s3 + b, m3 + b, acc3);
        }
        y[0] = Vector128Int.Sum(acc0);
        y[1] = Vector128Int.Sum(acc1);
        y[2] = Vector128Int.Sum(acc2);
        y[3] = Vector128Int.Sum(acc3);
    }

    /// <summary>
    /// 16 nibble bytes → 32 levels 0..15 in element order (low nibbles are elements 0-15): the bytes are broadcast
    /// to both 128-bit lanes and the upper lane shifted right by 4 (a per-dword variable shift), then masked.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> Unpack(byte* qs)
    {
        var both = Vector256.Create(Vector128.Load(qs)).AsUInt32();
        var shifted = Avx2.ShiftRightLogicalVariable(both, Vector256.Create(0u, 0, 0, 0, 4, 4, 4, 4));
        return shifted.AsByte() & Vector256.Create((byte)0x0F);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Wide<TOps>(byte* w, byte* x, int cols) where TOps : struct, IIntDotOps
    {
        float* table = Fp16.Table;
        Vector256<float> acc = default;
        for (int b = 0; b < cols / 32; b++, w += WBytes, x += XBytes)
        {
            Prefetch.Ahead(w);
            var isum = TOps.DotNibblesMinus8(Unpack(w + 2), Vector256.Load((sbyte*)(x + 2)));
            float d = table[Unsafe.ReadUnaligned<ushort>(w)] * table[Unsafe.ReadUnaligned<ushort>(x)];
            acc = Fma.MultiplyAdd(Avx.ConvertToVector256Single(isum), Vector256.Create(d), acc);
        }
        return Vector128Int.Sum(acc);
    }

    // Unpacking nibbles costs more than the dot itself, so doing it once for four tokens matters most here.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Wide4<TOps>(byte* w, byte* x, nint xStride, int cols, float* y) where TOps : struct, IIntDotOps
    {
        Vector256<float> acc0 = default, acc1 = default, acc2 = default, acc3 = default;
        byte* x0 = x, x1 = x + xStride, x2 = x + 2 * xStride, x3 = x + 3 * xStride;
        for (int b = 0; b < cols / 32; b++, w += WBytes, x0 += XBytes, x1 += XBytes, x2 += XBytes, x3 += XBytes)
        {
            // Four tokens share one unpack; here the sign trick (q - 8 once, then one vpsignb per token) is cheaper
            // than the two dots per token of DotNibblesMinus8.
            var q = Avx2.Subtract(Unpack(w + 2).AsSByte(), Vector256.Create((sbyte)8));
            float d = Fp16.Load(w);
            acc0 = DotQ8_0.Step<TOps>(q, d, x0, acc0);
            acc1 = DotQ8_0.Step<TOps>(q, d, x1, acc1);
            acc2 = DotQ8_0.Step<TOps>(q, d, x2, acc2);
            acc3 = DotQ8_0.Step<TOps>(q, d, x3, acc3);
        }
        y[0] = Vector128Int.Sum(acc0);
        y[1] = Vector128Int.Sum(acc1);
        y[2] = Vector128Int.Sum(acc2);
        y[3] = Vector128Int.Sum(acc3);
    }
}
