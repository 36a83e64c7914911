using Gantry.Server.Hosting;
using Gantry.Server.Metrics;
using Microsoft.AspNetCore.Http;
using Prometheus;

namespace Gantry.Server.Endpoints;

/// <summary><c>GET /metrics</c>: Prometheus text format — the server's own series, then the gateway (vLLM-named) gauges.</summary>
internal static class MetricsEndpoint
{
    public static async Task HandleAsync(HttpContext ctx, ServerState state)
    {
        var models = state.Registry.Models;
        foreach (var m in models) state.Metrics.Refresh(m.Name, m.Engine.Stats);
        ctx.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        await state.Metrics.Registry.CollectAndExportAsTextAsync(ctx.Response.Body, ctx.RequestAborted).ConfigureAwait(false);
        await ctx.Response.WriteAsync(GatewayMetrics.Render(models), ctx.RequestAborted).ConfigureAwait(false);
    }
}
