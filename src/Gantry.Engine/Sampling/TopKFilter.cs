namespace Gantry.Engine.Sampling;

/// <summary>
/// Keeps the k most likely candidates (ties to the lower id), leaving them sorted. Uses partial
/// selection, O(n + k log k), never a sort of the whole vocabulary. k &lt;= 0 or k &gt;= count: no-op.
/// </summary>
public sealed class TopKFilter(int k) : ILogitsProcessor
{
    public string Name => "top-k";

    public int K { get; } = k;

    public void Apply(CandidateSet candidates)
    {
        if (K <= 0 || K >= candidates.Count)
            return;
        if (!candidates.IsSorted)
        {
            CandidateSelection.PartialSort(candidates.Items, K);
            candidates.MarkReordered(sorted: true);
        }
        candidates.Truncate(K);
    }
}
