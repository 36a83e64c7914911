using System.Text.Json;
using Gantry.Server.Catalog;
using Microsoft.AspNetCore.Http;

namespace Gantry.Server.Dashboard;

/// <summary>
/// <c>GET /dashboard/data</c>: one JSON snapshot of every served model's engine — the counters the page turns into
/// rates (generated and prompt tokens, finished requests) and the gauges it charts (running, waiting, KV-cache use,
/// prefix-cache hit rate) — and of every route's lifecycle (versions, split weights, canary, drift, feedback, cold
/// starts: <see cref="DashboardLifecycle"/>). Written with <see cref="Utf8JsonWriter"/> (no reflection). Latency percentiles are not here:
/// the page computes them from the <c>/metrics</c> histograms.
/// </summary>
internal static class DashboardData
{
    public static async Task WriteAsync(HttpContext ctx, ModelRegistry registry, DashboardLifecycle lifecycle, TimeSpan uptime)
    {
        ctx.Response.ContentType = "application/json";
        ctx.Response.Headers.CacheControl = "no-store";
        await using var json = new Utf8JsonWriter(ctx.Response.Body);
        json.WriteStartObject();
        json.WriteString("state", registry.State.ToString().ToLowerInvariant());
        json.WriteNumber("uptime_seconds", Math.Round(uptime.TotalSeconds, 3));
        json.WriteNumber("requests_in_flight", registry.InFlight);
        json.WriteStartArray("models");
        foreach (var m in registry.Models) WriteModel(json, m);
        json.WriteEndArray();
        lifecycle.Write(json);
        json.WriteEndObject();
        await json.FlushAsync(ctx.RequestAborted).ConfigureAwait(false);
    }

    private static void WriteModel(Utf8JsonWriter json, ServedModel m)
    {
        var s = m.Engine.Stats;
        json.WriteStartObject();
        json.WriteString("name", m.Name);
        json.WriteString("description", m.Description);
        json.WriteNumber("running", s.Running);
        json.WriteNumber("waiting", s.Waiting);
        json.WriteNumber("kv_cache_usage", s.KvUsage);
        json.WriteNumber("kv_blocks_used", s.BlocksUsed);
        json.WriteNumber("kv_blocks_total", s.BlocksTotal);
        json.WriteNumber("prefix_cache_hit_rate", s.PrefixHitRate);
        json.WriteNumber("generation_tokens_per_second", s.GenerationTokensPerSecond);
        json.WriteNumber("generated_tokens", s.GeneratedTokens);
        json.WriteNumber("prompt_tokens_computed", s.PromptTokensComputed);
        json.WriteNumber("requests_finished", s.RequestsFinished);
        json.WriteNumber("preemptions", s.Preemptions);
        json.WriteNumber("steps", s.Steps);
        json.WriteEndObject();
    }
}
