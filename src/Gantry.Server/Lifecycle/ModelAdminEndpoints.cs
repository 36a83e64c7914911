using System.Text.Json;
using Gantry.Server.Catalog;
using Gantry.Server.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gantry.Server.Lifecycle;

/// <summary>
/// The model lifecycle's admin API (mapped into the admin group, so admin keys only):
/// <c>GET /admin/models</c> (registered and routed versions), <c>POST /admin/models</c> (register a file as a version),
/// <c>DELETE /admin/models/{name}/{version}</c> (unregister; 409 while routed), and
/// <c>POST /admin/models/{name}/load|unload|swap</c> with <c>{"path": "FILE.gguf", "version": "LABEL"}</c> or
/// <c>{"version": "LABEL"}</c>. A <see cref="ModelLifecycleException"/> becomes its status and an OpenAI-style error.
/// </summary>
internal sealed class ModelAdminEndpoints(ModelLifecycle lifecycle)
{
    public void Map(IEndpointRouteBuilder admin)
    {
        admin.MapGet("/models", List);
        admin.MapPost("/models", RegisterAsync);
        admin.MapDelete("/models/{name}/{version}", Remove);
        admin.MapPost("/models/{name}/load", (HttpContext ctx, string name) => ChangeAsync(ctx, name, lifecycle.LoadAsync));
        admin.MapPost("/models/{name}/swap", (HttpContext ctx, string name) => ChangeAsync(ctx, name, lifecycle.SwapAsync));
        admin.MapPost("/models/{name}/unload", UnloadAsync);
    }

    /// <summary>Writes a lifecycle failure as OpenAI error JSON with its status.</summary>
    internal static Task WriteError(HttpContext ctx, ModelLifecycleException e) =>
        ErrorWriter.WriteAsync(ctx, new ApiError(e.Status, e.Status >= 500 ? "server_error" : ApiError.InvalidRequest, e.Message, e.Param, e.Code));

    private Task List(HttpContext ctx)
    {
        var name = ctx.Request.Query["name"].FirstOrDefault();
        var registered = lifecycle.Store?.List(name) ?? [];
        var routed = lifecycle.Registry.Routes.Where(r => name is null || r.Name == name).ToList();
        var infos = new List<ModelVersionInfo>();
        foreach (var v in registered)
        {
            var (slot, weight, shadow) = Find(routed, v.Name, v.Version);
            infos.Add(new ModelVersionInfo(v.Name, v.Version, v.Path, v.Sha256, v.Architecture, v.Quantization, v.SizeBytes,
                v.CreatedAt.ToUnixTimeSeconds(), v.Notes, true, slot is not null, slot?.IsLoaded ?? false, weight, shadow));
        }
        foreach (var route in routed)
            foreach (var slot in route.Slots.Distinct().Where(s => !registered.Any(v => v.Name == s.Name && v.Version == s.Version)))
            {
                var (_, weight, shadow) = Find(routed, slot.Name, slot.Version);
                infos.Add(new ModelVersionInfo(slot.Name, slot.Version, null, null, null, null, null, null, null, false, true, slot.IsLoaded, weight, shadow));
            }
        return ctx.Response.WriteAsJsonAsync(new ModelVersionList(infos), LifecycleJson.Default.ModelVersionList, cancellationToken: ctx.RequestAborted);
    }

    private static (ModelSlot? Slot, int? Weight, bool? Shadow) Find(IReadOnlyList<ModelRoute> routes, string name, string version)
    {
        var route = routes.FirstOrDefault(r => r.Name == name);
        if (route is null) return (null, null, null);
        var entry = route.Entries.FirstOrDefault(e => e.Slot.Version == version);
        if (entry is not null) return (entry.Slot, (int)Math.Round(100.0 * entry.Weight / route.TotalWeight), null);
        return route.Shadow?.Version == version ? (route.Shadow, 0, true) : (null, null, null);
    }

    private async Task RegisterAsync(HttpContext ctx)
    {
        var body = await JsonSerializer.DeserializeAsync(ctx.Request.Body, LifecycleJson.Default.RegisterModelRequest, ctx.RequestAborted).ConfigureAwait(false);
        try
        {
            if (lifecycle.Store is not { } store) throw ModelLifecycleException.Invalid("this server has no model registry (no state folder)");
            if (body?.Name is null) throw ModelLifecycleException.Invalid("'name' is required", "name");
            if (body.Version is null) throw ModelLifecycleException.Invalid("'version' is required", "version");
            if (body.Path is null) throw ModelLifecycleException.Invalid("'path' is required", "path");
            ModelVersionStore.Check(body.Name, body.Version);
            if (store.Find(body.Name, body.Version) is not null)
                throw ModelLifecycleException.Conflict($"model '{body.Name}' already has a version '{body.Version}'", "version");
            var v = await Task.Run(() => ModelFileInspector.Inspect(body.Name, body.Version, body.Path, body.Notes, DateTimeOffset.UtcNow), ctx.RequestAborted).ConfigureAwait(false);
            store.Add(v);
            ctx.Response.StatusCode = StatusCodes.Status201Created;
            await ctx.Response.WriteAsJsonAsync(new ModelVersionInfo(v.Name, v.Version, v.Path, v.Sha256, v.Architecture, v.Quantization, v.SizeBytes,
                v.CreatedAt.ToUnixTimeSeconds(), v.Notes, true, false, false), LifecycleJson.Default.ModelVersionInfo, cancellationToken: ctx.RequestAborted).ConfigureAwait(false);
        }
        catch (ModelLifecycleException e)
        {
            await WriteError(ctx, e).ConfigureAwait(false);
        }
    }

    private Task Remove(HttpContext ctx, string name, string version)
    {
        try
        {
            if (lifecycle.Store is not { } store) throw ModelLifecycleException.Invalid("this server has no model registry (no state folder)");
            if (lifecycle.Registry.TryGetRoute(name, out var route) && route.Slots.Any(s => s.Version == version))
                throw ModelLifecycleException.Conflict($"model '{name}' version '{version}' is being served; swap or unload it first", "version");
            if (!store.Remove(name, version)) throw ModelLifecycleException.NotFound($"model '{name}' has no registered version '{version}'", "version");
            return ctx.Response.WriteAsJsonAsync(new RemoveModelResult(name, version, true), LifecycleJson.Default.RemoveModelResult, cancellationToken: ctx.RequestAborted);
        }
        catch (ModelLifecycleException e)
        {
            return WriteError(ctx, e);
        }
    }

    private delegate Task<LifecycleResult> Change(string name, string? path, string? version, CancellationToken ct);

    private static async Task ChangeAsync(HttpContext ctx, string name, Change change)
    {
        var body = await JsonSerializer.DeserializeAsync(ctx.Request.Body, LifecycleJson.Default.LoadModelRequest, ctx.RequestAborted).ConfigureAwait(false);
        try
        {
            var result = await change(name, body?.Path, body?.Version, ctx.RequestAborted).ConfigureAwait(false);
            await Answer(ctx, result).ConfigureAwait(false);
        }
        catch (ModelLifecycleException e)
        {
            await WriteError(ctx, e).ConfigureAwait(false);
        }
    }

    private async Task UnloadAsync(HttpContext ctx, string name)
    {
        try
        {
            await Answer(ctx, await lifecycle.UnloadAsync(name, ctx.RequestAborted).ConfigureAwait(false)).ConfigureAwait(false);
        }
        catch (ModelLifecycleException e)
        {
            await WriteError(ctx, e).ConfigureAwait(false);
        }
    }

    private static Task Answer(HttpContext ctx, LifecycleResult r) =>
        ctx.Response.WriteAsJsonAsync(new LifecycleAnswer(r.Name, r.Versions, r.Retired, Math.Round(r.LoadSeconds, 4)), LifecycleJson.Default.LifecycleAnswer, cancellationToken: ctx.RequestAborted);
}
