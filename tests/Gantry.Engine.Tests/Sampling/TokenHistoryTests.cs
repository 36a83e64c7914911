using Gantry.Engine.Sampling;

namespace Gantry.Engine.Tests.Sampling;

public class TokenHistoryTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(256)]
    [InlineData(1000)] // grows the ring past its initial capacity
    public void Accept_ManyTokens_CountsEqualLastWindowTokens(int window)
    {
        var rng = new Random(window);
        var tokens = Enumerable.Range(0, 3000).Select(_ => rng.Next(50)).ToArray();
        var history = new TokenHistory(window);
        for (int i = 0; i < tokens.Length; i++)
        {
            history.Accept(tokens[i]);
            if (i % 97 != 0 && i != tokens.Length - 1)
                continue;
            var recent = tokens[Math.Max(0, i + 1 - window)..(i + 1)];
            Assert.Equal(recent.Length, history.Count);
            Assert.Equal(recent.Distinct().Count(), history.DistinctCount);
            for (int t = 0; t < 50; t++)
                Assert.Equal(recent.Count(x => x == t), history.CountOf(t));
        }
    }

    [Fact]
    public void Accept_UnboundedWindow_CountsEverything()
    {
        var history = new TokenHistory(-1);
        for (int i = 0; i < 1000; i++)
            history.Accept(i % 7);
        Assert.Equal(1000, history.Count);
        Assert.Equal(143, history.CountOf(0));
        Assert.Equal(7, history.DistinctCount);
    }
}
