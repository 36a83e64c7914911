namespace Gantry.Tensors.Kernels;

/// <summary>
/// A mixture-of-experts router's choice for one token: softmax over the router logits, the top k experts by
/// probability (highest first; the lower index wins a tie), their probabilities as weights, renormalised to sum
/// to 1 when the family says so (Mixtral, Qwen3-MoE) and left as they are otherwise (Qwen2-MoE). This is
/// llama.cpp's softmax gating: softmax over all experts, then top-k, then optional renormalisation.
/// </summary>
public static class ExpertRouting
{
    /// <summary>llama.cpp clamps the renormalising sum from below so a row of tiny probabilities cannot divide by ~0.</summary>
    public const float MinWeightSum = 6.103515625e-5f;

    /// <param name="logits">(experts) router logits; overwritten with the softmax probabilities.</param>
    /// <param name="experts">(k) chosen expert indices, best first.</param>
    /// <param name="weights">(k) their weights.</param>
    public static void Select(Span<float> logits, Span<int> experts, Span<float> weights, bool normalize)
    {
        var k = experts.Length;
        if (weights.Length != k || k == 0 || k > logits.Length) throw new ArgumentException("need 1 ≤ k ≤ experts and as many weights as experts chosen");
        AttentionHead.SoftMax(logits);
        for (var j = 0; j < k; j++)
        {
            var best = -1;
            for (var e = 0; e < logits.Length; e++)
            {
                if (experts[..j].Contains(e)) continue;
                if (best < 0 || logits[e] > logits[best]) best = e;
            }
            experts[j] = best;
            weights[j] = logits[best];
        }
        if (!normalize) return;
        var sum = 0f;
        foreach (var w in weights) sum += w;
        sum = MathF.Max(sum, MinWeightSum);
        for (var j = 0; j < k; j++) weights[j] /= sum;
    }

    /// <summary>The scalar reference: probabilities in double, experts sorted by probability then index.</summary>
    public static void Reference(ReadOnlySpan<float> logits, Span<int> experts, Span<float> weights, bool normalize)
    {
        var max = double.NegativeInfinity;
        foreach (var v in logits) max = Math.Max(max, v);
        var p = new double[logits.Length];
        double total = 0;
        for (var e = 0; e < p.Length; e++) total += p[e] = Math.Exp(logits[e] - max);
        var order = Enumerable.Range(0, p.Length).OrderByDescending(e => p[e]).ThenBy(e => e).Take(experts.Length).ToArray();
        double chosen = 0;
        foreach (var e in order) chosen += p[e] / total;
        for (var j = 0; j < order.Length; j++)
        {
            experts[j] = order[j];
            var w = p[order[j]] / total;
            weights[j] = (float)(normalize ? w / Math.Max(chosen, MinWeightSum) : w);
        }
    }
}
