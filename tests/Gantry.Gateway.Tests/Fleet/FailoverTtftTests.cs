using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Gantry.Gateway.Forwarding;
using Gantry.Gateway.Hosting;
using Gantry.Server.Hosting;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Gantry.Gateway.Tests.Fleet;

/// <summary>
/// Time to first token when a replica dies while the fleet streams under load: requests that had not started streaming
/// when it died (sent after the kill, those whose prompts it was home to reaching it first, since the gateway only
/// learns of the death by failing a request there) are retried on another replica, complete in full, and their TTFT
/// stays within a generous bound; the only requests allowed to fail are streams the dead replica had already started.
/// </summary>
public sealed class FailoverTtftTests(ITestOutputHelper output)
{
    /// <summary>Generous on purpose: a loaded 2-core machine; steady-state TTFT here is tens of milliseconds.</summary>
    private static readonly TimeSpan TtftBound = TimeSpan.FromSeconds(20);

    private sealed record Outcome(int Prompt, long StartedAt, double? TtftMs, bool Complete, HttpStatusCode? Status, string? Replica, string? Error);

    private static string Prompt(int k) => $"Story {k}: once upon a time there was a little girl who loved to play in the park with her dog every day";

    [Fact]
    public async Task ReplicaKilledUnderStreamingLoad_NotStartedRequestsRetried_TtftBounded()
    {
        var replicas = new List<GantryServer>();
        for (var i = 0; i < 3; i++) replicas.Add(await Fleet.StartReplicaAsync(Fleet.ReplicaOptions(drainSeconds: 0)));
        // No active health checks and no load scrapes during the test: the gateway learns of the dead replica only by
        // failing a request on it (passive ejection), so requests do reach it after the kill and must be retried.
        var options = Fleet.GatewayOptions(replicas.Select(r => r.Url)) with { HealthInterval = TimeSpan.FromMinutes(10), ScrapeInterval = TimeSpan.FromMinutes(10) };
        await using var gateway = GantryGateway.Create(options, LogLevel.Warning);
        await gateway.StartAsync();
        using var http = Fleet.Client(gateway.Url);
        try
        {
            // Steady state: where each prompt goes (prefix affinity), and its TTFT. The replica to kill is prompt 0's home;
            // the load runs on prompts homed elsewhere, so no stream is cut on it (a cut stream would eject it at once, and
            // then no request would reach it after the kill to be retried).
            var home = new Dictionary<int, string>();
            for (var k = 0; k < 40 && (k < 12 || home.Values.All(h => h == home[0])); k++)
            {
                var o = await StreamAsync(http, k);
                Assert.True(o.Complete, $"warm-up {k}: {o.Status} {o.Error}");
                home[k] = o.Replica!;
                output.WriteLine($"steady: prompt {k} on {o.Replica}, TTFT {o.TtftMs:F0} ms");
            }
            var victim = replicas.Single(r => home[0].Contains(r.Url.Authority, StringComparison.Ordinal));
            var victimPrompts = home.Where(p => p.Value == home[0]).Select(p => p.Key).ToList();
            var loadPrompts = home.Where(p => p.Value != home[0]).Select(p => p.Key).ToList();
            Assert.NotEmpty(loadPrompts);

            var outcomes = new ConcurrentBag<Outcome>();
            using var stop = new CancellationTokenSource();
            var finished = 0;
            var workers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    outcomes.Add(await StreamAsync(http, loadPrompts[(w + i) % loadPrompts.Count]));
                    Interlocked.Increment(ref finished);
                }
            })).ToList();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (Volatile.Read(ref finished) < 8 && DateTime.UtcNow < deadline) await Task.Delay(10);

            await victim.DisposeAsync();
            replicas.Remove(victim);
            // From here the replica is gone (while it shut down, a request could still start on it and be cut).
            var killedAt = Stopwatch.GetTimestamp();
            // Requests that cannot have started on the dead replica: sent after the kill, to prompts whose home it was.
            var after = await Task.WhenAll(victimPrompts.Concat(victimPrompts).Select(k => StreamAsync(http, k)));
            var finishedAtKill = Volatile.Read(ref finished);
            while (Volatile.Read(ref finished) < finishedAtKill + 12 && DateTime.UtcNow < deadline.AddSeconds(60)) await Task.Delay(10);
            await stop.CancelAsync();
            await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(120));

            var all = outcomes.Concat(after).ToList();
            var notStarted = all.Where(o => o.StartedAt > killedAt).ToList();
            var dead = home[0];
            foreach (var o in all.Where(o => !o.Complete))
                output.WriteLine($"failed: prompt {o.Prompt} on {o.Replica ?? "-"} ({o.Status}, {o.Error}) started {(o.StartedAt > killedAt ? "after" : "before")} the kill");
            var ttfts = notStarted.Select(o => o.TtftMs ?? double.PositiveInfinity).Order().ToList();
            output.WriteLine($"{all.Count} requests, {notStarted.Count} sent after the kill of {dead}; their TTFT p50 {ttfts[ttfts.Count / 2]:F0} ms, max {ttfts[^1]:F0} ms; " +
                $"retries {gateway.Metrics.Retries.Value}, ejections {gateway.Metrics.Ejections.Value}");

            Assert.All(notStarted, o =>
            {
                Assert.True(o.Complete, $"prompt {o.Prompt}, sent after the kill, failed: {o.Status} {o.Error}");
                Assert.NotEqual(dead, o.Replica);
                Assert.True(o.TtftMs < TtftBound.TotalMilliseconds, $"prompt {o.Prompt}: TTFT {o.TtftMs:F0} ms after the kill");
            });
            // Streams cut by the kill had started on the dead replica; nothing else may fail.
            Assert.All(all.Where(o => !o.Complete), o => Assert.Equal(dead, o.Replica));
            Assert.True(gateway.Metrics.Retries.Value >= 1, "no request was retried: none reached the dead replica");
        }
        finally
        {
            foreach (var r in replicas) await r.DisposeAsync();
        }
    }

    /// <summary>One streaming completion through the gateway: its TTFT (to the first event), whether it ended with [DONE], and who served it.</summary>
    private static async Task<Outcome> StreamAsync(HttpClient http, int k)
    {
        var started = Stopwatch.GetTimestamp();
        var body = JsonSerializer.Serialize(new { model = Fleet.Model, prompt = Prompt(k), max_tokens = 24, temperature = 0, ignore_eos = true, stream = true });
        HttpStatusCode? status = null;
        string? replica = null;
        double? ttft = null;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/completions") { Content = Fleet.Json(body) };
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            status = response.StatusCode;
            replica = response.Headers.TryGetValues(ReplicaResponseTransform.ReplicaHeader, out var v) ? v.Single() : null;
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            var done = false;
            while (await reader.ReadLineAsync() is { } line)
            {
                if (!line.StartsWith("data: ", StringComparison.Ordinal)) continue;
                ttft ??= Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (line == "data: [DONE]") done = true;
            }
            return new Outcome(k, started, ttft, done && status == HttpStatusCode.OK, status, replica, null);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return new Outcome(k, started, ttft, false, status, replica, e.GetType().Name + ": " + e.Message);
        }
    }
}
