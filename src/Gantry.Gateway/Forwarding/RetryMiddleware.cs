using Gantry.Gateway.Health;
using Gantry.Gateway.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Gantry.Gateway.Forwarding;

/// <summary>
/// Failover for requests that have not started streaming: a Polly retry around load balancing and forwarding. An attempt
/// is retried on another replica when the replica failed before the gateway sent the client anything (connection
/// refused or dropped, timeout, or a 503 whose body <see cref="ReplicaResponseTransform"/> held back because the replica
/// is draining or not ready). The buffered body is sent again from its start. Once any byte has gone to the client the
/// outcome stands: a stream cut mid-way cannot be resumed elsewhere without duplicating tokens.
/// </summary>
public sealed class RetryMiddleware
{
    private readonly ResiliencePipeline<Attempt> _pipeline;
    private readonly GatewayMetrics _metrics;

    public RetryMiddleware(GatewayOptions options, GatewayMetrics metrics, ILogger<RetryMiddleware> logger)
    {
        _metrics = metrics;
        var builder = new ResiliencePipelineBuilder<Attempt>();
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<Attempt>
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = TimeSpan.Zero,
                BackoffType = DelayBackoffType.Constant,
                UseJitter = false,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { Retryable: true, HasAlternative: true }),
                OnRetry = args =>
                {
                    metrics.Retries.Inc();
                    GatewayLog.Retrying(logger, args.Outcome.Result!.RequestId, args.AttemptNumber + 1, args.Outcome.Result.Replica ?? "?");
                    return default;
                },
            });
        }
        _pipeline = builder.Build();
    }

    /// <summary>One attempt's outcome: whether it failed before responding, and whether an untried replica remains.</summary>
    private sealed record Attempt(bool Retryable, bool HasAlternative, string? Replica, string RequestId);

    public async Task InvokeAsync(HttpContext ctx, Func<Task> next)
    {
        var proxy = ctx.GetReverseProxyFeature();
        var routing = ctx.Features.Get<RoutingRequest>() ?? new RoutingRequest();
        var tried = new HashSet<DestinationState>();
        var outcome = await _pipeline.ExecuteAsync(async _ =>
        {
            if (tried.Count > 0)
            {
                ctx.Response.Clear();
                ctx.Features.Set<IForwarderErrorFeature>(null);
                routing.RefusedByReplica = false;
                ctx.Request.Body.Position = 0;
                proxy.AvailableDestinations = routing.Candidates.Where(d => !tried.Contains(d)).ToList();
            }
            await next().ConfigureAwait(false);
            var destination = proxy.ProxiedDestination;
            var error = ctx.Features.Get<IForwarderErrorFeature>();
            var failed = destination is not null && !ctx.Response.HasStarted && !ctx.RequestAborted.IsCancellationRequested
                && (routing.RefusedByReplica || (error is not null && EjectOnFailurePolicy.IsReplicaFault(error.Error)));
            if (failed) tried.Add(destination!);
            var alternative = routing.Candidates.Any(d => !tried.Contains(d));
            return new Attempt(failed, alternative, destination?.Model.Config.Address, routing.RequestId);
        }, ctx.RequestAborted).ConfigureAwait(false);
        if (outcome.Retryable && !ctx.Response.HasStarted)
        {
            ctx.Response.Clear();
            await GatewayErrors.WriteAsync(ctx, routing.RefusedByReplica ? 503 : 502,
                $"No replica could take the request (tried {tried.Count}); retry later", "server_error", "replicas_unavailable").ConfigureAwait(false);
        }
        _metrics.Requests.WithLabels(outcome.Replica ?? "none", ctx.Response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)).Inc();
    }
}
