using Gantry.Engine.Sampling;
using static Gantry.Engine.Tests.Sampling.SamplingTestHelpers;

namespace Gantry.Engine.Tests.Sampling;

public class LogProbsTests
{
    private static double[] LogSoftmaxReference(float[] logits)
    {
        double max = logits.Where(l => !float.IsNaN(l)).Max();
        double lse = max + Math.Log(logits.Where(l => !float.IsNaN(l)).Sum(l => Math.Exp(l - max)));
        return [.. logits.Select(l => float.IsNaN(l) ? double.NegativeInfinity : l - lse)];
    }

    private static float[] AllLogProbs(Sampler sampler, float[] logits)
    {
        var result = new float[logits.Length];
        for (int id = 0; id < logits.Length; id++)
            sampler.ComputeLogProbs(logits, id, [], out result[id]);
        return result;
    }

    [Theory]
    [InlineData(1f)]
    [InlineData(30f)] // wide spread: most probabilities underflow to tiny values
    public void ComputeLogProbs_RandomLogits_SumToOneAndMatchFloat64Reference(float scale)
    {
        var logits = RandomLogits(new Random(12), 2000, scale);
        var logProbs = AllLogProbs(new Sampler(new SamplingParams(), logits.Length), logits);
        var reference = LogSoftmaxReference(logits);
        double logSumExp = Math.Log(logProbs.Sum(lp => Math.Exp(lp)));
        Assert.True(Math.Abs(logSumExp) < 1e-5, $"logsumexp {logSumExp}");
        for (int i = 0; i < logits.Length; i++)
            Assert.True(Math.Abs(logProbs[i] - reference[i]) <= 1e-5 * Math.Max(1, Math.Abs(reference[i])), $"token {i}: {logProbs[i]} vs {reference[i]}");
    }

    [Fact]
    public void ComputeLogProbs_LargeLogits_StableNoOverflow()
    {
        float[] logits = [1000f, 999f, -1000f];
        var sampler = new Sampler(new SamplingParams(), 3);
        sampler.ComputeLogProbs(logits, 1, [], out float lp1);
        var reference = LogSoftmaxReference(logits);
        Assert.Equal(reference[1], lp1, tolerance: 1e-5);
    }

    [Fact]
    public void ComputeLogProbs_Top_SortedDescendingTiesToLowerId()
    {
        float[] logits = [0.5f, 2f, -1f, 2f, 1f, 0.5f];
        var reference = LogSoftmaxReference(logits);
        var top = new TokenLogProb[4];
        new Sampler(new SamplingParams(), logits.Length).ComputeLogProbs(logits, 2, top, out float chosen);
        Assert.Equal([1, 3, 4, 0], top.Select(t => t.TokenId));
        foreach (var t in top)
            Assert.Equal(reference[t.TokenId], t.LogProb, tolerance: 1e-5);
        Assert.Equal(reference[2], chosen, tolerance: 1e-5);
    }

    [Fact]
    public void ComputeLogProbs_LargeVocab_TopMatchesReference()
    {
        var logits = RandomLogits(new Random(13), 50_000);
        var reference = LogSoftmaxReference(logits);
        var expected = Enumerable.Range(0, logits.Length).OrderByDescending(i => logits[i]).ThenBy(i => i).Take(20).ToArray();
        var top = new TokenLogProb[20];
        new Sampler(new SamplingParams(), logits.Length).ComputeLogProbs(logits, 0, top, out _);
        Assert.Equal(expected, top.Select(t => t.TokenId));
        foreach (var t in top)
            Assert.Equal(reference[t.TokenId], t.LogProb, tolerance: 1e-5);
    }

    [Fact]
    public void ComputeLogProbs_PenaltiesAndTemperature_RawDistributionUnchanged()
    {
        var logits = RandomLogits(new Random(14), 300);
        var plain = new Sampler(new SamplingParams(), logits.Length);
        var shaped = new Sampler(new SamplingParams { Temperature = 0.3f, TopK = 5, RepetitionPenalty = 2f, PresencePenalty = 1f }, logits.Length);
        for (int t = 0; t < 20; t++)
            shaped.Accept(t);
        int chosen = shaped.Sample(logits);
        var topPlain = new TokenLogProb[5];
        var topShaped = new TokenLogProb[5];
        plain.ComputeLogProbs(logits, chosen, topPlain, out float lpPlain);
        shaped.ComputeLogProbs(logits, chosen, topShaped, out float lpShaped);
        Assert.Equal(topPlain, topShaped);
        Assert.Equal(lpPlain, lpShaped);
    }

    [Fact]
    public void ComputeLogProbs_NaNLogit_NegativeInfinityAndOthersNormalized()
    {
        float[] logits = [1f, float.NaN, 0f];
        var logProbs = AllLogProbs(new Sampler(new SamplingParams(), 3), logits);
        Assert.Equal(float.NegativeInfinity, logProbs[1]);
        Assert.Equal(1.0, Math.Exp(logProbs[0]) + Math.Exp(logProbs[2]), 5);
    }

    [Fact]
    public void ComputeLogProbs_BadArguments_Throw()
    {
        var sampler = new Sampler(new SamplingParams(), 3);
        Assert.Throws<ArgumentException>(() => sampler.ComputeLogProbs(new float[2], 0, [], out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => sampler.ComputeLogProbs(new float[3], 3, [], out _));
        Assert.Throws<ArgumentException>(() => sampler.ComputeLogProbs(new float[3], 0, new TokenLogProb[4], out _));
    }
}
