using Gantry.Server.Drift;
using Xunit.Abstractions;

namespace Gantry.Server.Tests.Drift;

/// <summary>PSI and KL on crafted traffic: an unshifted workload stays under the threshold, a shifted one goes far over.</summary>
public sealed class VersionDriftTests(ITestOutputHelper output)
{
    private const int N = 500;

    /// <summary>The baseline workload: 20–60 token prompts, 8–16 token answers, 10% cut at length, mean log-prob about −1.5, 2% blocked.</summary>
    private static DriftSample Baseline(Random r) =>
        new(r.Next(20, 61), r.Next(8, 17), r.NextDouble() < 0.1 ? "length" : "stop", -1.5 + (r.NextDouble() - 0.5), r.NextDouble() < 0.02);

    /// <summary>The shifted workload: long prompts, more answers cut at length, less confident tokens, more blocks.</summary>
    private static DriftSample Shifted(Random r) =>
        new(r.Next(200, 601), r.Next(8, 17), r.NextDouble() < 0.6 ? "length" : "stop", -3 + (r.NextDouble() - 0.5), r.NextDouble() < 0.3);

    private static Dictionary<string, FeatureDrift> Run(int seed, Func<Random, DriftSample> later)
    {
        var drift = new VersionDrift(N, N);
        var r = new Random(seed);
        for (var i = 0; i < N; i++) drift.Record(Baseline(r));
        for (var i = 0; i < N; i++) drift.Record(later(r));
        return drift.Scores().ToDictionary(f => f.Feature);
    }

    [Fact]
    public void Unshifted_StaysUnderTheThreshold_OverManySeeds()
    {
        // Under no shift, PSI with k occupied bins and n samples a side is about (k − 1)·2/n ≈ 0.02 here; 0.1 leaves a wide margin.
        var worst = 0.0;
        for (var seed = 0; seed < 30; seed++)
        {
            foreach (var f in Run(seed, Baseline).Values)
            {
                Assert.True(f.Ready, f.Feature);
                Assert.InRange(f.Psi, 0, 0.1);
                Assert.InRange(f.Kl, 0, 0.1);
                worst = Math.Max(worst, f.Psi);
            }
        }
        output.WriteLine($"largest PSI over 30 unshifted runs: {worst:F4}");
    }

    [Fact]
    public void Shifted_RaisesTheShiftedFeaturesOnly()
    {
        var scores = Run(7, Shifted);
        foreach (var f in scores.Values) output.WriteLine($"{f.Feature}: PSI {f.Psi:F3}, KL {f.Kl:F3}");
        Assert.True(scores["prompt_tokens"].Psi > 2, "prompt lengths moved to other bins");
        Assert.True(scores["finish_reason"].Psi > 0.5);
        Assert.True(scores["mean_logprob"].Psi > 2);
        Assert.True(scores["blocked"].Psi > 0.3);
        Assert.InRange(scores["output_tokens"].Psi, 0, 0.1); // unchanged
    }

    [Fact]
    public void NotReady_UntilReferenceCompleteAndWindowHalfFull_ResetStartsOver()
    {
        var drift = new VersionDrift(100, 100);
        var r = new Random(1);
        for (var i = 0; i < 149; i++) drift.Record(Baseline(r));
        Assert.All(drift.Scores(), f => Assert.False(f.Ready));
        drift.Record(Baseline(r));
        Assert.True(drift.Scores().Single(f => f.Feature == "prompt_tokens").Ready);
        drift.Reset();
        Assert.Equal((0, 0), (drift.ReferenceRequests, drift.WindowRequests));
        Assert.All(drift.Scores(), f => Assert.False(f.Ready));
    }

    [Fact]
    public void Window_SlidesOut_OldSamples()
    {
        var drift = new VersionDrift(200, 200);
        var r = new Random(3);
        for (var i = 0; i < 200; i++) drift.Record(Baseline(r));
        for (var i = 0; i < 200; i++) drift.Record(Shifted(r));
        Assert.True(drift.Scores().Single(f => f.Feature == "prompt_tokens").Psi > 2);
        for (var i = 0; i < 200; i++) drift.Record(Baseline(r)); // traffic is back to normal: the shifted requests leave the window
        Assert.InRange(drift.Scores().Single(f => f.Feature == "prompt_tokens").Psi, 0, 0.15);
        Assert.True(drift.CrossedThreshold(0, true));
        Assert.False(drift.CrossedThreshold(0, true));
        Assert.False(drift.CrossedThreshold(0, false));
        Assert.True(drift.CrossedThreshold(0, true));
    }

    [Fact]
    public void Score_IdenticalCountsAreZero_EmptyBinsFinite()
    {
        var (psi, kl) = DriftScore.Compare([5, 10, 0], 15, [5, 10, 0], 15);
        Assert.Equal(0, psi, 12);
        Assert.Equal(0, kl, 12);
        var (psi2, kl2) = DriftScore.Compare([0, 0, 30], 30, [30, 0, 0], 30);
        Assert.True(double.IsFinite(psi2) && psi2 > 3);
        Assert.True(double.IsFinite(kl2) && kl2 > 1);
    }
}
