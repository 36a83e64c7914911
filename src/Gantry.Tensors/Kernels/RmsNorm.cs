using System.Numerics.Tensors;

namespace Gantry.Tensors.Kernels;

/// <summary>
/// Root-mean-square normalisation: <c>dst = x / sqrt(mean(x²) + eps) ⊙ weight</c>.
/// The sum of squares is accumulated in double, as ggml does, so long rows do not lose precision.
/// </summary>
public static class RmsNorm
{
    /// <param name="x">(n) input row.</param>
    /// <param name="weight">(n) learned gain.</param>
    /// <param name="dst">(n) output; may alias <paramref name="x"/>.</param>
    public static void Apply(ReadOnlySpan<float> x, ReadOnlySpan<float> weight, float epsilon, Span<float> dst)
    {
        if (weight.Length != x.Length || dst.Length != x.Length) throw new ArgumentException("x, weight and dst must have the same length");
        var scale = Scale(x, epsilon);
        TensorPrimitives.Multiply(x, scale, dst);
        TensorPrimitives.Multiply(dst, weight, dst);
    }

    /// <summary>The scalar reference: plain loops in double.</summary>
    public static void Reference(ReadOnlySpan<float> x, ReadOnlySpan<float> weight, float epsilon, Span<float> dst)
    {
        double sum = 0;
        foreach (var v in x) sum += (double)v * v;
        var scale = 1.0 / Math.Sqrt(sum / x.Length + epsilon);
        for (var i = 0; i < x.Length; i++) dst[i] = (float)(x[i] * scale * weight[i]);
    }

    private static float Scale(ReadOnlySpan<float> x, float epsilon)
    {
        // Vectorised float partial sums are exact enough per 8-lane chunk; the cross-chunk total is kept in double.
        double sum = 0;
        const int chunk = 64;
        var i = 0;
        for (; i + chunk <= x.Length; i += chunk)
        {
            var part = x.Slice(i, chunk);
            sum += TensorPrimitives.Dot(part, part);
        }
        for (; i < x.Length; i++) sum += (double)x[i] * x[i];
        return 1.0f / MathF.Sqrt((float)(sum / x.Length) + epsilon);
    }
}
