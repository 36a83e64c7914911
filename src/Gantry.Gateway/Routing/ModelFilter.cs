using Gantry.Gateway.Replicas;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Model;

namespace Gantry.Gateway.Routing;

/// <summary>
/// Model-aware routing: narrows the request's available replicas to those whose <c>/v1/models</c> lists its model.
/// A model nobody is known to serve triggers one fresh read of every replica's models (at most once a second, so
/// unknown names cannot make the gateway hammer its replicas), then a 404 <c>model_not_found</c>; a model whose
/// replicas are all unhealthy gets a 503.
/// </summary>
public sealed class ModelFilter(ReplicaSet replicas, ReplicaMonitor monitor)
{
    private static readonly TimeSpan RefreshSpacing = TimeSpan.FromSeconds(1);
    private long _lastRefreshTicks;

    public async Task InvokeAsync(HttpContext ctx, Func<Task> next)
    {
        var proxy = ctx.GetReverseProxyFeature();
        var routing = ctx.Features.Get<RoutingRequest>() ?? new RoutingRequest();
        IReadOnlyList<DestinationState> available = proxy.AvailableDestinations;
        if (routing.Model is { } model)
        {
            if (!replicas.All.Any(r => r.Serves(model))) await MaybeRefreshAsync(ctx.RequestAborted).ConfigureAwait(false);
            if (replicas.All.Any(r => r.Serves(model)))
            {
                available = available.Where(d => replicas.Find(d.DestinationId)?.Serves(model) == true).ToList();
                if (available.Count == 0)
                {
                    await GatewayErrors.WriteAsync(ctx, 503, $"No healthy replica serves model '{model}' right now; retry later", "server_error", "no_healthy_replica").ConfigureAwait(false);
                    return;
                }
            }
            else if (replicas.All.Any(r => r.ModelsKnown))
            {
                await GatewayErrors.WriteAsync(ctx, 404, $"The model '{model}' does not exist", "invalid_request_error", "model_not_found", "model").ConfigureAwait(false);
                return;
            }
        }
        routing.Candidates = available;
        proxy.AvailableDestinations = available;
        await next().ConfigureAwait(false);
    }

    private async Task MaybeRefreshAsync(CancellationToken ct)
    {
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastRefreshTicks);
        if (now - last < RefreshSpacing.TotalMilliseconds || Interlocked.CompareExchange(ref _lastRefreshTicks, now, last) != last) return;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try { await monitor.RefreshAllAsync(timeout.Token).ConfigureAwait(false); }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested) { }
    }
}
