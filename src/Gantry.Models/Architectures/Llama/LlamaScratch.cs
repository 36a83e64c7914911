namespace Gantry.Models.Architectures.Llama;

/// <summary>Activation buffers for one forward pass, grown to the largest batch seen and then reused.</summary>
internal sealed class LlamaScratch
{
    private readonly LlamaConfig _c;
    private int _tokens;

    public LlamaScratch(LlamaConfig config) => _c = config;

    public float[] Hidden = [];    // (n, dim) residual stream
    public float[] Normed = [];    // (n, dim)
    public float[] Query = [];     // (n, heads·headDim)
    public float[] Key = [];       // (n, kvHeads·headDim)
    public float[] Value = [];     // (n, kvHeads·headDim)
    public float[] Attended = [];  // (n, heads·headDim)
    public float[] Projected = []; // (n, dim)
    public float[] Gate = [];      // (n, ff)
    public float[] Up = [];        // (n, ff)

    public LlamaScratch Ensure(int tokens, int outputs)
    {
        var n = Math.Max(tokens, outputs);
        if (n <= _tokens) return this;
        n = Math.Max(n, _tokens * 2);
        Hidden = new float[n * _c.EmbeddingLength];
        Normed = new float[n * _c.EmbeddingLength];
        Query = new float[n * _c.QueryDim];
        Key = new float[n * _c.KvDim];
        Value = new float[n * _c.KvDim];
        Attended = new float[n * _c.QueryDim];
        Projected = new float[n * _c.EmbeddingLength];
        Gate = new float[n * _c.FeedForwardLength];
        Up = new float[n * _c.FeedForwardLength];
        _tokens = n;
        return this;
    }
}
