using Gantry.Engine.Sampling;
using static Gantry.Engine.Tests.Sampling.SamplingTestHelpers;

namespace Gantry.Engine.Tests.Sampling;

public class MinPFilterTests
{
    // Probabilities 0.06, 0.5, 0.1, 0.3, 0.04 by id.
    private static readonly float[] Logits = [.. new[] { 0.06, 0.5, 0.1, 0.3, 0.04 }.Select(p => (float)Math.Log(p))];

    [Theory]
    [InlineData(0.7f, new[] { 1 })]          // p >= 0.35
    [InlineData(0.5f, new[] { 1, 3 })]       // p >= 0.25
    [InlineData(0.15f, new[] { 1, 2, 3 })]   // p >= 0.075
    [InlineData(0.05f, new[] { 0, 1, 2, 3, 4 })]
    public void Apply_MinP_KeepsTokensAtLeastMinPTimesBest(float minP, int[] expected)
    {
        Assert.Equal(expected, KeptIds(new MinPFilter(minP), Logits));
    }

    [Fact]
    public void Apply_MinPOneWithTiedMaxima_KeepsAllMaxima()
    {
        Assert.Equal([1, 3], KeptIds(new MinPFilter(1f), 0f, 2f, 1f, 2f));
    }

    [Fact]
    public void Apply_Zero_NoChange()
    {
        var set = Load(Logits);
        new MinPFilter(0f).Apply(set);
        Assert.True(set.IsIdentityOrder);
        Assert.Equal(5, set.Count);
    }

    [Fact]
    public void Apply_SortedInput_StaysSorted()
    {
        var set = Load(Logits);
        new TopKFilter(4).Apply(set);
        new MinPFilter(0.15f).Apply(set);
        Assert.True(set.IsSorted);
        Assert.Equal([1, 3, 2], set.Items.ToArray().Select(c => c.Id));
    }
}
