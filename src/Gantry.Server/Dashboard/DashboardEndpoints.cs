using System.Reflection;
using Gantry.Server.Catalog;
using Gantry.Server.Drift;
using Gantry.Server.Lifecycle;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Gantry.Server.Dashboard;

/// <summary>
/// <c>GET /dashboard</c>: a live page of the server's load and latency per model, and of each model's lifecycle
/// (versions, split weights, canary and its objectives, drift, feedback, cold starts), served from files embedded in the
/// build (no CDN, works offline). The page polls <c>GET /dashboard/data</c> (engine snapshots, <see cref="DashboardData"/>)
/// and <c>GET /metrics</c> (the latency histograms, from which it computes percentiles over a recent window). Open like
/// <c>/metrics</c>: it shows counters and model names, never prompts or completions.
/// </summary>
public static class DashboardEndpoints
{
    public const string Path = "/dashboard";
    public const string DataPath = "/dashboard/data";

    private static readonly Dictionary<string, (string ContentType, byte[] Body)> Files = Load();

    /// <summary>Maps the page, its assets and the data endpoint.</summary>
    public static IEndpointRouteBuilder MapGantryDashboard(this IEndpointRouteBuilder app)
    {
        var services = app.ServiceProvider;
        var registry = services.GetRequiredService<ModelRegistry>();
        var lifecycle = new DashboardLifecycle(registry, services.GetRequiredService<TrafficController>(), services.GetRequiredService<LifecycleMetrics>(),
            services.GetRequiredService<DriftMonitor>());
        var started = TimeProvider.System.GetTimestamp();
        app.MapGet(Path, (HttpContext ctx) => ServeAsync(ctx, "index.html"));
        app.MapGet(DataPath, (HttpContext ctx) => DashboardData.WriteAsync(ctx, registry, lifecycle, TimeProvider.System.GetElapsedTime(started)));
        // RequestDelegates throughout: no reflection-built handlers, so the route table works in a NativeAOT build
        app.MapGet(Path + "/{file}", (HttpContext ctx) => ServeAsync(ctx, (string)ctx.Request.RouteValues["file"]!));
        return app;
    }

    private static Task ServeAsync(HttpContext ctx, string file)
    {
        if (!Files.TryGetValue(file, out var f))
        {
            ctx.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask; // the status-code page writes the OpenAI-style error body
        }
        ctx.Response.ContentType = f.ContentType;
        ctx.Response.Headers.CacheControl = "no-cache";
        ctx.Response.Headers["Content-Security-Policy"] = "default-src 'self'; img-src 'self' data:";
        return ctx.Response.Body.WriteAsync(f.Body, ctx.RequestAborted).AsTask();
    }

    /// <summary>Reads the embedded assets once (logical names <c>Gantry.Server.Dashboard.FILE</c>, see the project file).</summary>
    private static Dictionary<string, (string, byte[])> Load()
    {
        const string prefix = "Gantry.Server.Dashboard.";
        var assembly = typeof(DashboardEndpoints).Assembly;
        var files = new Dictionary<string, (string, byte[])>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(prefix, StringComparison.Ordinal)) continue;
            var file = name[prefix.Length..];
            files[file] = (ContentType(file), Read(assembly, name));
        }
        return files;
    }

    private static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string ContentType(string file) => System.IO.Path.GetExtension(file) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };
}
