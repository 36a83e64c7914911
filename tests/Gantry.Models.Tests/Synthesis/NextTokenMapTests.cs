using Gantry.Models.Gguf;
using Gantry.Models.Synthesis;
using Gantry.TestSupport;

namespace Gantry.Models.Tests.Synthesis;

public sealed class NextTokenMapTests
{
    [Fact]
    public void Cycle_VisitsEveryNonControlTokenOnce_AndNeverMapsToAControlToken()
    {
        var map = NextTokenMap.Cycle(1024, 5);
        var seen = new HashSet<int>();
        var t = 3;
        for (var i = 0; i < 1021; i++)
        {
            Assert.True(seen.Add(t), $"token {t} came back after {i} steps");
            t = map.Next[t];
        }
        Assert.Equal(3, t); // one cycle through all 1021 non-control tokens
        Assert.All(map.Next, next => Assert.True(next >= 3));
    }

    [Theory]
    [InlineData(1024, 64)]
    [InlineData(1024, 100)]
    [InlineData(32000, 128)]
    [InlineData(32000, 31997)]
    public void Cycles_IsAPermutationOfTheNonControlTokens_InCyclesOfTheLength(int vocab, int length)
    {
        var map = NextTokenMap.Cycles(vocab, length, 9);
        var ordinary = vocab - 3;
        // A permutation of the non-control tokens: every one is some token's successor exactly once.
        Assert.Equal(Enumerable.Range(3, ordinary), map.Next.Skip(3).Order());
        var lengths = new List<int>();
        var visited = new bool[vocab];
        for (var t = 3; t < vocab; t++)
        {
            if (visited[t]) continue;
            var n = 0;
            for (var u = t; !visited[u]; u = map.Next[u], n++) visited[u] = true;
            lengths.Add(n);
        }
        // Every cycle has the length but one, which also takes the remainder of ordinary ÷ length.
        Assert.Equal(ordinary / length, lengths.Count);
        lengths.Sort();
        Assert.All(lengths.SkipLast(1), n => Assert.Equal(length, n));
        Assert.Equal(length + ordinary % length, lengths[^1]);
        Assert.All(map.Next.Take(3), next => Assert.True(next >= 3));
    }

    [Fact]
    public void Cycles_IsDeterministicForASeed_AndTheWholeVocabularyLengthIsCycle()
    {
        Assert.Equal(NextTokenMap.Cycles(4096, 64, 11).Next, NextTokenMap.Cycles(4096, 64, 11).Next);
        Assert.NotEqual(NextTokenMap.Cycles(4096, 64, 11).Next, NextTokenMap.Cycles(4096, 64, 12).Next);
        Assert.Equal(NextTokenMap.Cycle(4096, 11).Next, NextTokenMap.Cycles(4096, NextTokenMap.LongestCycle(4096), 11).Next);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1022)]
    public void Cycles_LengthOutsideTheVocabulary_IsRefused(int length) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => NextTokenMap.Cycles(1024, length, 1));

    [Fact]
    public void Walk_StopsAfterOneWholeCycle_OrAtTheLimit()
    {
        var map = NextTokenMap.Cycles(1024, 50, 3);
        var cycle = map.Walk(500, 1000);
        Assert.Equal(map.Next[cycle[^1]], cycle[0]);
        Assert.InRange(cycle.Length, 50, 99);
        Assert.Equal(cycle.Length, cycle.Distinct().Count());
        Assert.Equal(cycle.Take(10), map.Walk(500, 10));
    }

    [Fact]
    public void SynthesizedFile_CarriesItsMap_AndAFileWithoutOneReadsAsNull()
    {
        var map = NextTokenMap.Cycles(ModelShape.Tiny.VocabSize, 32, 4);
        using var following = new TempFile();
        using var plain = new TempFile();
        ModelSynthesizer.Write(ModelShape.Tiny, "q8_0", 2, following.Path, map);
        ModelSynthesizer.Write(ModelShape.Tiny, "q8_0", 2, plain.Path);
        using (var file = GgufFile.Open(following.Path))
            Assert.Equal(map.Next, NextTokenMap.Read(file.Metadata, ModelShape.Tiny.VocabSize)!.Next);
        using (var file = GgufFile.Open(plain.Path))
            Assert.Null(NextTokenMap.Read(file.Metadata, ModelShape.Tiny.VocabSize));
        using (var file = GgufFile.Open(following.Path))
            Assert.Throws<ArgumentException>(() => NextTokenMap.Read(file.Metadata, 2048));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.1)]
    [InlineData(0.5)]
    public void Disagreeing_ChangesAboutTheFraction(double fraction)
    {
        var map = NextTokenMap.Cycle(32000, 7);
        var agreement = map.Disagreeing(fraction, 7).Agreement(map);
        // 32000 Bernoulli draws: the standard deviation of the agreed fraction is at most 0.0028; 0.02 is 7 of them.
        Assert.InRange(agreement, 1 - fraction - 0.02, 1 - fraction + 0.02);
        Assert.All(map.Disagreeing(fraction, 7).Next, next => Assert.True(next >= 3));
    }

    [Fact]
    public void Build_MapOfAnotherVocabulary_IsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => ModelSynthesizer.Build(ModelShape.Tiny, "f32", 1, NextTokenMap.Cycle(2048, 1)));
        Assert.Contains("vocabulary", e.Message);
    }
}
