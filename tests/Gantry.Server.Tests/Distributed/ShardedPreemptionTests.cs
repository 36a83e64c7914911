using Gantry.Engine;
using Gantry.Engine.Sampling;
using Gantry.Models;
using Gantry.Models.Architectures;
using Gantry.Models.Synthesis;
using Gantry.Tensors.Threading;
using Gantry.TestSupport;

namespace Gantry.Server.Tests.Distributed;

/// <summary>
/// Preemption works on a split model as on one process: with a KV pool too small for every sequence at once, the
/// engine preempts and later recomputes some, on the workers' caches through the same block tables, and every request
/// still gets the tokens it gets unsharded under the same pool. F32 weights: a tensor split reorders float sums
/// (differences near 1e-6); with quantized weights such a difference can move an activation across a rounding step
/// of the next layer's 8-bit quantization and grow to a few 1e-3 in a log-probability, enough to flip a near-tie
/// between two tokens of a random synthetic model — a property of the split, not of preemption.
/// </summary>
public sealed class ShardedPreemptionTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(120);
    private readonly TempFile _small = new(".gguf");
    private readonly WorkerPool _pool = new(1);

    public ShardedPreemptionTests() => ModelSynthesizer.Write(ModelShape.Small, "f32", 7, _small.Path);

    public void Dispose()
    {
        _small.Dispose();
        _pool.Dispose();
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(1, 2)]
    public async Task Generate_PoolForcesPreemption_SameTokensAsUnsharded(int stages, int shards)
    {
        var random = new Random(21);
        var prompts = Enumerable.Range(0, 5).Select(_ => Enumerable.Range(0, 20).Select(_ => random.Next(1, 4096)).ToArray()).ToArray();

        var (expected, unshardedPreemptions) = await RunAsync(() => ModelLoader.Load(_small.Path, _pool), prompts);
        await using var harness = await PipelineHarness.StartAsync(_small.Path, stages, shards);
        var (actual, preemptions) = await RunAsync(() => harness.Model(), prompts);

        for (var i = 0; i < prompts.Length; i++)
        {
            Assert.Equal(expected[i].Tokens, actual[i].Tokens);
            for (var j = 0; j < expected[i].LogProbs.Length; j++) Assert.True(Math.Abs(expected[i].LogProbs[j] - actual[i].LogProbs[j]) <= 1e-3f, $"request {i}, token {j}");
        }
        Assert.True(unshardedPreemptions > 0, "the pool was meant to force preemption");
        Assert.True(preemptions > 0, "the pool was meant to force preemption on the split model too");
    }

    /// <summary>
    /// Small: 4 layers × 128 KV floats × 2 × 4 bytes = 4 KiB a token. Eight blocks of 16 tokens (512 KiB) cannot hold
    /// five sequences of 20 + 24 tokens (three blocks each), so some are preempted and resumed.
    /// </summary>
    private static async Task<((int[] Tokens, float[] LogProbs)[] Results, long Preemptions)> RunAsync(Func<ILanguageModel> load, int[][] prompts)
    {
        // All five are queued before the first step (ShardedRuns.DriveAsync), so both runs batch and preempt alike.
        var requests = prompts.Select(p => new GenerationRequest
        {
            PromptTokens = p,
            MaxTokens = 24,
            IgnoreEndOfGeneration = true,
            Sampling = SamplingParams.Greedy with { LogProbs = 1 },
        }).ToArray();
        var (results, preemptions) = await ShardedRuns.DriveAsync(load, new EngineOptions { KvCacheBytes = 8 * 16 * 4096, EnablePrefixCaching = false }, [requests], Bound);
        foreach (var r in results) Assert.NotEqual(FinishReason.Error, r[^1].FinishReason);
        var summaries = results.Select(r => r.Where(e => e.TokenId >= 0).ToArray()).Select(t => (t.Select(e => e.TokenId).ToArray(), t.Select(e => e.TopLogProbs![0].LogProb).ToArray()));
        return (summaries.ToArray(), preemptions);
    }
}
