using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Gantry.Tensors.Kernels;

/// <summary>
/// One float weight row (or an L1-sized chunk of one) · four activation rows: each weight vector is loaded once and
/// used for four FMAs. The micro-kernel behind the F32, F16 and BF16 batched paths.
/// </summary>
internal static unsafe class FloatDot4
{
    /// <summary>y[t] += Σ w[i]·x_t[i] for t = 0..3.</summary>
    /// <param name="w">(len) floats.</param>
    /// <param name="x">(4, xStride bytes) float rows.</param>
    /// <param name="y">(4) sums, accumulated into.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Accumulate256(float* w, byte* x, nint xStride, int len, float* y)
    {
        float* x0 = (float*)x, x1 = (float*)(x + xStride), x2 = (float*)(x + 2 * xStride), x3 = (float*)(x + 3 * xStride);
        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
        int i = 0;
        for (; i + 8 <= len; i += 8)
        {
            var wv = Vector256.Load(w + i);
            a0 = Vector256.FusedMultiplyAdd(wv, Vector256.Load(x0 + i), a0);
            a1 = Vector256.FusedMultiplyAdd(wv, Vector256.Load(x1 + i), a1);
            a2 = Vector256.FusedMultiplyAdd(wv, Vector256.Load(x2 + i), a2);
            a3 = Vector256.FusedMultiplyAdd(wv, Vector256.Load(x3 + i), a3);
        }
        float s0 = Vector256.Sum(a0), s1 = Vector256.Sum(a1), s2 = Vector256.Sum(a2), s3 = Vector256.Sum(a3);
        for (; i < len; i++)
        {
            s0 += w[i] * x0[i];
            s1 += w[i] * x1[i];
            s2 += w[i] * x2[i];
            s3 += w[i] * x3[i];
        }
        y[0] += s0;
        y[1] += s1;
        y[2] += s2;
        y[3] += s3;
    }

    /// <inheritdoc cref="Accumulate256"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Accumulate512(float* w, byte* x, nint xStride, int len, float* y)
    {
        float* x0 = (float*)x, x1 = (float*)(x + xStride), x2 = (float*)(x + 2 * xStride), x3 = (float*)(x + 3 * xStride);
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
        int i = 0;
        for (; i + 16 <= len; i += 16)
        {
            var wv = Vector512.Load(w + i);
            a0 = Vector512.FusedMultiplyAdd(wv, Vector512.Load(x0 + i), a0);
            a1 = Vector512.FusedMultiplyAdd(wv, Vector512.Load(x1 + i), a1);
            a2 = Vector512.FusedMultiplyAdd(wv, Vector512.Load(x2 + i), a2);
            a3 = Vector512.FusedMultiplyAdd(wv, Vector512.Load(x3 + i), a3);
        }
        float s0 = Vector512.Sum(a0), s1 = Vector512.Sum(a1), s2 = Vector512.Sum(a2), s3 = Vector512.Sum(a3);
        for (; i < len; i++)
        {
            s0 += w[i] * x0[i];
            s1 += w[i] * x1[i];
            s2 += w[i] * x2[i];
            s3 += w[i] * x3[i];
        }
        y[0] += s0;
        y[1] += s1;
        y[2] += s2;
        y[3] += s3;
    }

    /// <summary>Clears the four outputs before a chunked accumulation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Clear(float* y) => *(Vector128<float>*)y = default;
}
