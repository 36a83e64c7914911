using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Gantry.Tensors.Kernels;

/// <summary>
/// The inner loops of attention over one head: the scores q·k of a run of keys, o += Σ w·v over a run of values, the
/// soft-cap and the softmax of a score row. Heads are short (8–256 floats), so these work on a whole run of keys per
/// call and keep independent FMA chains in registers: 8 lanes at a time when the head is a multiple of 8 floats (every
/// model Gantry loads) on AVX, the library routines otherwise.
/// </summary>
public static class AttentionHead
{
    /// <summary>
    /// s[i] = scale · (q · k_i) for <paramref name="count"/> keys at <paramref name="keys"/> + i·<paramref name="stride"/>,
    /// each <paramref name="n"/> floats.
    /// </summary>
    /// <remarks>
    /// Four keys at a time: one dot product is a chain of dependent FMAs, so a key alone waits on FMA latency; four
    /// chains fill the pipes and one transposing reduction sums all four. A key's score has the same bits whether it
    /// falls in a group of four or in the remainder (same FMA order, same reduction tree), so it does not depend on
    /// where a step's block boundaries fall — a verify step scores a key exactly as a one-token step does.
    /// </remarks>
    public static unsafe void Scores(float* q, float* keys, long stride, int count, float scale, float* s, int n)
    {
        if (!Fma.IsSupported || (n & 7) != 0)
        {
            for (var i = 0; i < count; i++) s[i] = TensorPrimitives.Dot(new ReadOnlySpan<float>(q, n), new ReadOnlySpan<float>(keys + i * stride, n)) * scale;
            return;
        }
        var i4 = 0;
        for (; i4 + 4 <= count; i4 += 4)
        {
            float* k0 = keys + i4 * stride, k1 = k0 + stride, k2 = k1 + stride, k3 = k2 + stride;
            var qv = Vector256.Load(q);
            Vector256<float> a0 = qv * Vector256.Load(k0), a1 = qv * Vector256.Load(k1), a2 = qv * Vector256.Load(k2), a3 = qv * Vector256.Load(k3);
            for (var j = 8; j < n; j += 8)
            {
                qv = Vector256.Load(q + j);
                a0 = Fma.MultiplyAdd(qv, Vector256.Load(k0 + j), a0);
                a1 = Fma.MultiplyAdd(qv, Vector256.Load(k1 + j), a1);
                a2 = Fma.MultiplyAdd(qv, Vector256.Load(k2 + j), a2);
                a3 = Fma.MultiplyAdd(qv, Vector256.Load(k3 + j), a3);
            }
            // Lane t of the lower half holds key t's ((x0 + x1) + (x2 + x3)), of the upper half its ((x4 + x5) + (x6 + x7)).
            var sums = Avx.HorizontalAdd(Avx.HorizontalAdd(a0, a1), Avx.HorizontalAdd(a2, a3));
            ((sums.GetLower() + sums.GetUpper()) * Vector128.Create(scale)).Store(s + i4);
        }
        for (; i4 < count; i4++)
        {
            float* k = keys + i4 * stride;
            var a = Vector256.Load(q) * Vector256.Load(k);
            for (var j = 8; j < n; j += 8) a = Fma.MultiplyAdd(Vector256.Load(q + j), Vector256.Load(k + j), a);
            s[i4] = (((a[0] + a[1]) + (a[2] + a[3])) + ((a[4] + a[5]) + (a[6] + a[7]))) * scale;
        }
    }

    /// <summary>
    /// o += Σ_i w[i] · v_i for <paramref name="count"/> value rows at <paramref name="values"/> + i·<paramref name="stride"/>,
    /// each <paramref name="n"/> floats, in order of i.
    /// </summary>
    /// <remarks>
    /// The output stays in registers across the rows, up to 64 floats at a time, instead of a load and a store per row
    /// and vector. Each element takes the same FMAs in the same order as row-by-row accumulation, so the bits are the same.
    /// </remarks>
    public static unsafe void WeightedSum(float* values, long stride, float* w, int count, float* o, int n)
    {
        if (!Fma.IsSupported || (n & 7) != 0)
        {
            var span = new Span<float>(o, n);
            for (var i = 0; i < count; i++) TensorPrimitives.MultiplyAdd(new ReadOnlySpan<float>(values + i * stride, n), w[i], span, span);
            return;
        }
        var j = 0;
        // Eight chains of FMAs at a time where the head allows (64 floats), so a short run of rows does not wait on
        // FMA latency; then four, then one.
        for (; j + 64 <= n; j += 64)
        {
            float* oj = o + j;
            Vector256<float> o0 = Vector256.Load(oj), o1 = Vector256.Load(oj + 8), o2 = Vector256.Load(oj + 16), o3 = Vector256.Load(oj + 24);
            Vector256<float> o4 = Vector256.Load(oj + 32), o5 = Vector256.Load(oj + 40), o6 = Vector256.Load(oj + 48), o7 = Vector256.Load(oj + 56);
            float* v = values + j;
            for (var i = 0; i < count; i++, v += stride)
            {
                var wi = Vector256.Create(w[i]);
                o0 = Fma.MultiplyAdd(Vector256.Load(v), wi, o0);
                o1 = Fma.MultiplyAdd(Vector256.Load(v + 8), wi, o1);
                o2 = Fma.MultiplyAdd(Vector256.Load(v + 16), wi, o2);
                o3 = Fma.MultiplyAdd(Vector256.Load(v + 24), wi, o3);
                o4 = Fma.MultiplyAdd(Vector256.Load(v + 32), wi, o4);
                o5 = Fma.MultiplyAdd(Vector256.Load(v + 40), wi, o5);
                o6 = Fma.MultiplyAdd(Vector256.Load(v + 48), wi, o6);
                o7 = Fma.MultiplyAdd(Vector256.Load(v + 56), wi, o7);
            }
            o0.Store(oj);
            o1.Store(oj + 8);
            o2.Store(oj + 16);
            o3.Store(oj + 24);
            o4.Store(oj + 32);
            o5.Store(oj + 40);
            o6.Store(oj + 48);
            o7.Store(oj + 56);
        }
        for (; j + 32 <= n; j += 32)
        {
            float* oj = o + j;
            Vector256<float> o0 = Vector256.Load(oj), o1 = Vector256.Load(oj + 8), o2 = Vector256.Load(oj + 16), o3 = Vector256.Load(oj + 24);
            float* v = values + j;
            for (var i = 0; i < count; i++, v += stride)
            {
                var wi = Vector256.Create(w[i]);
                o0 = Fma.MultiplyAdd(Vector256.Load(v), wi, o0);
                o1 = Fma.MultiplyAdd(Vector256.Load(v + 8), wi, o1);
                o2 = Fma.MultiplyAdd(Vector256.Load(v + 16), wi, o2);
                o3 = Fma.MultiplyAdd(Vector256.Load(v + 24), wi, o3);
            }
            o0.Store(oj);
            o1.Store(oj + 8);
            o2.Store(oj + 16);
            o3.Store(oj + 24);
        }
        for (; j < n; j += 8)
        {
            var oj = Vector256.Load(o + j);
            float* v = values + j;
            for (var i = 0; i < count; i++, v += stride) oj = Fma.MultiplyAdd(Vector256.Load(v), Vector256.Create(w[i]), oj);
            oj.Store(o + j);
        }
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
