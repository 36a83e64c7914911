using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Gantry.Tensors.Quantization;

namespace Gantry.Tensors.Kernels;

internal static unsafe partial class DotQ8_0
{
    private const int Bytes = BlockQ8_0.BlockBytes;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Avx2Path(byte* w, byte* x, int cols) => Wide<Avx2Ops>(w, x, cols);
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Avx2Path4(byte* w, byte* x, nint xStride, int cols, float* y) => Wide4<Avx2Ops>(w, x, xStride, cols, y);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float VnniPath(byte* w, byte* x, int cols) => UnsignedBlockDot<Q8_0Blocks>.Dot(w, x, cols);
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void VnniPath4(byte* w, byte* x, nint xStride, int cols, float* y) => UnsignedBlockDot<Q8_0Blocks>.Dot4(w, x, xStride, cols, y);

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
