using Gantry.Security;
using Gantry.Server.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Gantry.Server.Access;

/// <summary>
/// After authorization: applies the authenticated key's per-request limits before its endpoint runs — the body-size
/// limit (413, up front from <c>Content-Length</c> or while a chunked body is read) and the wall-clock limit (408 when
/// it ends the request before the response started; it also cancels the generation through <c>RequestAborted</c>).
/// Requests without a key pass straight through.
/// </summary>
internal sealed class KeyLimitsMiddleware(RequestDelegate next, SecurityServices services, ILogger<KeyLimitsMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext ctx)
    {
        if (ctx.Features.Get<RequestSecurity>() is not { Key.Tenant.Limits: var limits } sec)
        {
            await next(ctx).ConfigureAwait(false);
            return;
        }
        if (limits.MaxBodyBytes is { } maxBody && ApplyBodyLimit(ctx, maxBody) is { } tooLarge)
        {
            await RefuseAsync(ctx, sec, tooLarge).ConfigureAwait(false);
            return;
        }
        var clientGone = ctx.RequestAborted;
        CancellationTokenSource? timeout = null;
        CancellationTokenRegistration link = default;
        if (limits.TimeoutSeconds is { } seconds)
        {
            timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds), services.Time);
            link = clientGone.Register(static s => ((CancellationTokenSource)s!).Cancel(), timeout);
            ctx.RequestAborted = timeout.Token;
        }
        try
        {
            try
            {
                await next(ctx).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeout is { IsCancellationRequested: true } && !ctx.Response.HasStarted)
            {
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge && !ctx.Response.HasStarted && limits.MaxBodyBytes is { } limit)
            {
                // A chunked body ran past this key's limit while being read (a Content-Length over it is refused up front).
                await RefuseAsync(ctx, sec, SecurityError.BodyTooLarge(limit)).ConfigureAwait(false);
            }
            ctx.RequestAborted = clientGone; // the refusal below is written under the connection's token, not the spent timeout
            if (timeout is { IsCancellationRequested: true } && !ctx.Response.HasStarted && !clientGone.IsCancellationRequested)
            {
                sec.TimedOut = true;
                await RefuseAsync(ctx, sec, SecurityError.Timeout(limits.TimeoutSeconds!.Value)).ConfigureAwait(false);
            }
        }
        finally
        {
            link.Dispose();
            timeout?.Dispose();
        }
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
        AccessLog.Refused(logger, sec.RequestId, error.Status, error.Code, sec.Key?.Id.Value);
        return ErrorWriter.WriteAsync(ctx, ErrorMapper.Map(error));
    }
}
