using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Gantry.Server.Protocol;

/// <summary>
/// The exception handler of the pipeline (<c>UseExceptionHandler</c>): an expected exception (<see cref="ErrorMapper"/>)
/// becomes its OpenAI error JSON and status; anything else is a bug, logged once here and answered 500. A client that
/// went away gets nothing (its generation was cancelled through <c>RequestAborted</c>). Reached only before the
/// response started; the middleware rethrows exceptions after that.
/// </summary>
internal sealed class OpenAiExceptionHandler(ILogger<OpenAiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext ctx, Exception exception, CancellationToken ct)
    {
        if (ctx.RequestAborted.IsCancellationRequested && exception is OperationCanceledException or IOException or ObjectDisposedException)
            return true;
        var error = ErrorMapper.Map(exception);
        if (error is null)
        {
            ProtocolLog.Unhandled(logger, ctx.Request.Path, exception);
            error = ApiError.Internal("internal server error");
        }
        await ErrorWriter.WriteAsync(ctx, error).ConfigureAwait(false);
        return true;
    }
}
