using System.Numerics.Tensors;

namespace Gantry.Engine.Sampling;

/// <summary>Greedy choice: the highest logit, ties to the lowest token id. The one argmax of the product.</summary>
public static class Argmax
{
    internal static int Select(CandidateSet candidates)
    {
        var items = candidates.Items;
        if (candidates.IsSorted)
            return items[0].Id;
        int best = 0;
        for (int i = 1; i < items.Length; i++)
        {
            if (Candidate.Precedes(items[i], items[best]))
                best = i;
        }
        return items[best].Id;
    }

    /// <summary>The index of the highest of a row of logits (the first on ties); -1 for an empty row.</summary>
    public static int Of(ReadOnlySpan<float> logits) => TensorPrimitives.IndexOfMax(logits);
}
