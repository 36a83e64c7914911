namespace Gantry.Tensors.Kernels;

/// <summary>
/// Rotary position embedding applied in place to every head of one token's projection.
/// Angles follow ggml: <c>θ_i = position · freqScale · base^(-2i/d)</c>, computed by repeated multiplication in
/// float as ggml's rope cache does, so rotations agree with llama.cpp to the last bits that matter.
/// </summary>
public sealed class Rope
{
    private readonly float _thetaScale;

    /// <param name="dimensions">Rotated dimensions per head (<c>rope.dimension_count</c>); the rest pass through.</param>
    /// <param name="freqBase">Base of the frequencies (<c>rope.freq_base</c>, 10000 by default).</param>
    /// <param name="freqScale">1 / linear scaling factor.</param>
    public Rope(int dimensions, float freqBase, float freqScale, RopeLayout layout)
    {
        if (dimensions <= 0 || dimensions % 2 != 0) throw new ArgumentOutOfRangeException(nameof(dimensions), "must be positive and even");
        Dimensions = dimensions;
        FreqBase = freqBase;
        FreqScale = freqScale;
        Layout = layout;
        _thetaScale = MathF.Pow(freqBase, -2.0f / dimensions);
    }

    public int Dimensions { get; }
    public float FreqBase { get; }
    public float FreqScale { get; }
    public RopeLayout Layout { get; }

    /// <param name="heads">(headCount, headDim) one token's query or key heads, rotated in place.</param>
    public void Apply(Span<float> heads, int headCount, int headDim, int position)
    {
        if (heads.Length < headCount * headDim || Dimensions > headDim) throw new ArgumentException("heads span too short or rope wider than a head");
        Span<float> cos = stackalloc float[Dimensions / 2];
        Span<float> sin = stackalloc float[Dimensions / 2];
        var theta = (float)position;
        for (var i = 0; i < cos.Length; i++)
        {
            var t = FreqScale * theta;
            cos[i] = MathF.Cos(t);
            sin[i] = MathF.Sin(t);
            theta *= _thetaScale;
        }
        var half = Dimensions / 2;
        for (var h = 0; h < headCount; h++)
        {
            var x = heads.Slice(h * headDim, headDim);
            for (var i = 0; i < half; i++)
            {
                int a, b;
                if (Layout == RopeLayout.Normal) { a = 2 * i; b = 2 * i + 1; }
                else { a = i; b = i + half; }
                var x0 = x[a];
                var x1 = x[b];
                x[a] = x0 * cos[i] - x1 * sin[i];
                x[b] = x0 * sin[i] + x1 * cos[i];
            }
        }
    }

    /// <summary>The reference: angles from <see cref="Math.Pow(double,double)"/> in double.</summary>
    public void Reference(Span<float> heads, int headCount, int headDim, int position)
    {
        var half = Dimensions / 2;
        for (var h = 0; h < headCount; h++)
        {
            var x = heads.Slice(h * headDim, headDim);
            for (var i = 0; i < half; i++)
            {
                var theta = position * (double)FreqScale * Math.Pow(FreqBase, -2.0 * i / Dimensions);
                var (a, b) = Layout == RopeLayout.Normal ? (2 * i, 2 * i + 1) : (i, i + half);
                double x0 = x[a], x1 = x[b];
                x[a] = (float)(x0 * Math.Cos(theta) - x1 * Math.Sin(theta));
                x[b] = (float)(x0 * Math.Sin(theta) + x1 * Math.Cos(theta));
            }
        }
    }
}
