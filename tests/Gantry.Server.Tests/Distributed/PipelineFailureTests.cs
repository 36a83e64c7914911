using System.Net;
using System.Net.Sockets;
using System.Text;
using Gantry.Engine;
using Gantry.Models;
using Gantry.Models.Architectures;
using Gantry.Models.Synthesis;
using Gantry.Server.Configuration;
using Gantry.Tensors.Threading;
using Gantry.TestSupport;

namespace Gantry.Server.Tests.Distributed;

/// <summary>
/// A pipeline stage that dies or goes silent fails the requests in flight with a model-unavailable error (never a
/// hang), leaks no KV block, and the model serves again — with correct outputs, no stale prefix cache — once the
/// stage is back. Timeouts here are generous bounds for a loaded machine, not measurements.
/// </summary>
public sealed class PipelineFailureTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly TempFile _model = new(".gguf");

    public PipelineFailureTests() => ModelSynthesizer.Write(ModelShape.Small, "q8_0", 9, _model.Path);

    public void Dispose() => _model.Dispose();

    [Fact]
    public async Task Generate_StageKilledMidStream_FailsInFlightThenRecoversWhenStageReturns()
    {
        int[] prompt = [5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22];
        int[] expected;
        using (var pool = new WorkerPool(1))
        using (var local = ModelLoader.Load(_model.Path, pool))
        await using (var reference = new LlmEngine(local, new EngineOptions { KvCacheBytes = 8 << 20 }))
            expected = Tokens(await reference.GenerateAllAsync(Request(prompt, 6)));

        await using var harness = await PipelineHarness.StartAsync(_model.Path, 2);
        using var model = harness.Model(TimeSpan.FromSeconds(20));
        await using var engine = new LlmEngine(model, new EngineOptions { KvCacheBytes = 8 << 20 });
        Assert.Equal(expected, Tokens(await engine.GenerateAllAsync(Request(prompt, 6)))); // warm: the prompt's blocks are cached

        // A long request; once it streams, the last stage vanishes.
        var events = new List<TokenEvent>();
        var stream = Task.Run(async () =>
        {
            await foreach (var e in engine.GenerateAsync(Request([30, 31, 32], 100_000))) events.Add(e);
        });
        while (events.Count < 3 && !stream.IsCompleted) await Task.Delay(10);
        await harness.StopStageAsync(1);
        await stream.WaitAsync(Bound);
        var last = events[^1];
        Assert.Equal(FinishReason.Error, last.FinishReason);
        Assert.True(last.ModelUnavailable);
        Assert.Contains("stage 1", last.Error);
        Assert.Equal(0, await BlocksUsedAsync(engine));

        // While the stage is down, new requests fail fast with the same error rather than hang.
        var down = await engine.GenerateAllAsync(Request(prompt, 6)).WaitAsync(Bound);
        Assert.True(down[^1].ModelUnavailable);

        // Back again: the restarted worker has an empty cache, so the old prefix blocks must not be trusted.
        await harness.RestartStageAsync(1);
        var again = await UntilServedAsync(() => engine.GenerateAllAsync(Request(prompt, 6)), e => !e[^1].ModelUnavailable);
        Assert.True(again[^1].FinishReason != FinishReason.Error, again[^1].Error);
        Assert.Equal(0, again[^1].Usage!.CachedPromptTokens);
        Assert.Equal(expected, Tokens(again));
        Assert.Equal(0, await BlocksUsedAsync(engine));
    }

    [Fact]
    public async Task Forward_SilentStage_TimesOutAsModelUnavailable()
    {
        // Accepts connections and never answers: the deadline, not the peer, must end the step.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var accepted = new List<Socket>();
        _ = Task.Run(async () =>
        {
            try { while (true) accepted.Add(await silent.AcceptSocketAsync()); }
            catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
        });
        using var model = new Gantry.Server.Distributed.PipelineModel(Models.Gguf.GgufFile.Open(_model.Path), [new Uri($"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}")], TimeSpan.FromSeconds(1));
        await using var engine = new LlmEngine(model, new EngineOptions { KvCacheBytes = 8 << 20 });
        var events = await engine.GenerateAllAsync(Request([1, 2, 3], 4)).WaitAsync(Bound);
        Assert.Equal(FinishReason.Error, events[^1].FinishReason);
        Assert.True(events[^1].ModelUnavailable);
        foreach (var s in accepted) s.Dispose();
    }

    [Fact]
    public async Task Completions_StageDown_Answers503AndNotReadyThenServesAgain()
    {
        await using var harness = await PipelineHarness.StartAsync(_model.Path, 2);
        var options = ServerFixture.Options(models: new ModelSpec(_model.Path, "piped")) with { PipelineWorkers = harness.Urls, PipelineTimeout = TimeSpan.FromSeconds(20) };
        var (server, http) = await ServerFixture.StartAsync(options);
        await using var _ = server;
        using var __ = http;
        const string body = """{"model":"piped","prompt":"hello","max_tokens":4,"temperature":0}""";
        HttpContent Json() => new StringContent(body, Encoding.UTF8, "application/json");

        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/v1/completions", Json())).StatusCode);
        await harness.StopStageAsync(0);
        var failed = await http.PostAsync("/v1/completions", Json());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Contains("model_unavailable", await failed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/ready")).StatusCode);

        var streamed = await http.PostAsync("/v1/completions", new StringContent(body.Replace("\"temperature\"", "\"stream\":true,\"temperature\""), Encoding.UTF8, "application/json"));
        var sse = await streamed.Content.ReadAsStringAsync();
        Assert.Contains("model_unavailable", sse);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health")).StatusCode); // the server itself stays up

        await harness.RestartStageAsync(0);
        Assert.Equal(HttpStatusCode.OK, (await UntilServedAsync(() => http.GetAsync("/ready"), r => r.StatusCode == HttpStatusCode.OK)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/v1/completions", Json())).StatusCode);
    }

    /// <summary>Retries as a client told 503 / Retry-After would: the channel redials a returned stage after a short backoff.</summary>
    private static async Task<T> UntilServedAsync<T>(Func<Task<T>> call, Func<T, bool> served)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (true)
        {
            var result = await call().WaitAsync(Bound);
            if (served(result) || DateTime.UtcNow > deadline) return result;
            await Task.Delay(100);
        }
    }

    private static GenerationRequest Request(int[] prompt, int maxTokens) =>
        new() { PromptTokens = prompt, MaxTokens = maxTokens, IgnoreEndOfGeneration = true };

    private static int[] Tokens(IReadOnlyList<TokenEvent> events)
    {
        Assert.NotEqual(FinishReason.Error, events[^1].FinishReason);
        return events.Where(e => e.TokenId >= 0).Select(e => e.TokenId).ToArray();
    }

    /// <summary>Blocks in use once the engine has published the step that ended the requests (it publishes right after).</summary>
    private static async Task<int> BlocksUsedAsync(LlmEngine engine)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (engine.Stats.BlocksUsed != 0 && DateTime.UtcNow < deadline) await Task.Delay(20);
        return engine.Stats.BlocksUsed;
    }
}
