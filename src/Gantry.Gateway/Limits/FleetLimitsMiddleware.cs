using System.Globalization;
using Gantry.Gateway.Routing;
using Gantry.Security;
using Gantry.Security.Keys;
using Gantry.Security.Limits;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Gantry.Gateway.Limits;

/// <summary>
/// The proxy stage that enforces API keys fleet-wide (only with <c>--state-dir</c>): the bearer key must be an active key
/// of the state database (401), its tenant must be allowed the body's model (403), and its rate limits, concurrency and
/// token quotas must admit the request (429 with <c>Retry-After</c>) in the <see cref="ILimitStore"/> every gateway
/// shares. The slot is released when the proxied response has ended. When the store cannot be reached the request is
/// let through (<c>--redis-failure open</c>) or refused with 503 (<c>closed</c>), logged and counted in
/// <c>gantry_gateway_limit_store_errors_total{outcome}</c>. A request reserves its estimate (prompt bytes / 4 plus
/// <c>max_tokens</c> per choice); when it ends, the reservation is corrected to the tokens really used, read from the
/// response on its way out (<see cref="UsageMeter"/>: its <c>usage</c>, or a stream's counted deltas), and the difference
/// refunded or charged in the store (<c>gantry_gateway_token_corrections_total{direction}</c>). The key travels on to the replica untouched, which
/// authenticates it again and writes the audit record with the tokens really used.
/// </summary>
public sealed class FleetLimitsMiddleware(KeyStore? keys, ILimitStore store, GatewayOptions options, GatewayMetrics metrics, ILogger<FleetLimitsMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext ctx, Func<Task> next)
    {
        if (keys is null)
        {
            await next().ConfigureAwait(false);
            return;
        }
        var routing = ctx.Features.Get<RoutingRequest>() ?? new RoutingRequest();
        var presented = Bearer(ctx.Request.Headers.Authorization.ToString());
        var key = presented is null ? null : keys.Authenticate(presented);
        var refusal = presented is null ? SecurityError.MissingKey()
            : key is null ? SecurityError.InvalidKey()
            : routing.Model is { } model && !key.Tenant.MayUse(model) ? SecurityError.ModelNotAllowed(model)
            : null;
        if (refusal is not null)
        {
            await WriteAsync(ctx, refusal).ConfigureAwait(false);
            return;
        }
        LimitGrant? grant = null;
        try
        {
            grant = await store.AdmitAsync(key!, routing.ReserveTokens, ctx.RequestAborted).ConfigureAwait(false);
        }
        catch (LimitStoreUnavailableException e)
        {
            var open = options.RedisFailure == RedisFailureMode.Open;
            metrics.LimitStoreErrors.WithLabels(open ? "open" : "closed").Inc();
            GatewayLog.LimitStoreFailed(logger, routing.RequestId, open ? "let through" : "refused", e.Message);
            if (!open)
            {
                await GatewayErrors.WriteAsync(ctx, 503, "The rate-limit store is unavailable; retry later", "server_error", "limit_store_unavailable").ConfigureAwait(false);
                return;
            }
        }
        if (grant is { Admitted: false })
        {
            ctx.Response.Headers.RetryAfter = grant.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            var quota = grant.RefusedBy is LimitKind.DailyQuota or LimitKind.MonthlyQuota;
            await WriteAsync(ctx, SecurityError.RateLimited(Describe(grant), grant.RetryAfterSeconds, quota)).ConfigureAwait(false);
            return;
        }
        // Read the response on its way out for the tokens really used, to correct the reservation when the request ends.
        var meter = grant is { Admitted: true } ? new UsageMeter(ctx.Response.Body) : null;
        if (meter is not null) ctx.Response.Body = meter;
        try
        {
            await next().ConfigureAwait(false);
        }
        finally
        {
            if (meter is not null) ctx.Response.Body = meter.Inner;
            var used = meter?.UsedTokens(ctx.Response.StatusCode, routing.Stream, routing.PromptTokensEstimate);
            if (grant is not null) await ReleaseAsync(grant, used, routing.RequestId).ConfigureAwait(false);
        }
    }

    private async Task ReleaseAsync(LimitGrant grant, long? used, string requestId)
    {
        try
        {
            await store.ReleaseAsync(grant, used).ConfigureAwait(false);
            if (used is { } u && u != grant.ReservedTokens)
                metrics.TokenCorrections.WithLabels(u < grant.ReservedTokens ? "refund" : "charge").Inc(Math.Abs(u - grant.ReservedTokens));
        }
        catch (LimitStoreUnavailableException e)
        {
            metrics.LimitStoreErrors.WithLabels("release").Inc();
            GatewayLog.LimitStoreFailed(logger, requestId, "slot left to expire", e.Message);
        }
    }

    private static string? Bearer(string header) =>
        header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > 7 ? header[7..].Trim() : null;

    private static Task WriteAsync(HttpContext ctx, SecurityError e) =>
        GatewayErrors.WriteAsync(ctx, e.Status, e.Message, e.Type, e.Code ?? "error", e.Param);

    private static string Describe(LimitGrant g)
    {
        var wait = g.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return g.RefusedBy switch
        {
            LimitKind.Requests => $"Rate limit reached for requests per minute (all gateways); retry in {wait} s",
            LimitKind.Tokens => $"Rate limit reached for tokens per minute (prompt + max_tokens reserved, all gateways); retry in {wait} s",
            LimitKind.Concurrency => "Too many requests in flight for this key (all gateways); retry when one finishes",
            LimitKind.DailyQuota => $"Daily token quota exhausted; it resets in {wait} s",
            LimitKind.MonthlyQuota => $"Monthly token quota exhausted; it resets in {wait} s",
            _ => "Rate limited",
        };
    }
}
