namespace Gantry.Engine.Sampling;

/// <summary>
/// Nucleus filter: keeps the smallest set of most likely candidates whose probability sums to at least p
/// (at least one). Probabilities are the softmax over the candidates still present, before temperature,
/// as in llama.cpp. p &gt;= 1: no-op. Leaves the kept candidates sorted.
/// </summary>
/// <remarks>
/// Needs candidates in order, but usually only a few hundred: when the set is unsorted and large, it
/// first sorts only the best 256 (llama.cpp's heuristic) and sorts the rest only if the nucleus is wider.
/// </remarks>
public sealed class TopPFilter(float p) : ILogitsProcessor
{
    private const int LargeSet = 1024;
    private const int FirstGuess = 256;

    public string Name => "top-p";

    public float P { get; } = p;

    public void Apply(CandidateSet candidates)
    {
        if (P >= 1f || candidates.Count == 1)
            return;
        float max = Softmax.MaxLogit(candidates);
        if (!float.IsFinite(max))
            return; // all -inf: nothing to rank; the draw falls back to the first candidate
        double total = Softmax.Weights(candidates.Items, max, candidates.Scratch);

        var items = candidates.Items;
        int sortedUpTo = items.Length;
        if (!candidates.IsSorted)
        {
            sortedUpTo = items.Length > LargeSet ? FirstGuess : items.Length;
            CandidateSelection.PartialSort(items, sortedUpTo);
        }

        // Compare unnormalized weights against p * total: same test as cumulative probability >= p.
        double target = P * total;
        double cumulative = 0;
        int keep = items.Length;
        for (int i = 0; i < items.Length; i++)
        {
            if (i == sortedUpTo)
            {
                items[i..].Sort(Candidate.Order); // the prefix already holds the best, so this completes the order
                sortedUpTo = items.Length;
            }
            cumulative += Math.Exp(items[i].Logit - max);
            if (cumulative >= target)
            {
                keep = i + 1;
                break;
            }
        }
        candidates.MarkReordered(sorted: true); // items[..keep] are in order either way
        candidates.Truncate(keep);
    }
}
