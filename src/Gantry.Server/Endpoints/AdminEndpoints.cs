using System.Globalization;
using System.Text.Json;
using Gantry.Guardrails.Pipeline;
using Gantry.Security;
using Gantry.Security.Audit;
using Gantry.Security.Keys;
using Gantry.Security.Usage;
using Gantry.Server.Access;
using Gantry.Server.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gantry.Server.Endpoints;

/// <summary>
/// The admin API (admin keys only: the group it is mapped into carries <see cref="ApiKeyAuthentication.AdminPolicy"/>): <c>GET/POST /admin/keys</c>,
/// <c>PATCH /admin/keys/{id}</c> (guardrail modes), <c>DELETE /admin/keys/{id}</c>, <c>GET /admin/usage[?since=…&amp;dp_epsilon=ε]</c>, <c>GET /admin/audit[?since=…&amp;tenant=…&amp;limit=…]</c>.
/// <c>since</c> is Unix seconds (default: 30 days ago).
/// </summary>
internal sealed class AdminEndpoints(SecurityServices services)
{
    public const string Prefix = "/admin";

    /// <summary>Maps the routes under <paramref name="admin"/>, a group at <see cref="Prefix"/>.</summary>
    public void Map(IEndpointRouteBuilder admin)
    {
        admin.MapGet("/keys", ListKeys);
        admin.MapPost("/keys", CreateKeyAsync);
        admin.MapPatch("/keys/{id}", UpdateKeyAsync);
        admin.MapDelete("/keys/{id}", RevokeKey);
        admin.MapGet("/usage", Usage);
        admin.MapGet("/audit", AuditRecords);
    }

    private static Task WriteError(HttpContext ctx, SecurityError error) => ErrorWriter.WriteAsync(ctx, ErrorMapper.Map(error));

    private Task ListKeys(HttpContext ctx) =>
        ctx.Response.WriteAsJsonAsync(new KeyList(services.Keys.List().Select(k => Info(k)).ToList()), AdminJson.Default.KeyList, cancellationToken: ctx.RequestAborted);

    private async Task CreateKeyAsync(HttpContext ctx)
    {
        var body = await JsonSerializer.DeserializeAsync(ctx.Request.Body, AdminJson.Default.CreateKeyRequest, ctx.RequestAborted).ConfigureAwait(false);
        if (body?.Tenant is null)
        {
            await WriteError(ctx, new SecurityError(400, "invalid_request_error", "'tenant' is required", "tenant")).ConfigureAwait(false);
            return;
        }
        Tenant tenant;
        try
        {
            var guardrails = Modes(body.Guardrails);
            tenant = new Tenant(body.Tenant, TenantRoles.Parse(body.Role ?? "user"), body.Models ?? [], new TenantLimits
            {
                RequestsPerMinute = body.Rpm, TokensPerMinute = body.Tpm, MaxConcurrent = body.MaxConcurrent,
                TokensPerDay = body.TokensPerDay, TokensPerMonth = body.TokensPerMonth, MaxBodyBytes = body.MaxBodyBytes,
                MaxPromptTokens = body.MaxPromptTokens, MaxN = body.MaxN, MaxTokens = body.MaxTokens, TimeoutSeconds = body.TimeoutSeconds,
            }) { Guardrails = guardrails };
            tenant.Validate();
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            await WriteError(ctx, new SecurityError(400, "invalid_request_error", e.Message.Replace("--", "", StringComparison.Ordinal), e is FormatException ? "guardrails" : null)).ConfigureAwait(false);
            return;
        }
        var (key, record) = services.Keys.Create(tenant);
        AccessLog.KeyCreated(services.Logger, record.Id.Value, tenant.Name, ctx.Features.Get<RequestSecurity>()?.Key?.Id.Value);
        ctx.Response.StatusCode = StatusCodes.Status201Created;
        ctx.Response.Headers.CacheControl = "no-store";
        await ctx.Response.WriteAsJsonAsync(Info(record, key.Reveal()), AdminJson.Default.KeyInfo, cancellationToken: ctx.RequestAborted).ConfigureAwait(false);
    }

    private async Task UpdateKeyAsync(HttpContext ctx, string id)
    {
        var body = await JsonSerializer.DeserializeAsync(ctx.Request.Body, AdminJson.Default.UpdateKeyRequest, ctx.RequestAborted).ConfigureAwait(false);
        IReadOnlyDictionary<string, GuardrailMode>? modes;
        try
        {
            modes = Modes(body?.Guardrails);
        }
        catch (FormatException e)
        {
            await WriteError(ctx, new SecurityError(400, "invalid_request_error", e.Message, "guardrails")).ConfigureAwait(false);
            return;
        }
        if (!KeyId.IsValid(id) || !services.Keys.SetGuardrails(new KeyId(id), modes))
        {
            await WriteError(ctx, new SecurityError(404, "invalid_request_error", $"No active key with id '{id}'", "id", "key_not_found")).ConfigureAwait(false);
            return;
        }
        AccessLog.KeyUpdated(services.Logger, id, modes is null ? "server default" : GuardrailModeSpec.Format(modes), ctx.Features.Get<RequestSecurity>()?.Key?.Id.Value);
        await ctx.Response.WriteAsJsonAsync(Info(services.Keys.Find(new KeyId(id))!), AdminJson.Default.KeyInfo, cancellationToken: ctx.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The JSON map <c>{"pii":"redact"}</c> as modes, through the same parser as <c>--guardrails</c>; null when empty.</summary>
    private static IReadOnlyDictionary<string, GuardrailMode>? Modes(IReadOnlyDictionary<string, string>? map) =>
        map is null || map.Count == 0 ? null : GuardrailModeSpec.Parse(string.Join(',', map.Select(p => $"{p.Key}={p.Value}")));

    private Task RevokeKey(HttpContext ctx, string id)
    {
        if (!KeyId.IsValid(id) || !services.Keys.Revoke(new KeyId(id)))
            return WriteError(ctx, new SecurityError(404, "invalid_request_error", $"No active key with id '{id}'", "id", "key_not_found"));
        AccessLog.KeyRevoked(services.Logger, id, ctx.Features.Get<RequestSecurity>()?.Key?.Id.Value);
        return ctx.Response.WriteAsJsonAsync(new RevokeResult(id, true), AdminJson.Default.RevokeResult, cancellationToken: ctx.RequestAborted);
    }

    private Task Usage(HttpContext ctx)
    {
        if (Since(ctx, out var since) is { } bad) return WriteError(ctx, bad);
        var epsilonText = ctx.Request.Query["dp_epsilon"].FirstOrDefault();
        IReadOnlyList<UsageRow> rows;
        double? epsilon = null;
        services.Audit.Flush(); // usage is aggregated from the audit table
        if (epsilonText is null) rows = services.Usage.Aggregate(since);
        else
        {
            if (!double.TryParse(epsilonText, NumberStyles.Float, CultureInfo.InvariantCulture, out var e) || !(e > 0) || double.IsInfinity(e))
                return WriteError(ctx, new SecurityError(400, "invalid_request_error", $"dp_epsilon must be a positive number (got '{epsilonText}')", "dp_epsilon"));
            epsilon = e;
            rows = services.Usage.AggregatePrivate(since, e, LaplaceMechanism.Secure());
        }
        var report = new UsageReport(since.ToUnixTimeSeconds(),
            rows.Select(r => new UsageEntry(r.Tenant, r.Model, r.Requests, r.PromptTokens, r.CompletionTokens, CostEntry.From(r.Cost))).ToList(),
            epsilon, epsilon is null ? null : UsageAggregator.TokenClamp);
        return ctx.Response.WriteAsJsonAsync(report, AdminJson.Default.UsageReport, cancellationToken: ctx.RequestAborted);
    }

    private Task AuditRecords(HttpContext ctx)
    {
        if (Since(ctx, out var since) is { } bad) return WriteError(ctx, bad);
        var limitText = ctx.Request.Query["limit"].FirstOrDefault();
        var limit = 100;
        if (limitText is not null && (!int.TryParse(limitText, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 10_000))
            return WriteError(ctx, new SecurityError(400, "invalid_request_error", "limit must be in 1..10000", "limit"));
        var records = services.Audit.Query(new AuditQuery(since, ctx.Request.Query["tenant"].FirstOrDefault(), limit));
        var list = new AuditList(records.Select(r => new AuditEntry(r.Time.ToUnixTimeMilliseconds(), r.RequestId, r.KeyId, r.Tenant, r.Model,
            r.Endpoint, r.PromptTokens, r.CompletionTokens, r.LatencyMs, r.Status, r.Guardrails, r.Client, r.Prompt, r.ModelVersion, CostEntry.From(r.Cost))).ToList());
        return ctx.Response.WriteAsJsonAsync(list, AdminJson.Default.AuditList, cancellationToken: ctx.RequestAborted);
    }

    private SecurityError? Since(HttpContext ctx, out DateTimeOffset since)
    {
        since = services.Time.GetUtcNow().AddDays(-30);
        var text = ctx.Request.Query["since"].FirstOrDefault();
        if (text is null) return null;
        if (long.TryParse(text, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 && seconds < 100_000_000_000)
        {
            since = DateTimeOffset.FromUnixTimeSeconds(seconds);
            return null;
        }
        return new SecurityError(400, "invalid_request_error", $"since must be Unix seconds (got '{text}')", "since");
    }

    private static KeyInfo Info(KeyRecord k, string? reveal = null)
    {
        var l = k.Tenant.Limits;
        return new KeyInfo(k.Id.Value, k.Tenant.Name, TenantRoles.Name(k.Tenant.Role), k.Tenant.Models, k.CreatedAt.ToUnixTimeSeconds(),
            k.RevokedAt?.ToUnixTimeSeconds(), l.RequestsPerMinute, l.TokensPerMinute, l.MaxConcurrent, l.TokensPerDay, l.TokensPerMonth,
            l.MaxBodyBytes, l.MaxPromptTokens, l.MaxN, l.MaxTokens, l.TimeoutSeconds,
            k.Tenant.Guardrails?.ToDictionary(p => p.Key, p => GuardrailModeSpec.Name(p.Value)), reveal);
    }
}
