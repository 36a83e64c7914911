using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Gantry.Tensors.Quantization;

namespace Gantry.Tensors.Kernels;

/// <summary>Q5_0 weights · Q8_0 activations: integer dot of (q − 16) with x per 32-block, scaled by d_w·d_x.</summary>
internal static unsafe class DotQ5_0
{
    private const int WBytes = BlockQ5_0.BlockBytes;
    private const int XBytes = BlockQ8_0.BlockBytes;

    /// <param name="w">(cols/32) Q5_0 weight blocks.</param>
    /// <param name="x">(cols/32) Q8_0 activation blocks.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Scalar(byte* w, byte* x, int cols)
    {
        float sum = 0;
        for (int b = 0; b < cols / 32; b++, w += WBytes, x += XBytes)
        {
            sbyte* qx = (sbyte*)(x + 2);
            int isum = 0;
            for (int i = 0; i < 32; i++) isum += (BlockQ5_0.Level(w, i) - 16) * qx[i];
            sum += isum * (Fp16.Load(w) * Fp16.Load(x));
        }
        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Vector128Path(byte* w, byte* x, int cols)
    {
        Vector128<float> acc = default;
        sbyte* q = stackalloc sbyte[32];
        for (int b = 0; b < cols / 32; b++, w += WBytes, x += XBytes)
        {
            for (int i = 0; i < 32; i++) q[i] = (sbyte)(BlockQ5_0.Level(w, i) - 16);
            var isum = Vector128Int.Dot(Vector128.Load(q), Vector128.Load((sbyte*)(x + 2)))
                     + Vector128Int.Dot(Vector128.Load(q + 16), Vector128.Load((sbyte*)(x + 18)));
            acc += Vector128.ConvertToSingle(isum) * Vector128.Create(Fp16.Load(w) * Fp16.Load(x));
        }
        return Vector128.Sum(acc);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Avx2Path(byte* w, byte* x, int cols)
    {
        Vector256<float> acc = default;
        for (int b = 0; b < cols / 32; b++, w += WBytes, x += XBytes)
        {
            Prefetch.Ahead(w);
            acc = DotQ8_0.Step<Avx2Ops>(Signed(w), Fp16.Load(w), x, acc);
        }
        return Vector128Int.Sum(acc);
    }

    // The levels are decoded once per block for the four tokens.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Avx2Path4(byte* w, byte* x, nint xStride, int cols, float* y)
    {
        Vector256<float> acc0 = default, acc1 = default, acc2 = default, acc3 = default;
        byte* x0 = x, x1 = x + xStride, x2 = x + 2 * xStride, x3 = x + 3 * xStride;
        for (int b = 0; b < cols / 32; b++, w += WBytes, x0 += XBytes, x1 += XBytes, x2 += XBytes, x3 += XBytes)
        {
            var q = Signed(w);
            float d = Fp16.Load(w);
            acc0 = DotQ8_0.Step<Avx2Ops>(q, d, x0, acc0);
            acc1 = DotQ8_0.Step<Avx2Ops>(q, d, x1, acc1);
            acc2 = DotQ8_0.Step<Avx2Ops>(q, d, x2, acc2);
            acc3 = DotQ8_0.Step<Avx2Ops>(q, d, x3, acc3);
        }
        y[0] = Vector128Int.Sum(acc0);
        y[1] = Vector128Int.Sum(acc1);
        y[2] = Vector128Int.Sum(acc2);
        y[3] = Vector128Int.Sum(acc3);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float VnniPath(byte* w, byte* x, int cols) => UnsignedBlockDot<Q5_0Blocks>.Dot(w, x, cols);
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void VnniPath4(byte* w, byte* x, nint xStride, int cols, float* y) => UnsignedBlockDot<Q5_0Blocks>.Dot4(w, x, xStride, cols, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<sbyte> Signed(byte* w) => Avx2.Subtract(Q5_0Blocks.Weights(w).AsSByte(), Vector256.Create((sbyte)16));
}
