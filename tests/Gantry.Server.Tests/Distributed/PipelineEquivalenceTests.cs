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
