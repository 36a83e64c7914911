using Microsoft.AspNetCore.Http;

namespace Gantry.Server.Metrics;

/// <summary>
/// Counts every request into <c>gantry_http_requests_total</c> by endpoint and final status, outside the exception
/// handler so mapped errors count with their real status. Paths outside <see cref="KnownPaths"/> count as <c>other</c>,
/// so a scanner cannot grow the label set.
/// </summary>
internal sealed class HttpRequestMetricsMiddleware(RequestDelegate next, ServerMetrics metrics)
{
    public static readonly string[] KnownPaths = ["/v1/completions", "/v1/chat/completions", "/v1/models", "/apply-template", "/health", "/ready", "/metrics"];

    public async Task InvokeAsync(HttpContext ctx)
    {
        try
        {
            await next(ctx).ConfigureAwait(false);
        }
        finally
        {
            metrics.HttpRequests.WithLabels(EndpointLabel(ctx.Request.Path), StatusLabel(ctx.Response.StatusCode)).Inc();
        }
    }

    private static string EndpointLabel(PathString path) => KnownPaths.FirstOrDefault(p => path.Equals(p, StringComparison.OrdinalIgnoreCase)) ?? "other";

    private static string StatusLabel(int status) => status switch
    {
        200 => "200", 400 => "400", 404 => "404", 405 => "405", 413 => "413", 429 => "429", 500 => "500", 503 => "503",
        _ => status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
