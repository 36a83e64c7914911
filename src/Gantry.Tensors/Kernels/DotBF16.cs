using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Gantry.Tensors.Quantization;

namespace Gantry.Tensors.Kernels;

/// <summary>
/// BF16 weights · activations rounded to BF16 (held as floats, exact), float accumulation, as ggml's
/// <c>ggml_vec_dot_bf16</c>. Widening bf16 is a 16-bit shift, so the vector paths do it in registers.
/// </summary>
internal static unsafe class DotBF16
{
    /// <param name="w">(cols) bf16 weights.</param>
    /// <param name="x">(cols) floats, each exactly representable as bf16.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Scalar(byte* w, byte* x, int cols)
    {
        ushort* a = (ushort*)w;
        float* b = (float*)x;
        float sum = 0;
        for (int i = 0; i < cols; i++) sum += BFloat16.ToFloat(a[i]) * b[i];
        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Vector128Path(byte* w, byte* x, int cols)
    {
        ushort* a = (ushort*)w;
        float* b = (float*)x;
        Vector128<float> s0 = default, s1 = default;
        int i = 0;
        for (; i + 8 <= cols; i += 8)
        {
            var raw = Vector128.Load(a + i);
            var lo = (Vector128.WidenLower(raw) << 16).AsSingle();
            var hi = (Vector128.WidenUpper(raw) << 16).AsSingle();
            s0 += lo * Vector128.Load(b + i);
            s1 += hi * Vector128.Load(b + i + 4);
        }
        float sum = Vector128.Sum(s0 + s1);
        for (; i < cols; i++) sum += BFloat16.ToFloat(a[i]) * b[i];
        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Avx2Path(byte* w, byte* x, int cols)
    {
        ushort* a = (ushort*)w;
        float* b = (float*)x;
        Vector256<float> s0 = default, s1 = default;
        int i = 0;
        for (; i + 16 <= cols; i += 16)
        {
            var raw = Vector256.Load(a + i);
            s0 = Vector256.FusedMultiplyAdd((Vector256.WidenLower(raw) << 16).AsSingle(), Vector256.Load(b + i), s0);
            s1 = Vector256.FusedMultiplyAdd((Vector256.WidenUpper(raw) << 16).AsSingle(), Vector256.Load(b + i + 8), s1);
        }
        float sum = Vector256.Sum(s0 + s1);
        for (; i < cols; i++) sum += BFloat16.ToFloat(a[i]) * b[i];
        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Avx512Path(byte* w, byte* x, int cols)
    {
        ushort* a = (ushort*)w;
        float* b = (float*)x;
        Vector512<float> s0 = default, s1 = default;
        int i = 0;
        for (; i + 32 <= cols; i += 32)
        {
            var raw = Vector512.Load(a + i);
            s0 = Vector512.FusedMultiplyAdd((Vector512.WidenLower(raw) << 16).AsSingle(), Vector512.Load(b + i), s0);
            s1 = Vector512.FusedMultiplyAdd((Vector512.WidenUpper(raw) << 16).AsSingle(), Vector512.Load(b + i + 16), s1);
        }
        float sum = Vector512.Sum(s0 + s1);
        for (; i < cols; i++) sum += BFloat16.ToFloat(a[i]) * b[i];
        return sum;
    }

    private const int Chunk = 256;

    // Batched: each chunk of weights is widened once (a shift) for four tokens.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Avx2Path4(byte* w, byte* x, nint xStride, int cols, float* y) => Chunked4(w, x, xStride, cols, y, wide: false);
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Avx512Path4(byte* w, byte* x, nint xStride, int cols, float* y) => Chunked4(w, x, xStride, cols, y, wide: true);

    private static void Chunked4(byte* w, byte* x, nint xStride, int cols, float* y, bool wide)
    {
        float* buffer = stackalloc float[Chunk];
        ushort* a = (ushort*)w;
        FloatDot4.Clear(y);
        for (int i = 0; i < cols; i += Chunk)
        {
            int len = Math.Min(Chunk, cols - i);
            int j = 0;
            for (; j + 16 <= len; j += 16)
            {
                var raw = Vector256.Load(a + i + j);
                (Vector256.WidenLower(raw) << 16).AsSingle().Store(buffer + j);
                (Vector256.WidenUpper(raw) << 16).AsSingle().Store(buffer + j + 8);
            }
            for (; j < len; j++) buffer[j] = BFloat16.ToFloat(a[i + j]);
            if (wide) FloatDot4.Accumulate512(buffer, x + i * sizeof(float), xStride, len, y);
            else FloatDot4.Accumulate256(buffer, x + i * sizeof(float), xStride, len, y);
        }
    }
}
