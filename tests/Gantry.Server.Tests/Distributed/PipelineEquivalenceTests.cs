using Gantry.Engine;
using Gantry.Models;
using Gantry.Models.Architectures;
using Gantry.Models.Synthesis;
using Gantry.Server.Distributed;
using Gantry.Tensors.Threading;
using Gantry.TestSupport;

using static Gantry.Server.Tests.Distributed.ShardedRuns;

namespace Gantry.Server.Tests.Distributed;

/// <summary>
/// A model split into pipeline stages, each a gRPC worker on loopback, must produce the unsharded engine's greedy
/// tokens and log-probabilities exactly (the same kernels run in the same order on the same rows; only where they run
/// differs), for single requests, concurrent batches and prefix-cache hits.
/// </summary>
public sealed class PipelineEquivalenceTests : IDisposable
{
    private const float F16LogProbTolerance = 0.05f;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(120);
    private readonly TempFile _small = new(".gguf");
    private readonly TempFile _gemma = new(".gguf");
    private readonly WorkerPool _pool = new(1);

    public PipelineEquivalenceTests()
    {
        ModelSynthesizer.Write(ModelShape.Small, "q8_0", 5, _small.Path);
        ModelSynthesizer.Write(ModelShape.Parse("tiny-gemma2"), "q8_0", 6, _gemma.Path);
    }

    public void Dispose()
    {
        _small.Dispose();
        _gemma.Dispose();
        _pool.Dispose();
    }

    public static TheoryData<string, int> Cases => new()
    {
        { "small", 2 }, { "small", 3 }, { "gemma", 2 }, { "stories", 2 }, { "stories", 3 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Generate_ShardedPipeline_MatchesUnshardedTokensAndLogProbs(string model, int stages)
    {
        var path = model switch { "small" => _small.Path, "gemma" => _gemma.Path, _ => SharedModels.Stories260K };
        var prompts = Prompts(path, seed: 11);

        var expected = await RunAsync(() => ModelLoader.Load(path, _pool), prompts, Timeout.InfiniteTimeSpan);
        await using var harness = await PipelineHarness.StartAsync(path, stages);
        var actual = await RunAsync(() => harness.Model(), prompts, Timeout.InfiniteTimeSpan);

        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Tokens, actual[i].Tokens);
            Assert.Equal(expected[i].LogProbs, actual[i].LogProbs);
        }
        // The repeated prompt was served from the prefix cache in both runs, so the hit path ran through the stages too.
        Assert.True(actual[^1].CachedTokens > 0, "the repeated prompt should hit the prefix cache");
        Assert.Equal(expected[^1].CachedTokens, actual[^1].CachedTokens);
    }

    /// <summary>
    /// Eight sequences decoding together: each step is cut into micro-batches of four (one per stage, at most) in
    /// flight, and with micro-batching off the stages run the whole batch one after another; both equal unsharded.
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    public async Task Generate_EightSequencesMicroBatched_MatchUnsharded(int microBatches)
    {
        var random = new Random(31);
        var requests = Enumerable.Range(0, 8).Select(i => Request(Enumerable.Range(0, 2 + i).Select(_ => random.Next(1, 4096)).ToArray(), 6)).ToArray();
        var options = new EngineOptions { KvCacheBytes = 16 << 20, EnablePrefixCaching = false };
        var (expected, _) = await DriveAsync(() => ModelLoader.Load(_small.Path, _pool), options, [requests], Bound);
        await using var harness = await PipelineHarness.StartAsync(_small.Path, 2);
        PipelineModel? piped = null;
        var (actual, _) = await DriveAsync(() => piped = harness.Model(transport: new() { MicroBatches = microBatches }), options, [requests], Bound);

        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(Tokens(expected[i]), Tokens(actual[i]));
            Assert.Equal(LogProbs(expected[i]), LogProbs(actual[i]));
        }
        var c = piped!.Counters;
        if (microBatches == 1) Assert.Equal(0, c.MicroBatches);
        else Assert.True(c.MicroBatches >= 2 * (c.Steps - 1), $"{c.MicroBatches} micro-batches in {c.Steps} steps");
        Assert.InRange(c.CriticalComputeSeconds, 0, c.StageComputeSeconds + 1e-9);
    }

    /// <summary>
    /// F16 activations on the wire: half the activation bytes, the same greedy tokens on stories260K, log-probabilities
    /// close (F16 keeps about three significant digits of each hidden value); between pipeline stages, and in a tensor
    /// group's all-reduces.
    /// </summary>
    [Theory]
    [InlineData(2, 1)]
    [InlineData(1, 2)]
    public async Task Generate_F16Activations_SameTokensHalfTheActivationBytes(int stages, int shards)
    {
        var path = SharedModels.Stories260K;
        var prompts = Prompts(path, seed: 11);
        await using var harness = await PipelineHarness.StartAsync(path, stages, shards);
        PipelineModel? f32 = null, f16 = null;
        var full = await RunAsync(() => f32 = harness.Model(), prompts, Bound);
        var half = await RunAsync(() => f16 = harness.Model(transport: new() { Activations = ActivationWireType.F16 }), prompts, Bound);

        for (var i = 0; i < full.Count; i++)
        {
            Assert.Equal(full[i].Tokens, half[i].Tokens);
            for (var j = 0; j < full[i].LogProbs.Length; j++)
                Assert.True(Math.Abs(full[i].LogProbs[j] - half[i].LogProbs[j]) <= F16LogProbTolerance, $"request {i}, log-prob {j}: {full[i].LogProbs[j]} F32, {half[i].LogProbs[j]} F16");
        }
        Assert.True(f32!.Counters.ActivationBytes > 0);
        Assert.Equal(f32.Counters.ActivationBytes, 2 * f16!.Counters.ActivationBytes);
        Assert.True(f16.Counters.BytesSent + f16.Counters.BytesReceived < f32.Counters.BytesSent + f32.Counters.BytesReceived);
    }

    private static float[] LogProbs(IReadOnlyList<TokenEvent> events) => events.Where(e => e.TokenId >= 0).SelectMany(e => e.TopLogProbs!.Select(t => t.LogProb)).ToArray();

    [Fact]
    public async Task PipelineModel_ReportsTrafficAndStageComputeTime()
    {
        await using var harness = await PipelineHarness.StartAsync(_small.Path, 2);
        using var model = harness.Model();
        await using (var engine = new LlmEngine(model, new EngineOptions { KvCacheBytes = 8 << 20 }))
            await engine.GenerateAllAsync(Request([1, 2, 3, 4, 5], 4));
        var c = model.Counters;
        Assert.True(c.Steps >= 4, $"steps {c.Steps}");
        Assert.True(c.BytesSent > 0 && c.BytesReceived > 0);
        Assert.InRange(c.StageComputeSeconds, 0, c.StepSeconds);
    }
}
