using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gantry.TestSupport;
using Xunit.Abstractions;

namespace Gantry.Server.Tests.Lifecycle;

/// <summary>A swap under continuous streaming load: no request fails, both versions answer, the old one is freed holding no KV block.</summary>
public sealed class SwapUnderLoadTests(ITestOutputHelper output)
{
    private sealed record Outcome(bool Ok, string Version, double TtftSeconds, long StartedAt, string Problem);

    [Fact]
    public async Task Swap_DuringHundredsOfStreamingRequests_NoFailure_NoLeakedBlock()
    {
        await using var host = await LifecycleHost.StartAsync();
        const int total = 300, workers = 16, swapAfter = 60;
        var outcomes = new ConcurrentBag<Outcome>();
        var next = 0;
        var done = 0;
        var swapped = new TaskCompletionSource<(long Start, long End)>();
        async Task Worker()
        {
            while (Interlocked.Increment(ref next) <= total)
            {
                outcomes.Add(await StreamOnceAsync(host.Http));
                if (Interlocked.Increment(ref done) == swapAfter)
                {
                    _ = Task.Run(async () =>
                    {
                        var start = Stopwatch.GetTimestamp();
                        using var r = await host.PostAsync("/admin/models/stories/swap", JsonSerializer.Serialize(new { path = SharedModels.Stories260K, version = "v2" }));
                        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
                        swapped.SetResult((start, Stopwatch.GetTimestamp()));
                    });
                }
            }
        }
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(Worker)));
        var (swapStart, swapEnd) = await swapped.Task.WaitAsync(TimeSpan.FromMinutes(2));

        var failed = outcomes.Where(o => !o.Ok).ToList();
        Assert.True(failed.Count == 0, $"{failed.Count} failed: {string.Join("; ", failed.Take(3).Select(f => f.Problem))}");
        Assert.Equal(total, outcomes.Count);
        Assert.Contains(outcomes, o => o.Version == "v1");
        Assert.Contains(outcomes, o => o.Version == "v2");

        // The old version is freed once its in-flight requests end, holding no KV block; the new one ends holding none.
        var metrics = "";
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !(metrics = await host.MetricsAsync()).Contains("gantry_model_unloads_total{model_name=\"stories\",version=\"v1\",reason=\"retired\"} 1"))
            await Task.Delay(50);
        Assert.Contains("gantry_model_unloads_total{model_name=\"stories\",version=\"v1\",reason=\"retired\"} 1", metrics);
        Assert.DoesNotContain("gantry_model_kv_blocks_leaked_total{", metrics);
        var engine = Assert.Single(host.Server.Registry.Models).Engine;
        deadline = DateTime.UtcNow.AddSeconds(30);
        while (engine.Stats.BlocksUsed != 0 && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.Equal(0, engine.Stats.BlocksUsed);

        var steady = outcomes.Where(o => o.StartedAt < swapStart).Select(o => o.TtftSeconds).ToList();
        // Requests that arrived while the new version loaded or in the two seconds after the switch (the old one draining).
        var during = outcomes.Where(o => o.StartedAt >= swapStart && o.StartedAt <= swapEnd + 2 * Stopwatch.Frequency).Select(o => o.TtftSeconds).ToList();
        output.WriteLine($"requests {total}, failed 0, v1 {outcomes.Count(o => o.Version == "v1")}, v2 {outcomes.Count(o => o.Version == "v2")}; " +
            $"swap {Stopwatch.GetElapsedTime(swapStart, swapEnd).TotalMilliseconds:F0} ms; TTFT p99 steady {P99(steady) * 1000:F1} ms (n={steady.Count}), during swap {P99(during) * 1000:F1} ms (n={during.Count})");
    }

    private static double P99(List<double> xs) => xs.Count == 0 ? 0 : xs.Order().ElementAt(Math.Min(xs.Count - 1, (int)Math.Ceiling(xs.Count * 0.99) - 1));

    private static async Task<Outcome> StreamOnceAsync(HttpClient http)
    {
        var start = Stopwatch.GetTimestamp();
        var body = """{"model":"stories","prompt":"Once upon a time","max_tokens":24,"stream":true}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/completions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        try
        {
            using var r = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            var version = LifecycleHost.Version(r);
            if (r.StatusCode != HttpStatusCode.OK) return new(false, version, 0, start, $"status {(int)r.StatusCode}: {await r.Content.ReadAsStringAsync()}");
            using var reader = new StreamReader(await r.Content.ReadAsStreamAsync());
            double ttft = -1;
            string? last = null;
            while (await reader.ReadLineAsync() is { } line)
            {
                if (!line.StartsWith("data: ", StringComparison.Ordinal)) continue;
                if (ttft < 0) ttft = Stopwatch.GetElapsedTime(start).TotalSeconds;
                if (line.Contains("\"error\"", StringComparison.Ordinal)) return new(false, version, ttft, start, line);
                last = line;
            }
            return last == "data: [DONE]" ? new(true, version, ttft, start, "") : new(false, version, ttft, start, "stream ended without [DONE]");
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return new(false, "", 0, start, e.Message);
        }
    }
}
