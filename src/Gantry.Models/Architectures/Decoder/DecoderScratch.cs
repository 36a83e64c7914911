using Gantry.Tensors.Kernels;

namespace Gantry.Models.Architectures.Decoder;

/// <summary>Activation buffers for one forward pass, grown to the largest batch seen and then reused.</summary>
internal sealed class DecoderScratch
{
    private readonly DecoderConfig _c;
    private int _tokens;

    public DecoderScratch(DecoderConfig config) => _c = config;

    public float[] Hidden = [];    // (n, dim) residual stream
    public float[] Normed = [];    // (n, dim)
    public float[] Query = [];     // (n, heads·headDim)
    public float[] Key = [];       // (n, kvHeads·headDim)
    public float[] Value = [];     // (n, kvHeads·headDim)
    public float[] Attended = [];  // (n, heads·headDim)
    public float[] Projected = []; // (n, dim)
    public float[] Gate = [];      // (n, ff) dense layers only
    public float[] Up = [];        // (n, ff)

    public DecoderScratch Ensure(int tokens, int outputs)
    {
        var n = Math.Max(tokens, outputs);
        if (n <= _tokens) return this;
        n = Math.Max(n, _tokens * 2);
        var ff = _c.Experts is null ? _c.FeedForwardLength : 0;
        Hidden = new float[n * _c.EmbeddingLength];
        Normed = new float[n * _c.EmbeddingLength];
        Query = new float[n * _c.QueryDim];
        Key = new float[n * _c.KvDim];
        Value = new float[n * _c.KvDim];
        Attended = new float[n * _c.QueryDim];
        Projected = new float[n * _c.EmbeddingLength];
        Gate = new float[n * ff];
        Up = new float[n * ff];
        _tokens = n;
        return this;
    }

    /// <summary>RMS-normalises n rows of x into dst (which may be x).</summary>
    public void NormRows(float[] x, float[] weight, float[] dst, int n, int dim, float epsilon)
    {
        for (var t = 0; t < n; t++) RmsNorm.Apply(x.AsSpan(t * dim, dim), weight, epsilon, dst.AsSpan(t * dim, dim));
    }
}
