using Gantry.Engine;
using Gantry.Models;
using Gantry.Models.Architectures;
using Gantry.Models.Synthesis;
using Gantry.Tensors.Threading;
using Gantry.TestSupport;

using static Gantry.Server.Tests.Distributed.ShardedRuns;

namespace Gantry.Server.Tests.Distributed;

/// <summary>
/// A model split into tensor-parallel shards (and pipeline stages of shards), each a gRPC worker on loopback, against
/// the unsharded engine on the same file, for single requests, concurrent batches and prefix-cache hits. Greedy tokens
/// must be identical. Log-probabilities may differ by float rounding only: each shard's output and down projections
/// sum over its own columns and the leader adds the shards' sums (in a fixed order), where the unsharded kernel keeps
/// one running sum — the same reordering llama.cpp's and vLLM's tensor parallelism accept. The bound is far below any
/// difference that could change a choice; on these quantized files the sums come out bit-identical in practice.
/// </summary>
public sealed class TensorParallelTests : IDisposable
{
    private const float LogProbTolerance = 1e-3f;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);
    private readonly TempFile _small = new(".gguf");
    private readonly TempFile _gemma = new(".gguf");
    private readonly WorkerPool _pool = new(1);

    public TensorParallelTests()
    {
        ModelSynthesizer.Write(ModelShape.Small, "q8_0", 5, _small.Path);
        ModelSynthesizer.Write(ModelShape.Parse("tiny-gemma2"), "q4_0", 6, _gemma.Path);
    }

    public void Dispose()
    {
        _small.Dispose();
        _gemma.Dispose();
        _pool.Dispose();
    }

    public static TheoryData<string, int, int> Cases => new()
    {
        { "small", 1, 2 }, { "gemma", 1, 2 }, { "small", 2, 2 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Generate_TensorShards_MatchUnshardedTokensAndLogProbs(string model, int stages, int shards)
    {
        var path = model == "small" ? _small.Path : _gemma.Path;
        var prompts = Prompts(path, seed: 12);

        var expected = await RunAsync(() => ModelLoader.Load(path, _pool), prompts, Bound);
        await using var harness = await PipelineHarness.StartAsync(path, stages, shards);
        // Workers are listed backwards: the leader arranges them by the layers and shard each says it holds.
        var actual = await RunAsync(() => harness.Model(urls: harness.Urls.Reverse().ToArray()), prompts, Bound);

        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Tokens, actual[i].Tokens);
            Assert.Equal(expected[i].LogProbs.Length, actual[i].LogProbs.Length);
            for (var j = 0; j < expected[i].LogProbs.Length; j++)
                Assert.True(Math.Abs(expected[i].LogProbs[j] - actual[i].LogProbs[j]) <= LogProbTolerance,
                    $"request {i}, log-prob {j}: {expected[i].LogProbs[j]} unsharded, {actual[i].LogProbs[j]} sharded");
        }
        Assert.True(actual[^1].CachedTokens > 0, "the repeated prompt should hit the prefix cache");
        Assert.Equal(expected[^1].CachedTokens, actual[^1].CachedTokens);
    }

    [Fact]
    public async Task Generate_ShardKilled_FailsAsUnavailableThenRecovers()
    {
        int[] prompt = [5, 6, 7, 8, 9, 10, 11, 12];
        await using var harness = await PipelineHarness.StartAsync(_small.Path, 1, 2);
        using var model = harness.Model(TimeSpan.FromSeconds(20));
        await using var engine = new LlmEngine(model, new EngineOptions { KvCacheBytes = 8 << 20 });
        var before = Tokens(await engine.GenerateAllAsync(Request(prompt, 6)).WaitAsync(Bound));
        Assert.True(model.Counters.BytesSent > 0 && model.Counters.BytesReceived > 0);
        Assert.InRange(model.Counters.StageComputeSeconds, 0, model.Counters.StepSeconds);

        await harness.StopStageAsync(1);
        var down = await engine.GenerateAllAsync(Request(prompt, 6)).WaitAsync(Bound);
        Assert.Equal(FinishReason.Error, down[^1].FinishReason);
        Assert.True(down[^1].ModelUnavailable);

        await harness.RestartStageAsync(1);
        IReadOnlyList<TokenEvent> again = down;
        for (var attempt = 0; attempt < 60 && again[^1].FinishReason == FinishReason.Error; attempt++)
        {
            await Task.Delay(500);
            again = await engine.GenerateAllAsync(Request(prompt, 6)).WaitAsync(Bound);
        }
        Assert.Equal(before, Tokens(again));
    }
}
