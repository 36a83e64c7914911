using System.Diagnostics;
using System.Numerics;

namespace Gantry.Engine.Sampling;

/// <summary>
/// Partial sorting of candidates in <see cref="Candidate.Precedes"/> order, in place and allocation-free.
/// </summary>
/// <remarks>
/// Design: top-k over a 150k-token vocabulary should not sort 150k items. Quickselect (median-of-three
/// pivot, Lomuto partition) moves the k best to the front in expected O(n); only those k are then sorted.
/// The order is strict (no two candidates compare equal), so duplicates of a logit cannot degrade the
/// partition; a depth limit falls back to sorting the remaining range, capping the worst case at O(n log n).
/// </remarks>
internal static class CandidateSelection
{
    /// <summary>Rearranges <paramref name="items"/> so that items[..k] hold its first k candidates, sorted.</summary>
    public static void PartialSort(Span<Candidate> items, int k)
    {
        Debug.Assert(k >= 0 && k <= items.Length);
        if (k == 0)
            return;
        if (k < items.Length)
            SelectFirst(items, k);
        items[..k].Sort(Candidate.Order);
    }

    /// <summary>Moves the first k candidates (in any order) to items[..k]; 0 &lt; k &lt; items.Length.</summary>
    internal static void SelectFirst(Span<Candidate> items, int k)
    {
        int lo = 0, hi = items.Length - 1; // invariant: items[..lo] precede items[lo..], items[(hi+1)..] follow items[..(hi+1)]
        int depthLeft = 2 * BitOperations.Log2((uint)items.Length) + 4;
        while (lo < hi)
        {
            if (depthLeft-- == 0)
            {
                items[lo..(hi + 1)].Sort(Candidate.Order);
                return;
            }
            int p = Partition(items, lo, hi);
            // items[lo..p) precede items[p], which precedes items(p..hi]; the boundary k is settled once it
            // falls next to the pivot.
            if (p == k || p == k - 1)
                return;
            if (p < k)
                lo = p + 1;
            else
                hi = p - 1;
        }
    }

    private static int Partition(Span<Candidate> items, int lo, int hi)
    {
        int mid = lo + ((hi - lo) >> 1);
        if (Candidate.Precedes(items[mid], items[lo])) Swap(items, mid, lo);
        if (Candidate.Precedes(items[hi], items[lo])) Swap(items, hi, lo);
        if (Candidate.Precedes(items[hi], items[mid])) Swap(items, hi, mid);
        Swap(items, mid, hi); // the median of three is the pivot, parked at hi
        Candidate pivot = items[hi];
        int store = lo;
        for (int i = lo; i < hi; i++)
        {
            if (Candidate.Precedes(items[i], pivot))
                Swap(items, i, store++);
        }
        Swap(items, store, hi);
        return store;
    }

    private static void Swap(Span<Candidate> items, int i, int j) => (items[i], items[j]) = (items[j], items[i]);
}
