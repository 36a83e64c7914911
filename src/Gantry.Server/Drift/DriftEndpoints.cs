using System.Text.Json.Serialization;
using Gantry.Server.Catalog;
using Gantry.Server.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gantry.Server.Drift;

public sealed record DriftFeatureInfo(string Feature, double Psi, double Kl, int WindowSamples, int ReferenceSamples, bool Ready, bool Alert);

public sealed record DriftVersionInfo(string Version, int ReferenceRequests, int WindowRequests, IReadOnlyList<DriftFeatureInfo> Features);

/// <summary><c>GET /admin/models/{name}/drift</c>: each version's drift per feature, with the settings it is judged by.</summary>
public sealed record DriftStatus(string Name, double Threshold, int ReferenceSize, int WindowSize, IReadOnlyList<DriftVersionInfo> Versions);

public sealed record DriftResetAnswer(string Name, int Versions);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(DriftStatus))]
[JsonSerializable(typeof(DriftResetAnswer))]
public sealed partial class DriftJson : JsonSerializerContext;

/// <summary>
/// Drift monitoring's admin API (admin keys): <c>GET /admin/models/{name}/drift</c> (scores per version and feature)
/// and <c>POST /admin/models/{name}/drift/reset</c> (new reference windows, after a deliberate change of traffic).
/// </summary>
internal sealed class DriftEndpoints(DriftMonitor monitor, ModelRegistry registry)
{
    public void Map(IEndpointRouteBuilder admin)
    {
        admin.MapGet("/models/{name}/drift", Status);
        admin.MapPost("/models/{name}/drift/reset", Reset);
    }

    // A named method returning Task, not a lambda: the lambda's inferred return type was Task? (from Known), which
    // ASP.NET Core's request delegate generator (on under PublishAot) cannot spell, so the NativeAOT build failed.
    private Task Reset(HttpContext ctx, string name) => Known(ctx, name)
        ?? ctx.Response.WriteAsJsonAsync(new DriftResetAnswer(name, monitor.Reset(name)), DriftJson.Default.DriftResetAnswer, cancellationToken: ctx.RequestAborted);

    private Task Status(HttpContext ctx, string name)
    {
        if (Known(ctx, name) is { } notFound) return notFound;
        var s = monitor.Settings;
        var versions = monitor.Of(name).Select(p =>
        {
            var features = p.Drift.Scores().Select((f, i) => new DriftFeatureInfo(f.Feature, Math.Round(f.Psi, 5), Math.Round(f.Kl, 5), f.Window, f.Reference, f.Ready, p.Drift.Alerting(i))).ToList();
            return new DriftVersionInfo(p.Version, p.Drift.ReferenceRequests, p.Drift.WindowRequests, features);
        }).ToList();
        return ctx.Response.WriteAsJsonAsync(new DriftStatus(name, s.Threshold, s.ReferenceRequests, s.WindowRequests, versions), DriftJson.Default.DriftStatus, cancellationToken: ctx.RequestAborted);
    }

    /// <summary>404 for a name neither routed nor monitored.</summary>
    private Task? Known(HttpContext ctx, string name) =>
        registry.TryGetRoute(name, out _) || monitor.Of(name).Count > 0 ? null : ErrorWriter.WriteAsync(ctx, ApiError.ModelNotFound(name));
}
