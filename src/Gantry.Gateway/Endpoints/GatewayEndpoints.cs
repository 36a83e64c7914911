using System.Text;
using Gantry.Gateway.Replicas;
using Microsoft.AspNetCore.Http;
using Prometheus;

namespace Gantry.Gateway.Endpoints;

/// <summary>
/// What the gateway answers itself: <c>GET /v1/models</c> (the union of the reachable replicas' models, each entry as the
/// first replica listing it wrote it), <c>/health</c> (the process answers), <c>/ready</c> (some reachable replica serves
/// a model; 503 otherwise) and <c>/metrics</c> (the gateway's own series).
/// </summary>
public sealed class GatewayEndpoints(ReplicaSet replicas, GatewayMetrics metrics)
{
    public Task Models(HttpContext ctx)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var sb = new StringBuilder("{\"object\":\"list\",\"data\":[");
        foreach (var replica in replicas.All.Where(r => r.Reachable))
        {
            foreach (var (id, json) in replica.Models.OrderBy(m => m.Key, StringComparer.Ordinal))
            {
                if (!seen.Add(id)) continue;
                if (seen.Count > 1) sb.Append(',');
                sb.Append(json);
            }
        }
        sb.Append("]}");
        ctx.Response.ContentType = "application/json";
        return ctx.Response.WriteAsync(sb.ToString(), ctx.RequestAborted);
    }

    public static Task Health(HttpContext ctx)
    {
        ctx.Response.ContentType = "application/json";
        return ctx.Response.WriteAsync("{\"status\":\"ok\"}", ctx.RequestAborted);
    }

    public Task Ready(HttpContext ctx)
    {
        if (!replicas.All.Any(r => r.Reachable && r.Models.Count > 0))
            return GatewayErrors.WriteAsync(ctx, 503, "No replica is reachable and serving a model yet", "server_error", "not_ready");
        ctx.Response.ContentType = "application/json";
        return ctx.Response.WriteAsync("{\"status\":\"ready\"}", ctx.RequestAborted);
    }

    public async Task Metrics(HttpContext ctx)
    {
        ctx.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        await metrics.Registry.CollectAndExportAsTextAsync(ctx.Response.Body, ctx.RequestAborted).ConfigureAwait(false);
    }
}
