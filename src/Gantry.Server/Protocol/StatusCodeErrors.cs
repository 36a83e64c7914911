using Microsoft.AspNetCore.Diagnostics;

namespace Gantry.Server.Protocol;

/// <summary>
/// The <c>UseStatusCodePages</c> handler: a 404 (no route) or 405 (wrong method) that nothing wrote a body for gets
/// OpenAI's error JSON like every other error. Other bodiless statuses are left as they are.
/// </summary>
internal static class StatusCodeErrors
{
    public static Task WriteAsync(StatusCodeContext status)
    {
        var ctx = status.HttpContext;
        var error = ctx.Response.StatusCode switch
        {
            404 => ApiError.NotFound(ctx.Request.Path),
            405 => ApiError.MethodNotAllowed(ctx.Request.Method, ctx.Request.Path),
            _ => null,
        };
        return error is null ? Task.CompletedTask : ErrorWriter.WriteAsync(ctx, error);
    }
}
