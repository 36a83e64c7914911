using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using Gantry.Tensors.Quantization;

namespace Gantry.Tensors.Kernels;

/// <summary>
/// F16 weights · activations already rounded to F16 precision (held as floats, which is exact), accumulated in
/// float: the numerics of ggml's <c>ggml_vec_dot_f16</c>, which converts x to F16 and both to float to multiply.
/// </summary>
internal static unsafe class DotF16
{
    private const int Chunk = 256;

    /// <param name="w">(cols) half weights.</param>
    /// <param name="x">(cols) floats, each exactly representable as half.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Scalar(byte* w, byte* x, int cols)
    {
        ushort* a = (ushort*)w;
        float* b = (float*)x;
        float sum = 0;
        for (int i = 0; i < cols; i++) sum += Fp16.ToFloat(a[i]) * b[i];
        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Vector128Path(byte* w, byte* x, int cols) => Chunked(w, x, cols, &DotF32.Vector128Path);
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Avx2Path(byte* w, byte* x, int cols) => Chunked(w, x, cols, &DotF32.Avx2Path);
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Avx512Path(byte* w, byte* x, int cols) => Chunked(w, x, cols, &DotF32.Avx512Path);

    // Widen a chunk of weights into an L1-resident buffer (TensorPrimitives' vectorized half conversion), then
    // run the float dot of the chosen width over it.
    private static float Chunked(byte* w, byte* x, int cols, delegate*<byte*, byte*, int, float> dot)
    {
        float* buffer = stackalloc float[Chunk];
        float sum = 0;
        for (int i = 0; i < cols; i += Chunk)
        {
            int len = Math.Min(Chunk, cols - i);
            TensorPrimitives.ConvertToSingle(new ReadOnlySpan<Half>((Half*)w + i, len), new Span<float>(buffer, len));
            sum += dot((byte*)buffer, (byte*)((float*)x + i), len);
        }
        return sum;
    }

    // Batched: each chunk of weights is widened once for four tokens.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Avx2Path4(byte* w, byte* x, nint xStride, int cols, float* y) => Chunked4(w, x, xStride, cols, y, wide: false);
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Avx512Path4(byte* w, byte* x, nint xStride, int cols, float* y) => Chunked4(w, x, xStride, cols, y, wide: true);

    private static void Chunked4(byte* w, byte* x, nint xStride, int cols, float* y, bool wide)
    {
        float* buffer = stackalloc float[Chunk];
        FloatDot4.Clear(y);
        for (int i = 0; i < cols; i += Chunk)
        {
            int len = Math.Min(Chunk, cols - i);
            TensorPrimitives.ConvertToSingle(new ReadOnlySpan<Half>((Half*)w + i, len), new Span<float>(buffer, len));
            if (wide) FloatDot4.Accumulate512(buffer, x + i * sizeof(float), xStride, len, y);
            else FloatDot4.Accumulate256(buffer, x + i * sizeof(float), xStride, len, y);
        }
    }
}
