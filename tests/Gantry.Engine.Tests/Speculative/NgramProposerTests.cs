using Gantry.Engine.Speculative;

namespace Gantry.Engine.Tests.Speculative;

public sealed class NgramProposerTests
{
    [Fact]
    public void Propose_LongestSuffixWins_OverALaterShorterMatch()
    {
        // Suffix "1 2 3" occurs at the start (followed by 7 8); "3" alone occurs later (followed by 9).
        var seq = Sequence([1, 2, 3, 7, 8, 5, 3, 9, 0, 1, 2, 3], k: 2);
        new NgramProposer(1, 4).Propose([seq]);
        Assert.Equal([7, 8], seq.Tokens);
    }

    [Fact]
    public void Propose_EqualLengths_TakesTheLatestOccurrence()
    {
        var seq = Sequence([4, 5, 1, 4, 6, 2, 4], k: 1);
        new NgramProposer(1, 4).Propose([seq]);
        Assert.Equal([6], seq.Tokens);
    }

    [Fact]
    public void Propose_MatchShorterThanMin_ProposesNothing()
    {
        var seq = Sequence([4, 5, 1, 9, 4], k: 3);
        new NgramProposer(2, 4).Propose([seq]);
        Assert.Empty(seq.Tokens);
    }

    [Fact]
    public void Propose_ContinuationReachesTheEnd_RepeatsThePeriod()
    {
        // "7 7" matches one step back (period 1): the text is drafted as repeating on, k tokens, not the one that exists.
        var seq = Sequence([7, 7, 7], k: 4);
        new NgramProposer(1, 4).Propose([seq]);
        Assert.Equal([7, 7, 7, 7], seq.Tokens);
    }

    [Fact]
    public void Propose_PeriodicOwnOutput_DraftsKTokensOfTheCycle()
    {
        // "1 2 3" repeats with period 3; the latest match of the suffix ends 3 tokens back, so 3 tokens exist after
        // it and the fourth and fifth drafts continue the cycle from the drafts themselves.
        var seq = Sequence([9, 1, 2, 3, 1, 2, 3, 1, 2], k: 5);
        new NgramProposer(1, 4).Propose([seq]);
        Assert.Equal([3, 1, 2, 3, 1], seq.Tokens);
    }

    [Theory]
    [InlineData(1, 4)]
    [InlineData(2, 3)]
    [InlineData(3, 3)]
    public void FindMatchEnd_RandomSequences_MatchesPerLengthSearch(int minN, int maxN)
    {
        var rng = new Random(11);
        for (var trial = 0; trial < 2000; trial++)
        {
            var tokens = Enumerable.Range(0, rng.Next(0, 40)).Select(_ => rng.Next(0, 4)).ToArray();
            Assert.Equal(Reference(tokens, minN, maxN), NgramProposer.FindMatchEnd(tokens, minN, maxN));
        }
    }

    private static int Reference(int[] tokens, int minN, int maxN)
    {
        for (var n = Math.Min(maxN, tokens.Length - 1); n >= minN; n--)
        {
            var suffix = tokens.AsSpan(tokens.Length - n);
            for (var start = tokens.Length - n - 1; start >= 0; start--)
                if (tokens.AsSpan(start, n).SequenceEqual(suffix)) return start + n - 1;
        }
        return -1;
    }

    private static DraftProposal Sequence(int[] tokens, int k) => new(new Sequence(1, tokens, int.MaxValue)) { NumTokens = k };
}
