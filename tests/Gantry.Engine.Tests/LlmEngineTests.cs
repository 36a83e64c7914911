using Gantry.Engine.Sampling;
using Gantry.Engine.Scheduling;

namespace Gantry.Engine.Tests;

/// <summary>The threaded API: streams, concurrency, cancellation and the queue limit.</summary>
public sealed class LlmEngineTests(EngineTestModel fixture) : IClassFixture<EngineTestModel>
{
    [Fact]
    public async Task GenerateAsync_ConcurrentRequests_EachStreamsToAFinish()
    {
        await using var engine = new LlmEngine(fixture.Model, new EngineOptions { KvCacheBytes = 4L << 20 });
        var tasks = Enumerable.Range(0, 12).Select(i => engine.GenerateAllAsync(new GenerationRequest
        {
            PromptTokens = fixture.Prompt("Once upon a time, number " + i),
            MaxTokens = 20,
            Sampling = new SamplingParams { Temperature = 0.7f, Seed = (ulong)i },
        })).ToArray();
        var results = await Task.WhenAll(tasks);
        foreach (var events in results) Assert.NotNull(events[^1].FinishReason);
        Assert.Equal(0, engine.Stats.BlocksUsed);
    }

    [Fact]
    public async Task GenerateAsync_CancelledMidStream_FreesBlocks()
    {
        await using var engine = new LlmEngine(fixture.Model, new EngineOptions { KvCacheBytes = 4L << 20 });
        using var cts = new CancellationTokenSource();
        var count = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var e in engine.GenerateAsync(new GenerationRequest { PromptTokens = fixture.Prompt("Tom"), MaxTokens = 400, IgnoreEndOfGeneration = true }, cts.Token))
            {
                if (++count == 3) cts.Cancel();
                cts.Token.ThrowIfCancellationRequested();
            }
        });
        for (var i = 0; i < 200 && engine.Stats.BlocksUsed > 0; i++) await Task.Delay(10);
        Assert.Equal(0, engine.Stats.BlocksUsed);
    }

    [Fact]
    public async Task GenerateAsync_SameSeed_SameTokens()
    {
        await using var engine = new LlmEngine(fixture.Model);
        var request = new GenerationRequest { PromptTokens = fixture.Prompt("Lily"), MaxTokens = 30, Sampling = new SamplingParams { Temperature = 1f, Seed = 42 } };
        var a = (await engine.GenerateAllAsync(request)).Select(e => e.TokenId).ToArray();
        var b = (await engine.GenerateAllAsync(request)).Select(e => e.TokenId).ToArray();
        Assert.Equal(a, b);
    }

    [Fact]
    public async Task GenerateAsync_QueueFull_ThrowsTypedError()
    {
        await using var engine = new LlmEngine(fixture.Model, new EngineOptions { Scheduler = new SchedulerOptions { MaxQueue = 0 } });
        await Assert.ThrowsAsync<QueueFullException>(() => engine.GenerateAllAsync(new GenerationRequest { PromptTokens = fixture.Prompt("Hi") }));
    }

    [Fact]
    public async Task GenerateAsync_InvalidRequest_ThrowsArgumentException()
    {
        await using var engine = new LlmEngine(fixture.Model);
        await Assert.ThrowsAsync<ArgumentException>(() => engine.GenerateAllAsync(new GenerationRequest { PromptTokens = [1, 100000] }));
    }
}
