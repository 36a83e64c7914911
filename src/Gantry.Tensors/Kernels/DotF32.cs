using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Gantry.Tensors.Kernels;

/// <summary>F32 weights · F32 activations, float accumulation (ggml's <c>ggml_vec_dot_f32</c>).</summary>
internal static unsafe class DotF32
{
    /// <param name="w">(cols) float weights.</param>
    /// <param name="x">(cols) float activations.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Scalar(byte* w, byte* x, int cols)
    {
        float* a = (float*)w, b = (float*)x;
        float sum = 0;
        for (int i = 0; i < cols; i++) sum += a[i] * b[i];
        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Vector128Path(byte* w, byte* x, int cols) => Vectorized<Vector128<float>>(w, x, cols);
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Avx2Path(byte* w, byte* x, int cols) => Vectorized<Vector256<float>>(w, x, cols);
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Avx512Path(byte* w, byte* x, int cols) => Vectorized<Vector512<float>>(w, x, cols);

    // Four independent accumulators hide the FMA latency; the tail is finished in scalar (cols is usually a
    // multiple of 32 anyway, as every GGUF dimension is).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Vectorized<TVec>(byte* w, byte* x, int cols) where TVec : unmanaged
    {
        float* a = (float*)w, b = (float*)x;
        int i = 0;
        float sum = 0;
        if (typeof(TVec) == typeof(Vector512<float>))
        {
            Vector512<float> s0 = default, s1 = default;
            for (; i + 32 <= cols; i += 32)
            {
                s0 = Vector512.FusedMultiplyAdd(Vector512.Load(a + i), Vector512.Load(b + i), s0);
                s1 = Vector512.FusedMultiplyAdd(Vector512.Load(a + i + 16), Vector512.Load(b + i + 16), s1);
            }
            sum = Vector512.Sum(s0 + s1);
        }
        else if (typeof(TVec) == typeof(Vector256<float>))
        {
            Vector256<float> s0 = default, s1 = default, s2 = default, s3 = default;
            for (; i + 32 <= cols; i += 32)
            {
                s0 = Vector256.FusedMultiplyAdd(Vector256.Load(a + i), Vector256.Load(b + i), s0);
                s1 = Vector256.FusedMultiplyAdd(Vector256.Load(a + i + 8), Vector256.Load(b + i + 8), s1);
                s2 = Vector256.FusedMultiplyAdd(Vector256.Load(a + i + 16), Vector256.Load(b + i + 16), s2);
                s3 = Vector256.FusedMultiplyAdd(Vector256.Load(a + i + 24), Vector256.Load(b + i + 24), s3);
            }
            sum = Vector256.Sum((s0 + s1) + (s2 + s3));
        }
        else
        {
            Vector128<float> s0 = default, s1 = default;
            for (; i + 8 <= cols; i += 8)
            {
                s0 += Vector128.Load(a + i) * Vector128.Load(b + i);
                s1 += Vector128.Load(a + i + 4) * Vector128.Load(b + i + 4);
            }
            sum = Vector128.Sum(s0 + s1);
        }
        for (; i < cols; i++) sum += a[i] * b[i];
        return sum;
    }

    /// <summary>One weight row · four activation rows (see <see cref="FloatDot4"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Avx2Path4(byte* w, byte* x, nint xStride, int cols, float* y)
    {
        FloatDot4.Clear(y);
        FloatDot4.Accumulate256((float*)w, x, xStride, cols, y);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Avx512Path4(byte* w, byte* x, nint xStride, int cols, float* y)
    {
        FloatDot4.Clear(y);
        FloatDot4.Accumulate512((float*)w, x, xStride, cols, y);
    }
}
