namespace Gantry.Engine.Sampling;

/// <summary>Greedy choice: the candidate with the highest logit, ties to the lowest token id.</summary>
internal static class Argmax
{
    public static int Select(CandidateSet candidates)
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
}
