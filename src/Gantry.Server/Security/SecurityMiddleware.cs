using System.Diagnostics;
using Gantry.Server.Security.Audit;
using Gantry.Server.Security.Keys;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Gantry.Server.Security;

/// <summary>
/// The outermost stage of the pipeline: gives every request an id (echoed as <c>x-request-id</c>), authenticates the
/// model (<c>/v1/*</c>) and admin (<c>/admin/*</c>) routes by API key (401, and 403 for admin routes without an admin
/// key), applies the key's body-size and wall-clock limits, sends OpenAI's <c>x-ratelimit-*</c> headers, and writes one
/// audit record when the request ends. Admission to the engine (model allow-list, token limits, rate limits) happens
/// later in <see cref="SecurityGate"/>, once the body is parsed and tokenized. Errors go through the server's writer.
/// </summary>
public sealed class SecurityMiddleware(SecurityServices services, Func<HttpContext, SecurityError, Task> writeError)
{
    public async Task InvokeAsync(HttpContext ctx, RequestDelegate next)
    {
        var sec = new RequestSecurity(RequestIds.FromClientOrNew(ctx.Request.Headers[RequestIds.Header].FirstOrDefault()), Stopwatch.GetTimestamp());
        ctx.Features.Set(sec);
        ctx.Response.OnStarting(() => AddHeaders(ctx.Response, sec));
        var path = ctx.Request.Path;
        var isAdmin = path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase);
        if (!isAdmin && !path.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase))
        {
            await next(ctx).ConfigureAwait(false);
            return;
        }
        var clientGone = ctx.RequestAborted; // before a wall-clock limit replaces it
        CancellationTokenSource? timeout = null;
        CancellationTokenRegistration link = default;
        try
        {
            if (services.Mode == AuthMode.Keys && Authenticate(ctx, sec, isAdmin) is { } refused)
            {
                await RefuseAsync(ctx, sec, refused).ConfigureAwait(false);
                return;
            }
            if (sec.Key?.Tenant.Limits is { } limits)
            {
                if (limits.MaxBodyBytes is { } maxBody && ApplyBodyLimit(ctx, maxBody) is { } tooLarge)
                {
                    await RefuseAsync(ctx, sec, tooLarge).ConfigureAwait(false);
                    return;
                }
                if (limits.TimeoutSeconds is { } seconds)
                {
                    timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds), services.Time);
                    link = clientGone.Register(static s => ((CancellationTokenSource)s!).Cancel(), timeout);
                    ctx.RequestAborted = timeout.Token;
                }
            }
            try
            {
                await next(ctx).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeout is { IsCancellationRequested: true } && !ctx.Response.HasStarted)
            {
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge && !ctx.Response.HasStarted && sec.Key?.Tenant.Limits.MaxBodyBytes is { } limit)
            {
                // A chunked body ran past this key's limit while being read (a Content-Length over it is refused up front).
                await RefuseAsync(ctx, sec, SecurityError.BodyTooLarge(limit)).ConfigureAwait(false);
            }
            if (timeout is { IsCancellationRequested: true } && !ctx.Response.HasStarted && !clientGone.IsCancellationRequested)
            {
                sec.TimedOut = true;
                await RefuseAsync(ctx, sec, SecurityError.Timeout(sec.Key!.Tenant.Limits.TimeoutSeconds!.Value)).ConfigureAwait(false);
            }
        }
        finally
        {
            SecurityGate.Complete(sec);
            link.Dispose();
            timeout?.Dispose();
            WriteAudit(ctx, sec, clientGone.IsCancellationRequested);
        }
    }

    private SecurityError? Authenticate(HttpContext ctx, RequestSecurity sec, bool isAdmin)
    {
        var presented = PresentedKey(ctx.Request);
        if (presented is null) return SecurityError.MissingKey();
        var key = services.Keys.Authenticate(presented);
        if (key is null) return SecurityError.InvalidKey();
        sec.Key = key;
        sec.Limiter = services.Limiters.For(key);
        return isAdmin && key.Tenant.Role != TenantRole.Admin ? SecurityError.AdminRequired() : null;
    }

    /// <summary><c>Authorization: Bearer KEY</c> as OpenAI clients send it, or <c>x-api-key: KEY</c>.</summary>
    private static string? PresentedKey(HttpRequest request)
    {
        var auth = request.Headers.Authorization.FirstOrDefault();
        if (auth is not null && auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return auth["Bearer ".Length..].Trim();
        return request.Headers["x-api-key"].FirstOrDefault();
    }

    private static SecurityError? ApplyBodyLimit(HttpContext ctx, long maxBody)
    {
        if (ctx.Request.ContentLength > maxBody) return SecurityError.BodyTooLarge(maxBody);
        if (ctx.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } f)
            f.MaxRequestBodySize = Math.Min(f.MaxRequestBodySize ?? long.MaxValue, maxBody);
        return null;
    }

    private Task RefuseAsync(HttpContext ctx, RequestSecurity sec, SecurityError error)
    {
        SecurityLog.Refused(services.Logger, sec.RequestId, error.Status, error.Code, sec.Key?.Id.Value);
        return writeError(ctx, error);
    }

    /// <summary>Headers go in just before the response starts, so they survive an error writer clearing the response.</summary>
    private static Task AddHeaders(HttpResponse response, RequestSecurity sec)
    {
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
            sec.Guardrails, ctx.Connection.RemoteIpAddress?.ToString(), prompt));
    }
}
