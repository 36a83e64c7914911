using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

namespace Gantry.Tensors.Kernels;

/// <summary>
/// The inner loops of attention over one head: q·k, o += w·v, the soft-cap and the softmax of a score row.
/// Heads are short (8–256 floats), so these avoid per-call overhead: 8 lanes at a time when the head is a
/// multiple of 8 floats (every model Gantry loads), the library routines otherwise.
/// </summary>
public static class AttentionHead
{
    /// <summary>q · k over <paramref name="n"/> floats.</summary>
    public static unsafe float Dot(float* q, float* k, int n)
    {
        if (!Vector256.IsHardwareAccelerated || (n & 7) != 0) return TensorPrimitives.Dot(new ReadOnlySpan<float>(q, n), new ReadOnlySpan<float>(k, n));
        var acc = Vector256.Load(q) * Vector256.Load(k);
        for (var i = 8; i < n; i += 8) acc = Vector256.FusedMultiplyAdd(Vector256.Load(q + i), Vector256.Load(k + i), acc);
        return Vector256.Sum(acc);
    }

    /// <summary>o += weight · v over <paramref name="n"/> floats.</summary>
    public static unsafe void MultiplyAdd(float* v, float weight, float* o, int n)
    {
        if (!Vector256.IsHardwareAccelerated || (n & 7) != 0)
        {
            var span = new Span<float>(o, n);
            TensorPrimitives.MultiplyAdd(new ReadOnlySpan<float>(v, n), weight, span, span);
            return;
        }
        var w = Vector256.Create(weight);
        for (var i = 0; i < n; i += 8) Vector256.FusedMultiplyAdd(Vector256.Load(v + i), w, Vector256.Load(o + i)).Store(o + i);
    }

    /// <summary>s = cap · tanh(s / cap) in place (Gemma 2's attention and final-logit soft-capping); cap 0 leaves s alone.</summary>
    public static void SoftCap(Span<float> s, float cap)
    {
        if (cap == 0) return;
        // Multiply by 1/cap, as ggml_scale does, so scores round the same way as llama.cpp's; scalar tanhf as ggml's,
        // because the vectorised TensorPrimitives.Tanh is off by ~1e-7 absolute near 0, a large relative error there.
        var inverse = 1f / cap;
        for (var i = 0; i < s.Length; i++) s[i] = MathF.Tanh(s[i] * inverse) * cap;
    }

    /// <summary>Softmax of a score row in place.</summary>
    public static void SoftMax(Span<float> s)
    {
        // Vectorised exp over the whole row; the float sum of at most a context's worth of values in (0, 1] loses
        // nothing that matters next to the scores' own rounding.
        var max = TensorPrimitives.Max(s);
        TensorPrimitives.Subtract(s, max, s);
        TensorPrimitives.Exp(s, s);
        TensorPrimitives.Multiply(s, 1f / TensorPrimitives.Sum(s), s);
    }

    /// <summary>Scalar references in double for the tests.</summary>
    public static class Reference
    {
        public static double Dot(ReadOnlySpan<float> q, ReadOnlySpan<float> k)
        {
            double sum = 0;
            for (var i = 0; i < q.Length; i++) sum += (double)q[i] * k[i];
            return sum;
        }

        public static void MultiplyAdd(ReadOnlySpan<float> v, float weight, Span<float> o)
        {
            for (var i = 0; i < v.Length; i++) o[i] = (float)(o[i] + (double)weight * v[i]);
        }

        public static void SoftCap(Span<float> s, float cap)
        {
            if (cap == 0) return;
            for (var i = 0; i < s.Length; i++) s[i] = (float)(cap * Math.Tanh(s[i] / (double)cap));
        }

        public static void SoftMax(Span<float> s)
        {
            double max = double.NegativeInfinity, sum = 0;
            foreach (var v in s) max = Math.Max(max, v);
            var e = new double[s.Length];
            for (var i = 0; i < s.Length; i++) sum += e[i] = Math.Exp(s[i] - max);
            for (var i = 0; i < s.Length; i++) s[i] = (float)(e[i] / sum);
        }
    }
}
