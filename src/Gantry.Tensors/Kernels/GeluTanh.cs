namespace Gantry.Tensors.Kernels;

/// <summary>
/// Gemma's gated feed-forward activation: <c>dst = gelu_tanh(gate) ⊙ up</c>, with
/// <c>gelu_tanh(x) = ½x(1 + tanh(√(2/π)(x + 0.044715x³)))</c>.
/// llama.cpp's CPU backend evaluates GELU through a table indexed by the input rounded to f16 and stores the result
/// as f16 (inputs beyond ±10 short-circuit to 0 or x). <see cref="Apply"/> does the same, so Gemma's activations —
/// and greedy tokens — agree with llama.cpp's bit for bit rather than within f16 rounding.
/// </summary>
public static class GeluTanh
{
    private const float Coefficient = 0.044715f;
    private const float SqrtTwoOverPi = 0.79788456080286535587989211986876f;

    // (65536) gelu of every f16 value, rounded to f16: 256 KiB, built on first use.
    private static readonly Lazy<float[]> Table = new(BuildTable);

    /// <param name="gate">(n) gate projection.</param>
    /// <param name="up">(n) up projection.</param>
    /// <param name="dst">(n) output; may alias either input (each element is read before it is written).</param>
    public static void Apply(ReadOnlySpan<float> gate, ReadOnlySpan<float> up, Span<float> dst)
    {
        if (up.Length != gate.Length || dst.Length != gate.Length) throw new ArgumentException("gate, up and dst must have the same length");
        var table = Table.Value;
        for (var i = 0; i < gate.Length; i++)
        {
            var x = gate[i];
            var g = x <= -10f ? 0f : x >= 10f ? x : table[BitConverter.HalfToUInt16Bits((Half)x)];
            dst[i] = g * up[i];
        }
    }

    /// <summary>GELU-tanh in float, as ggml computes each table entry.</summary>
    public static float Gelu(float x) => 0.5f * x * (1f + MathF.Tanh(SqrtTwoOverPi * x * (1f + Coefficient * x * x)));

    /// <summary>The scalar reference: exact GELU-tanh in double, no f16 rounding.</summary>
    public static void Reference(ReadOnlySpan<float> gate, ReadOnlySpan<float> up, Span<float> dst)
    {
        for (var i = 0; i < gate.Length; i++)
        {
            double x = gate[i];
            var gelu = 0.5 * x * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
            dst[i] = (float)(gelu * up[i]);
        }
    }

    private static float[] BuildTable()
    {
        var table = new float[65536];
        for (var i = 0; i < table.Length; i++)
        {
            var x = (float)BitConverter.UInt16BitsToHalf((ushort)i);
            table[i] = (float)(Half)Gelu(x);
        }
        return table;
    }
}
