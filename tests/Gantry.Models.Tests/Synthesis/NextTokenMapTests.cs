using Gantry.Models.Synthesis;

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
