using Gantry.Engine.Sampling;
using static Gantry.Engine.Tests.Sampling.SamplingTestHelpers;

namespace Gantry.Engine.Tests.Sampling;

public class TopPFilterTests
{
    // Probabilities 0.1, 0.5, 0.04, 0.3, 0.06 by id: sorted, the cumulative sums are 0.5, 0.8, 0.9, 0.96, 1.
    private static readonly float[] Logits = [.. new[] { 0.1, 0.5, 0.04, 0.3, 0.06 }.Select(p => (float)Math.Log(p))];

    [Theory]
    [InlineData(0.45f, new[] { 1 })]
    [InlineData(0.75f, new[] { 1, 3 })]
    [InlineData(0.85f, new[] { 0, 1, 3 })]
    [InlineData(0.95f, new[] { 0, 1, 3, 4 })]
    [InlineData(0.99f, new[] { 0, 1, 2, 3, 4 })]
    public void Apply_P_KeepsSmallestSetReachingP(float p, int[] expected)
    {
        Assert.Equal(expected, KeptIds(new TopPFilter(p), Logits));
    }

    [Fact]
    public void Apply_PZero_KeepsOnlyTheBest()
    {
        Assert.Equal([1], KeptIds(new TopPFilter(0f), Logits));
    }

    [Fact]
    public void Apply_POne_NoChange()
    {
        var set = Load(Logits);
        new TopPFilter(1f).Apply(set);
        Assert.Equal(5, set.Count);
        Assert.True(set.IsIdentityOrder);
    }

    [Fact]
    public void Apply_AfterTopK_UsesProbabilitiesOfSurvivorsOnly()
    {
        // 0.4, 0.3, 0.2, 0.1: alone, p = 0.55 needs two tokens; after top-2 the survivors renormalize to
        // 0.571 and 0.429, so the first token alone reaches 0.55 (llama.cpp behaves the same).
        float[] logits = [.. new[] { 0.4, 0.3, 0.2, 0.1 }.Select(p => (float)Math.Log(p))];
        Assert.Equal([0, 1], KeptIds(new TopPFilter(0.55f), logits));

        var set = Load(logits);
        new TopKFilter(2).Apply(set);
        new TopPFilter(0.55f).Apply(set);
        Assert.Equal([0], set.Items.ToArray().Select(c => c.Id));
    }

    [Theory]
    [InlineData(0.05f)] // nucleus inside the first 256 sorted
    [InlineData(0.5f)]
    [InlineData(0.9f)] // nucleus far beyond 256: the rest gets sorted too
    public void Apply_LargeFlatVocab_MatchesFloat64Reference(float p)
    {
        var logits = RandomLogits(new Random(3), 5000, scale: 1f);
        var probs = SoftmaxReference(logits);
        var order = Enumerable.Range(0, logits.Length).OrderByDescending(i => logits[i]).ThenBy(i => i).ToArray();
        int keep = 0;
        double cumulative = 0;
        while (cumulative < p)
            cumulative += probs[order[keep++]];

        var set = Load(logits);
        new TopPFilter(p).Apply(set);
        Assert.Equal(order.Take(keep), set.Items.ToArray().Select(c => c.Id));
        Assert.True(set.IsSorted);
    }
}
