namespace Gantry.Engine.Sampling;

/// <summary>
/// Draws one candidate with probability softmax(logit): one uniform number, one pass over the weights
/// (inverse-CDF). O(n) for n remaining candidates; consumes exactly one random number per call, so a
/// seeded sequence stays reproducible whatever the filters did.
/// </summary>
internal static class CategoricalDraw
{
    public static int Select(CandidateSet candidates, Xoshiro256StarStar rng)
    {
        double u = rng.NextDouble(); // drawn first, so the stream advances even on the early exits below
        var items = candidates.Items;
        if (items.Length == 1)
            return items[0].Id;
        float max = Softmax.MaxLogit(candidates);
        if (!float.IsFinite(max))
            return Argmax.Select(candidates); // every logit -inf: no distribution; stay deterministic

        var weights = candidates.Scratch[..items.Length];
        double total = Softmax.Weights(items, max, weights);
        double target = u * total;
        double cumulative = 0;
        for (int i = 0; i < items.Length; i++)
        {
            cumulative += weights[i];
            if (cumulative > target) // strict: a zero-weight candidate can never be chosen
                return items[i].Id;
        }
        // Only reachable when u * total rounds up to total: take the last candidate with any weight.
        for (int i = items.Length - 1; i > 0; i--)
        {
            if (weights[i] > 0f)
                return items[i].Id;
        }
        return items[0].Id;
    }
}
