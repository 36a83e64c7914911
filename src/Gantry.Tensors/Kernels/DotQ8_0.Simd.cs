using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Gantry.Tensors.Quantization;

namespace Gantry.Tensors.Kernels;

internal static unsafe partial class DotQ8_0
{
    private const int Bytes = BlockQ8_0.BlockBytes;

    public static float Vector128Path(byte* w, byte* x, int cols)
    {
        Vector128<float> acc = default;
        for (int b = 0; b < cols / 32; b++, w += Bytes, x += Bytes)
        {
            var isum = Vector128Int.Dot(Vector128.Load((sbyte*)(w + 2)), Vector128.Load((sbyte*)(x + 2)))
                     + Vector128Int.Dot(Vector128.Load((sbyte*)(w + 18)), Vector128.Load((sbyte*)(x + 18)));
            acc += Vector128.ConvertToSingle(isum) * Vector128.Create(Fp16.Load(w) * Fp16.Load(x));
        }
        return Vector128.Sum(acc);
    }

    public static float Avx2Path(byte* w, byte* x, int cols) => Wide<Avx2Ops>(w, x, cols);
    public static void Avx2Path4(byte* w, byte* x, nint xStride, int cols, float* y) => Wide4<Avx2Ops>(w, x, xStride, cols, y);

    /// <summary>
    /// VNNI matvec over the unsigned form of the weights (q + 128, see <see cref="Q8ActivationRow"/>), with two
    /// accumulators so consecutive blocks' FMAs do not wait on each other.
    /// </summary>
    public static float VnniPath(byte* w, byte* x, int cols)
    {
        int blocks = cols / 32;
        float* scales = Q8ActivationRow.Scales(x, cols);
        int* sums = Q8ActivationRow.Minus128Sums(x, cols);
        Vector256<float> acc0 = default, acc1 = default;
        int b = 0;
        for (; b + 2 <= blocks; b += 2, w += 2 * Bytes, x += 2 * Bytes)
        {
            Prefetch.Ahead(w);
            acc0 = UnsignedStep(Unsigned(w), WeightScale(w), x, scales + b, sums + b, acc0);
            acc1 = UnsignedStep(Unsigned(w + Bytes), WeightScale(w + Bytes), x + Bytes, scales + b + 1, sums + b + 1, acc1);
        }
        if (b < blocks)
        {
            acc0 = UnsignedStep(Unsigned(w), WeightScale(w), x, scales + b, sums + b, acc0);
        }
        return Vector128Int.Sum(acc0 + acc1);
    }

    /// <summary>One weight row · four activation rows: the weight block is flipped and its scale broadcast once for all four.</summary>
    public static void VnniPath4(byte* w, byte* x, nint xStride, int cols, float* y)
    {
        Vector256<float> acc0 = default, acc1 = default, acc2 = default, acc3 = default;
        byte* x0 = x, x1 = x + xStride, x2 = x + 2 * xStride, x3 = x + 3 * xStride;
        float* s0 = Q8ActivationRow.Scales(x0, cols), s1 = Q8ActivationRow.Scales(x1, cols);
        float* s2 = Q8ActivationRow.Scales(x2, cols), s3 = Q8ActivationRow.Scales(x3, cols);
        int* m0 = Q8ActivationRow.Minus128Sums(x0, cols), m1 = Q8ActivationRow.Minus128Sums(x1, cols);
        int* m2 = Q8ActivationRow.Minus128Sums(x2, cols), m3 = Q8ActivationRow.Minus128Sums(x3, cols);
        for (int b = 0; b < cols / 32; b++, w += Bytes, x0 += Bytes, x1 += Bytes, x2 += Bytes, x3 += Bytes)
        {
            var u = Unsigned(w);
            var dw = WeightScale(w);
            acc0 = UnsignedStep(u, dw, x0, s0 + b, m0 + b, acc0);
            acc1 = UnsignedStep(u, dw, x1, s1 + b, m1 + b, acc1);
            acc2 = UnsignedStep(u, dw, x2, s2 + b, m2 + b, acc2);
            acc3 = UnsignedStep(u, dw, x3, s3 + b, m3 + b, acc3);
        }
        y[0] = Vector128Int.Sum(acc0);
        y[1] = Vector128Int.Sum(acc1);
        y[2] = Vector128Int.Sum(acc2);
        y[3] = Vector128Int.Sum(acc3);
    }

    // q + 128 as unsigned bytes: flipping the sign bit is that addition.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> Unsigned(byte* w) => Vector256.Load(w + 2) ^ Vector256.Create((byte)0x80);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> WeightScale(byte* w) => Vector256.Create(Fp16.Load(w));

    /// <summary>
    /// acc + d_w·d_x·Σ(u − bias)·x for one block: u·x runs through vpdpbusd, starting from the precomputed −bias·Σx
    /// (bias 128 for Q8_0's flipped quants, 8 for Q4_0's nibbles).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> UnsignedStep(Vector256<byte> u, Vector256<float> dw, byte* xb, float* dx, int* correction,
        Vector256<float> acc)
    {
        var isum = AvxVnni.MultiplyWideningAndAdd(Vector256.CreateScalar(*correction), u, Vector256.Load((sbyte*)(xb + 2)));
        return Fma.MultiplyAdd(Avx.ConvertToVector256Single(isum), dw * Vector256.Create(*dx), acc);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Wide<TOps>(byte* w, byte* x, int cols) where TOps : struct, IIntDotOps
    {
        Vector256<float> acc = default;
        for (int b = 0; b < cols / 32; b++, w += Bytes, x += Bytes)
        {
            Prefetch.Ahead(w);
            var isum = TOps.DotSigned(default, Vector256.Load((sbyte*)(w + 2)), Vector256.Load((sbyte*)(x + 2)));
            acc = Fma.MultiplyAdd(Avx.ConvertToVector256Single(isum), Vector256.Create(Fp16.Load(w) * Fp16.Load(x)), acc);
        }
        return Vector128Int.Sum(acc);
    }

    // One weight block, four tokens: the weight bytes are loaded once and stay in a register for all four.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Wide4<TOps>(byte* w, byte* x, nint xStride, int cols, float* y) where TOps : struct, IIntDotOps
    {
        Vector256<float> acc0 = default, acc1 = default, acc2 = default, acc3 = default;
        byte* x0 = x, x1 = x + xStride, x2 = x + 2 * xStride, x3 = x + 3 * xStride;
        for (int b = 0; b < cols / 32; b++, w += Bytes, x0 += Bytes, x1 += Bytes, x2 += Bytes, x3 += Bytes)
        {
            var q = Vector256.Load((sbyte*)(w + 2));
            float d = Fp16.Load(w);
            acc0 = Step<TOps>(q, d, x0, acc0);
            acc1 = Step<TOps>(q, d, x1, acc1);
            acc2 = Step<TOps>(q, d, x2, acc2);
            acc3 = Step<TOps>(q, d, x3, acc3);
        }
        y[0] = Vector128Int.Sum(acc0);
        y[1] = Vector128Int.Sum(acc1);
        y[2] = Vector128Int.Sum(acc2);
        y[3] = Vector128Int.Sum(acc3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> Step<TOps>(Vector256<sbyte> q, float dw, byte* xb, Vector256<float> acc) where TOps : struct, IIntDotOps
    {
        var isum = TOps.DotSigned(default, q, Vector256.Load((sbyte*)(xb + 2)));
        return Fma.MultiplyAdd(Avx.ConvertToVector256Single(isum), Vector256.Create(dw * Fp16.Load(xb)), acc);
    }
}
