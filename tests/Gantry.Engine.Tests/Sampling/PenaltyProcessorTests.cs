using Gantry.Engine.Sampling;
using static Gantry.Engine.Tests.Sampling.SamplingTestHelpers;

namespace Gantry.Engine.Tests.Sampling;

public class PenaltyProcessorTests
{
    private static TokenHistory History(int window, params int[] tokens)
    {
        var h = new TokenHistory(window);
        foreach (int t in tokens)
            h.Accept(t);
        return h;
    }

    [Fact]
    public void Apply_RepetitionFrequencyPresence_MatchesFormula()
    {
        // history: token 0 twice, tokens 1 and 3 once; repetition 2, frequency 0.5, presence 0.25
        var set = Load(2f, -2f, 1f, 0.5f, 3f, 0f);
        new PenaltyProcessor(History(64, 0, 1, 0, 3, 5), repetition: 2f, frequency: 0.5f, presence: 0.25f).Apply(set);
        float[] expected =
        [
            2f / 2 - (2 * 0.5f + 0.25f),  // positive logit: divided
            -2f * 2 - (1 * 0.5f + 0.25f), // negative logit: multiplied, so it goes down, not up
            1f,                           // unseen: untouched
            0.5f / 2 - (1 * 0.5f + 0.25f),
            3f,
            0f * 2 - (1 * 0.5f + 0.25f),  // zero counts as non-positive (llama.cpp)
        ];
        Assert.Equal(expected, set.Items.ToArray().Select(c => c.Logit));
        Assert.False(set.IsSorted);
    }

    [Fact]
    public void Apply_WindowTwo_OnlyLastTwoTokensCount()
    {
        var set = Load(1f, 1f, 1f, 1f);
        new PenaltyProcessor(History(2, 0, 1, 0, 3), repetition: 1f, frequency: 1f, presence: 0f).Apply(set);
        // window holds [0, 3]: token 1 fell out, token 0 counts once
        Assert.Equal([0f, 1f, 1f, 0f], set.Items.ToArray().Select(c => c.Logit));
    }

    [Fact]
    public void Apply_ReorderedCandidates_SameResultAsIdentityOrder()
    {
        float[] logits = [2f, -2f, 1f, 0.5f, 3f];
        var history = History(64, 0, 1, 0, 3);
        var identity = Load(logits);
        var reordered = Load(logits);
        new TopKFilter(4).Apply(reordered); // drops token 1, sorts the rest
        var stage = new PenaltyProcessor(history, 1.3f, 0.2f, 0.1f);
        stage.Apply(identity);
        stage.Apply(reordered);
        foreach (var c in reordered.Items)
            Assert.Equal(identity.Items[c.Id].Logit, c.Logit);
    }
}
