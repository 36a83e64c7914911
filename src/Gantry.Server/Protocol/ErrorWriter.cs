using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Gantry.Server.Protocol;

/// <summary>Writes an <see cref="ApiError"/> as the response: status, <c>Retry-After</c> where it applies, and the JSON envelope.</summary>
internal static class ErrorWriter
{
    public static Task WriteAsync(HttpContext ctx, ApiError error)
    {
        var response = ctx.Response;
        response.Clear();
        response.StatusCode = error.Status;
        if (error.RetryAfterSeconds is { } s) response.Headers.RetryAfter = s.ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(response.Body, error.ToResponse(), ProtocolJson.Default.ErrorResponse, ctx.RequestAborted);
    }
}
