using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Gantry.Tensors.Quantization;

namespace Gantry.Tensors.Kernels;

internal static unsafe partial class DotQ4_0
{
    private const int WBytes = BlockQ4_0.BlockBytes;
    private const int XBytes = BlockQ8_0.BlockBytes;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Avx2Path(byte* w, byte* x, int cols) => Wide<Avx2Ops>(w, x, cols);
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Avx2Path4(byte* w, byte* x, nint xStride, int cols, float* y) => Wide4<Avx2Ops>(w, x, xStride, cols, y);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float VnniPath(byte* w, byte* x, int cols) => UnsignedBlockDot<Q4_0Blocks>.Dot(w, x, cols);
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void VnniPath4(byte* w, byte* x, nint xStride, int cols, float* y) => UnsignedBlockDot<Q4_0Blocks>.Dot4(w, x, xStride, cols, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Wide<TOps>(byte* w, byte* x, int cols) where TOps : struct, IIntDotOps
    {
        float* table = Fp16.Table;
        Vector256<float> acc = default;
        for (int b = 0; b < cols / 32; b++, w += WBytes, x += XBytes)
        {
            Prefetch.Ahead(w);
            var isum = TOps.DotNibblesMinus8(Q4_0Blocks.Weights(w), Vector256.Load((sbyte*)(x + 2)));
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
            var q = Avx2.Subtract(Q4_0Blocks.Weights(w).AsSByte(), Vector256.Create((sbyte)8));
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
