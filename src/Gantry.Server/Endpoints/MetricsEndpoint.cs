using Gantry.Server.Catalog;
using Gantry.Server.Metrics;
using Microsoft.AspNetCore.Http;
using Prometheus;

namespace Gantry.Server.Endpoints;

/// <summary><c>GET /metrics</c>: Prometheus text format — the server's own series, then the gateway (vLLM-named) gauges.</summary>
internal sealed class MetricsEndpoint(ModelRegistry registry, ServerMetrics metrics, LoraAdapterRegistry adapters)
{
    public const string Path = "/metrics";

    public async Task HandleAsync(HttpContext ctx)
    {
        var models = registry.Models;
        foreach (var m in models) metrics.Refresh(m.Name, m.Engine.Stats);
        ctx.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        await metrics.Registry.CollectAndExportAsTextAsync(ctx.Response.Body, ctx.RequestAborted).ConfigureAwait(false);
        await ctx.Response.WriteAsync(GatewayMetrics.Render(models, maxLoras: adapters.MaxLoras), ctx.RequestAborted).ConfigureAwait(false);
    }
}
