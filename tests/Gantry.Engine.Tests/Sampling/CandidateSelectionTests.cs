using Gantry.Engine.Sampling;

namespace Gantry.Engine.Tests.Sampling;

public class CandidateSelectionTests
{
    public static TheoryData<int> Lengths() => [.. Enumerable.Range(1, 70).Concat([100, 257, 1000, 5000])];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void PartialSort_RandomLogitsWithTies_PrefixEqualsReferenceSort(int n)
    {
        var rng = new Random(n);
        // Few distinct values (rounded) and some -inf, so ties and masked tokens are common.
        var items = Enumerable.Range(0, n)
            .Select(i => new Candidate(i, rng.Next(10) == 0 ? float.NegativeInfinity : MathF.Round((float)rng.NextDouble() * 8f)))
            .ToArray();
        var reference = SamplingTestHelpers.SortedReference(items);
        foreach (int k in new[] { 1, 2, n / 3, n / 2, n - 1, n }.Where(k => k >= 1 && k <= n).Distinct())
        {
            var work = items.OrderBy(_ => rng.Next()).ToArray(); // shuffled: the input order must not matter
            CandidateSelection.PartialSort(work, k);
            Assert.Equal(reference.Take(k), work.Take(k));
            Assert.Equal(reference.Select(c => c.Id).Order(), work.Select(c => c.Id).Order()); // a permutation
        }
    }

    [Fact]
    public void PartialSort_AlreadySortedAndReversedInput_Correct()
    {
        var ascending = Enumerable.Range(0, 2000).Select(i => new Candidate(i, i)).ToArray();
        var descending = Enumerable.Range(0, 2000).Select(i => new Candidate(i, -i)).ToArray();
        CandidateSelection.PartialSort(ascending, 10);
        CandidateSelection.PartialSort(descending, 10);
        Assert.Equal(Enumerable.Range(1990, 10).Reverse(), ascending.Take(10).Select(c => c.Id));
        Assert.Equal(Enumerable.Range(0, 10), descending.Take(10).Select(c => c.Id));
    }

    [Fact]
    public void PartialSort_AllEqual_LowestIdsFirst()
    {
        var items = Enumerable.Range(0, 500).Select(i => new Candidate(499 - i, 1f)).ToArray();
        CandidateSelection.PartialSort(items, 5);
        Assert.Equal([0, 1, 2, 3, 4], items.Take(5).Select(c => c.Id));
    }
}
