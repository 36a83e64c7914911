using Gantry.Models.Gguf;
using Gantry.Tensors;
using Gantry.Tensors.Kernels;

namespace Gantry.Models.Synthesis;

/// <summary>The output head of a synthesized model that follows a <see cref="NextTokenMap"/> (see
/// <see cref="ModelSynthesizer.Build"/> for why it works).</summary>
internal static class FollowingModel
{
    /// <summary>How much smaller than a random layer's the attention and FFN output projections are: each layer then
    /// moves the residual stream by about 1% of the embedding's size, far too little to change which logit wins.</summary>
    public const float ResidualDamping = 0.01f;

    /// <summary>The greedy logit is about this large whatever the width (the others are about 20/√dim).</summary>
    private const float WinningLogit = 20f;

    /// <summary>Writes <c>output.weight</c> (vocab, dim): row j = c · Σ e(t) over the tokens t with Next[t] = j, where
    /// e(t) are the embedding's rows drawn from <paramref name="embedding"/> in order. The embedding is uniform in
    /// (-1, 1), so |e|² ≈ dim/3 and the final RMS norm scales e by √3: the winning logit is c·√3·dim/3, and
    /// c = √3 · <see cref="WinningLogit"/> / dim makes it <see cref="WinningLogit"/>.</summary>
    public static void Output(GgufWriter w, GgmlType type, int dim, NextTokenMap map, IEnumerable<float> embedding)
    {
        var vocab = map.VocabSize;
        var rowBytes = (int)GgmlTypeInfo.RowBytes(type, dim);
        var scale = MathF.Sqrt(3f) * WinningLogit / dim;
        w.AddTensor("output.weight", type, [dim, vocab], bytes =>
        {
            var rows = new float[(long)vocab * dim];
            using var values = embedding.GetEnumerator();
            for (var t = 0; t < vocab; t++)
            {
                var row = rows.AsSpan(map.Next[t] * dim, dim);
                for (var c = 0; c < dim; c++)
                {
                    values.MoveNext();
                    row[c] += scale * values.Current;
                }
            }
            for (var j = 0; j < vocab; j++) Quantize.Row(type, rows.AsSpan(j * dim, dim), bytes.Slice(j * rowBytes, rowBytes));
        });
    }
}
