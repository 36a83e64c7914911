using System.Diagnostics;
using Gantry.Security;
using Gantry.Security.Audit;
using Microsoft.AspNetCore.Http;

namespace Gantry.Server.Access;

/// <summary>
/// The outermost stage when the security layer is on (after routing, so it sees the endpoint): gives every request an
/// id (echoed as <c>x-request-id</c>) and a <see cref="RequestSecurity"/>, sends OpenAI's <c>x-ratelimit-*</c> headers
/// for the request's key, and — for endpoints marked <see cref="AuditedEndpoint"/> — writes one audit record when the
/// request ends and settles its rate-limit reservation. Keys are checked later by the authorization policies, per-key
/// body and time limits by <see cref="KeyLimitsMiddleware"/>.
/// </summary>
internal sealed class RequestAccessMiddleware(RequestDelegate next, SecurityServices services)
{
    public async Task InvokeAsync(HttpContext ctx)
    {
        var sec = new RequestSecurity(RequestIds.FromClientOrNew(ctx.Request.Headers[RequestIds.Header].FirstOrDefault()), Stopwatch.GetTimestamp());
        ctx.Features.Set(sec);
        ctx.Response.OnStarting(static s => AddHeaders((HttpContext)s), ctx);
        if (ctx.GetEndpoint()?.Metadata.GetMetadata<AuditedEndpoint>() is null)
        {
            await next(ctx).ConfigureAwait(false);
            return;
        }
        var clientGone = ctx.RequestAborted; // before a key's wall-clock limit replaces it
        try
        {
            await next(ctx).ConfigureAwait(false);
        }
        finally
        {
            SecurityGate.Complete(sec);
            WriteAudit(ctx, sec, clientGone.IsCancellationRequested);
        }
    }

    /// <summary>Headers go in just before the response starts, so they survive an error writer clearing the response.</summary>
    private static Task AddHeaders(HttpContext ctx)
    {
        var sec = ctx.Features.Get<RequestSecurity>()!;
        var response = ctx.Response;
        response.Headers[RequestIds.Header] = sec.RequestId;
        var snapshot = sec.Admission?.Snapshot ?? sec.Limiter?.Snapshot();
        if (snapshot is not null)
            foreach (var (name, value) in snapshot.Headers()) response.Headers[name] = value;
        return Task.CompletedTask;
    }

    private void WriteAudit(HttpContext ctx, RequestSecurity sec, bool clientGone)
    {
        var prompt = services.Settings.LogPrompts && sec.Prompt is { } p ? services.Redactor.Redact(p) : null;
        services.Audit.Write(new AuditRecord(
            services.Time.GetUtcNow(), sec.RequestId, sec.Key?.Id.Value, sec.Key?.Tenant.Name, sec.Model,
            ctx.Request.Path.Value ?? "", sec.PromptTokens, sec.CompletionTokens,
            Stopwatch.GetElapsedTime(sec.StartTimestamp).TotalMilliseconds,
            clientGone && !ctx.Response.HasStarted ? 499 : ctx.Response.StatusCode,
            sec.Guardrails, ctx.Connection.RemoteIpAddress?.ToString(), prompt, sec.ModelVersion, sec.Cost));
    }
}

/// <summary>Endpoint metadata: requests to this endpoint get an audit record (the model and admin routes).</summary>
public sealed class AuditedEndpoint
{
    public static AuditedEndpoint Instance { get; } = new();

    private AuditedEndpoint()
    {
    }
}
