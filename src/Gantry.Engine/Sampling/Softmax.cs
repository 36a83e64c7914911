using System.Numerics.Tensors;

namespace Gantry.Engine.Sampling;

/// <summary>Unnormalized softmax weights over candidates, shared by top-p and the final draw.</summary>
internal static class Softmax
{
    /// <summary>Highest logit among the candidates (the first one when sorted).</summary>
    public static float MaxLogit(CandidateSet candidates)
    {
        var items = candidates.Items;
        if (candidates.IsSorted)
            return items[0].Logit;
        float max = float.NegativeInfinity;
        foreach (ref readonly var c in items)
            max = MathF.Max(max, c.Logit);
        return max;
    }

    /// <summary>
    /// Writes weights[i] = exp(items[i].Logit - max) and returns their sum, accumulated in double in index
    /// order (the draw re-accumulates in the same order, so its running sum ends exactly at this total).
    /// Precondition: max is finite (otherwise exp(-inf - -inf) is NaN; callers handle that case first).
    /// </summary>
    public static double Weights(ReadOnlySpan<Candidate> items, float max, Span<float> weights)
    {
        weights = weights[..items.Length];
        for (int i = 0; i < items.Length; i++)
            weights[i] = items[i].Logit;
        // Vectorized subtract and exp: the dominant cost when no top-k shrinks the set (150k exps per token).
        TensorPrimitives.Subtract(weights, max, weights);
        TensorPrimitives.Exp(weights, weights);
        double sum = 0;
        foreach (float w in weights)
            sum += w;
        return sum;
    }
}
