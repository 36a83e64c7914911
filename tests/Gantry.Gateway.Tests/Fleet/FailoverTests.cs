using System.Net;
using System.Text.Json;

namespace Gantry.Gateway.Tests.Fleet;

public sealed class FailoverTests
{
    /// <summary>
    /// 3 replicas, 2 gateways, 24 non-streaming requests six at a time; once a few have finished, the replica with the most
    /// requests in its engine is killed (no drain: its connections are dropped mid-generation). Every request still gets its
    /// completion: those in flight on the dead replica had not started streaming, so the gateway sends them again elsewhere.
    /// </summary>
    [Fact]
    public async Task ReplicaKilledMidLoad_LosesNoRequestThatHadNotStartedStreaming()
    {
        await using var fleet = await Fleet.StartAsync(replicas: 3, gateways: 2, drainSeconds: 0);
        using var a = Fleet.Client(fleet.Gateways[0].Url);
        using var b = Fleet.Client(fleet.Gateways[1].Url);
        var done = 0;
        var killAfter = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var gate = new SemaphoreSlim(6);
        var tasks = Enumerable.Range(0, 24).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var http = i % 2 == 0 ? a : b;
                var body = JsonSerializer.Serialize(new { model = Fleet.Model, prompt = $"Story {i % 4}: once upon a time there was a little", max_tokens = 48, temperature = 0, ignore_eos = true });
                using var response = await http.PostAsync("/v1/completions", Fleet.Json(body));
                var text = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"request {i}: {(int)response.StatusCode} {text}");
                using var doc = JsonDocument.Parse(text);
                Assert.Equal(48, doc.RootElement.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
                if (Interlocked.Increment(ref done) == 4) killAfter.TrySetResult("");
            }
            finally
            {
                gate.Release();
            }
        }).ToList();
        await killAfter.Task.WaitAsync(TimeSpan.FromSeconds(60));
        // Wait (bounded) for a moment when some replica's engine holds a request, and kill that one.
        static int Held(Server.Hosting.GantryServer r) => r.Registry.Models[0].Engine.Stats.Running + r.Registry.Models[0].Engine.Stats.Waiting;
        // Choose and count in one reading, and kill right after it: on a loaded machine a second reading could find
        // the chosen replica's requests already finished.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        var (server, inFlight) = fleet.Replicas.Select(r => (r, Held(r))).MaxBy(p => p.Item2);
        while (inFlight == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(2);
            (server, inFlight) = fleet.Replicas.Select(r => (r, Held(r))).MaxBy(p => p.Item2);
        }
        await server.DisposeAsync();
        await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(120));
        Assert.Equal(24, done);
        // Requests were in flight on the dead replica (six in flight over three replicas): they were sent again elsewhere.
        Assert.True(inFlight >= 1, "the killed replica held no request");
        Assert.True(fleet.Gateways.Sum(g => g.Metrics.Retries.Value) >= 1);
    }
}
