using System.Numerics.Tensors;

namespace Gantry.Tensors.Kernels;

/// <summary>The gated feed-forward activation: <c>dst = silu(gate) ⊙ up</c>, with <c>silu(x) = x·σ(x)</c>.</summary>
public static class SwiGlu
{
    /// <param name="gate">(n) gate projection.</param>
    /// <param name="up">(n) up projection.</param>
    /// <param name="dst">(n) output; may alias either input.</param>
    public static void Apply(ReadOnlySpan<float> gate, ReadOnlySpan<float> up, Span<float> dst)
    {
        if (up.Length != gate.Length || dst.Length != gate.Length) throw new ArgumentException("gate, up and dst must have the same length");
        // Chunked through a stack buffer so dst may alias gate or up without reading overwritten values.
        const int chunk = 256;
        Span<float> s = stackalloc float[chunk];
        for (var i = 0; i < gate.Length; i += chunk)
        {
            var n = Math.Min(chunk, gate.Length - i);
            var g = gate.Slice(i, n);
            var t = s[..n];
            TensorPrimitives.Sigmoid(g, t);
            TensorPrimitives.Multiply(t, g, t);
            TensorPrimitives.Multiply(t, up.Slice(i, n), dst.Slice(i, n));
        }
    }

    public static void Reference(ReadOnlySpan<float> gate, ReadOnlySpan<float> up, Span<float> dst)
    {
        for (var i = 0; i < gate.Length; i++) dst[i] = (float)(gate[i] / (1 + Math.Exp(-gate[i])) * up[i]);
    }
}
