using System.Text;
using System.Text.Json;
using Gantry.Server.Catalog;
using Gantry.Server.Configuration;
using Gantry.Server.Hosting;
using Gantry.TestSupport;
using Microsoft.Extensions.Logging;

namespace Gantry.Server.Tests.Hosting;

/// <summary>Servers of their own: loading (503), several models, a full queue (429), metrics, draining on stop.</summary>
public sealed class LifecycleTests
{
    private static StringContent Json(string s) => new(s, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Ready_WhileLoading_503ThenReadyWithTwoModels()
    {
        using var gate = new ManualResetEventSlim();
        var options = ServerFixture.Options(1024, new ModelSpec(SharedModels.Stories260K, "a"), new ModelSpec(SharedModels.Stories260K, "b"));
        await using var server = GantryServer.Create(options, (o, pool, log) =>
        {
            gate.Wait(TimeSpan.FromSeconds(30));
            return ModelCatalog.Load(o, pool, log);
        }, LogLevel.Warning);
        await server.StartAsync();
        using var http = new HttpClient { BaseAddress = server.Url };

        Assert.Equal(200, (int)(await http.GetAsync("/health")).StatusCode);
        var notReady = await http.GetAsync("/ready");
        Assert.Equal(503, (int)notReady.StatusCode);
        Assert.NotNull(notReady.Headers.RetryAfter);
        var early = await http.PostAsync("/v1/completions", Json("""{"model":"a","prompt":"x","max_tokens":1}"""));
        Assert.Equal(503, (int)early.StatusCode);
        Assert.Equal("service_unavailable_error", JsonDocument.Parse(await early.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("type").GetString());

        gate.Set();
        await server.ModelsLoaded;
        Assert.Equal(200, (int)(await http.GetAsync("/ready")).StatusCode);
        var models = JsonDocument.Parse(await http.GetStringAsync("/v1/models")).RootElement.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()).ToList();
        Assert.Equal(["a", "b"], models);
        Assert.Equal(200, (int)(await http.PostAsync("/v1/completions", Json("""{"model":"b","prompt":"x","max_tokens":1}"""))).StatusCode);
    }

    [Fact]
    public async Task Completion_QueueFull_429WithRetryAfter()
    {
        await using var server = GantryServer.Create(ServerFixture.Options(maxQueue: 0), logLevel: LogLevel.Warning);
        await server.StartAsync();
        await server.ModelsLoaded;
        using var http = new HttpClient { BaseAddress = server.Url };
        var response = await http.PostAsync("/v1/completions", Json("""{"model":"stories","prompt":"x","max_tokens":1}"""));
        Assert.Equal(429, (int)response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("rate_limit_error", error.GetProperty("type").GetString());
        Assert.Equal(200, (int)(await http.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task Stop_WithStreamInFlight_StreamFinishesThenServerStops()
    {
        var server = GantryServer.Create(ServerFixture.Options(), logLevel: LogLevel.Warning);
        await server.StartAsync();
        await server.ModelsLoaded;
        using var http = new HttpClient { BaseAddress = server.Url };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/completions")
        {
            Content = Json("""{"model":"stories","prompt":"Once","max_tokens":60,"ignore_eos":true,"stream":true}"""),
        };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        await reader.ReadLineAsync(); // the stream has started
        var stopping = server.StopAsync();
        Assert.Equal(ModelRegistry.RegistryState.Draining, server.Registry.State);
        var rest = await reader.ReadToEndAsync();
        Assert.EndsWith("data: [DONE]\n\n", rest);
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Metrics_AfterARequest_ExposesServerAndGatewaySeries()
    {
        await using var server = GantryServer.Create(ServerFixture.Options(), logLevel: LogLevel.Warning);
        await server.StartAsync();
        await server.ModelsLoaded;
        using var http = new HttpClient { BaseAddress = server.Url };
        Assert.Equal(200, (int)(await http.PostAsync("/v1/completions", Json("""{"model":"stories","prompt":"Once","max_tokens":4,"stream":true}"""))).StatusCode);
        var text = await http.GetStringAsync("/metrics");
        foreach (var name in new[]
        {
            "gantry_http_requests_total{endpoint=\"/v1/completions\",status=\"200\"} 1",
            "gantry_time_to_first_token_seconds_bucket", "gantry_inter_token_latency_seconds_bucket", "gantry_e2e_request_latency_seconds_count{model_name=\"stories\"} 1",
            "gantry_prompt_tokens_total", "gantry_generation_tokens_total{model_name=\"stories\"} 4", "gantry_num_preemptions_total", "gantry_prefix_cache_hit_rate",
            "gantry_kv_cache_usage_perc", "vllm:num_requests_waiting{model_name=\"stories\"} 0", "vllm:num_requests_running{model_name=\"stories\"}", "vllm:kv_cache_usage_perc", "vllm:gpu_cache_usage_perc",
        })
        {
            Assert.Contains(name, text);
        }
    }
}
