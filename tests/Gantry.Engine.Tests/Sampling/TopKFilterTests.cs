using Gantry.Engine.Sampling;
using static Gantry.Engine.Tests.Sampling.SamplingTestHelpers;

namespace Gantry.Engine.Tests.Sampling;

public class TopKFilterTests
{
    [Fact]
    public void Apply_K2_KeepsTwoHighestSorted()
    {
        var set = Load(1f, 5f, 3f, 4f, 2f);
        new TopKFilter(2).Apply(set);
        Assert.Equal([1, 3], set.Items.ToArray().Select(c => c.Id));
        Assert.True(set.IsSorted);
        Assert.False(set.IsIdentityOrder);
    }

    [Fact]
    public void Apply_TiesAtBoundary_LowerIdWins()
    {
        Assert.Equal([1], KeptIds(new TopKFilter(1), 1f, 5f, 3f, 5f, 2f));
        Assert.Equal([1, 2, 3], KeptIds(new TopKFilter(3), 1f, 5f, 3f, 5f, 3f));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(100)]
    public void Apply_KOffOrAtLeastCount_NoChange(int k)
    {
        var set = Load(1f, 5f, 3f, 4f, 2f);
        new TopKFilter(k).Apply(set);
        Assert.Equal(5, set.Count);
        Assert.True(set.IsIdentityOrder);
    }

    [Fact]
    public void Apply_LargeRandomVocab_MatchesReference()
    {
        var logits = RandomLogits(new Random(1), 32_000);
        var set = Load(logits);
        new TopKFilter(40).Apply(set);
        var reference = SortedReference(logits.Select((l, i) => new Candidate(i, l))).Take(40);
        Assert.Equal(reference, set.Items.ToArray());
    }
}
