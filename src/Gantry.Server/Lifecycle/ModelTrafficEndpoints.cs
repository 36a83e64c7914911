using System.Text.Json;
using Gantry.Server.Catalog;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gantry.Server.Lifecycle;

/// <summary>
/// Traffic splitting's admin API (admin keys only): <c>POST /admin/models/{name}/canary</c> (start), <c>GET …/canary</c>
/// (status), <c>POST …/canary/advance</c> and <c>POST …/canary/rollback</c> (by command), and
/// <c>GET|POST /admin/models/{name}/split</c> (fixed weights, sticky mode, shadow version).
/// </summary>
internal sealed class ModelTrafficEndpoints(TrafficController traffic, ModelRegistry registry)
{
    public void Map(IEndpointRouteBuilder admin)
    {
        admin.MapPost("/models/{name}/canary", StartAsync);
        admin.MapGet("/models/{name}/canary", (HttpContext ctx, string name) => Guard(ctx, () => Task.FromResult(traffic.RolloutOf(name)
            ?? throw ModelLifecycleException.NotFound($"model '{name}' has had no canary", "name"))));
        admin.MapPost("/models/{name}/canary/advance", (HttpContext ctx, string name) => Guard(ctx, () => traffic.AdvanceAsync(name, ctx.RequestAborted)));
        admin.MapPost("/models/{name}/canary/rollback", (HttpContext ctx, string name) => Guard(ctx, () => traffic.RollbackAsync(name, "", ctx.RequestAborted)));
        admin.MapPost("/models/{name}/split", SplitAsync);
        admin.MapGet("/models/{name}/split", (HttpContext ctx, string name) => registry.TryGetRoute(name, out var route)
            ? WriteSplit(ctx, route)
            : ModelAdminEndpoints.WriteError(ctx, ModelLifecycleException.NotFound($"model '{name}' is not served", "name")));
    }

    /// <summary>Parses <c>none</c>, <c>user</c> or <c>key</c>.</summary>
    public static StickyMode ParseSticky(string? text) => text switch
    {
        null or "none" => StickyMode.None,
        "user" => StickyMode.User,
        "key" => StickyMode.Key,
        _ => throw ModelLifecycleException.Invalid($"sticky must be none, user or key (got '{text}')", "sticky"),
    };

    private async Task StartAsync(HttpContext ctx, string name)
    {
        var body = await JsonSerializer.DeserializeAsync(ctx.Request.Body, LifecycleJson.Default.CanaryRequest, ctx.RequestAborted).ConfigureAwait(false) ?? new CanaryRequest();
        await Guard(ctx, () =>
        {
            var o = body.Objectives;
            var defaults = new RolloutObjectives();
            var objectives = new RolloutObjectives
            {
                MaxErrorRate = o?.MaxErrorRate ?? defaults.MaxErrorRate,
                MaxTtftP99Ms = o?.MaxTtftP99Ms,
                WindowSeconds = o?.WindowSeconds ?? defaults.WindowSeconds,
                MinRequests = o?.MinRequests ?? defaults.MinRequests,
                MaxGuardrailBlockRate = o?.MaxGuardrailBlockRate,
                MinFeedbackScore = o?.MinFeedbackScore,
                MinFeedback = o?.MinFeedback ?? defaults.MinFeedback,
            };
            return traffic.StartCanaryAsync(name, body.Path, body.Version, body.Steps ?? [5, 25, 100], body.StepSeconds, objectives, ParseSticky(body.Sticky), ctx.RequestAborted);
        }).ConfigureAwait(false);
    }

    private async Task SplitAsync(HttpContext ctx, string name)
    {
        var body = await JsonSerializer.DeserializeAsync(ctx.Request.Body, LifecycleJson.Default.SplitRequest, ctx.RequestAborted).ConfigureAwait(false);
        try
        {
            if (body?.Versions is not { Count: > 0 } versions) throw ModelLifecycleException.Invalid("'versions' is required: [{\"version\": \"v1\", \"weight\": 90}, …]", "versions");
            var weights = versions.Select(v => (v.Version ?? throw ModelLifecycleException.Invalid("each entry needs a 'version'", "versions"),
                v.Weight ?? throw ModelLifecycleException.Invalid("each entry needs a 'weight'", "versions"))).ToList();
            var route = await traffic.SplitAsync(name, weights, ParseSticky(body.Sticky), body.Shadow, ctx.RequestAborted).ConfigureAwait(false);
            await WriteSplit(ctx, route).ConfigureAwait(false);
        }
        catch (ModelLifecycleException e)
        {
            await ModelAdminEndpoints.WriteError(ctx, e).ConfigureAwait(false);
        }
    }

    private Task WriteSplit(HttpContext ctx, ModelRoute route) =>
        ctx.Response.WriteAsJsonAsync(new SplitStatus(route.Name, route.Entries.Select(e => new SplitEntry(e.Slot.Version, e.Weight)).ToList(),
            route.Sticky.ToString().ToLowerInvariant(), route.Shadow?.Version, traffic.IsResumed(route) ? true : null), LifecycleJson.Default.SplitStatus, cancellationToken: ctx.RequestAborted);

    private async Task Guard(HttpContext ctx, Func<Task<Rollout>> action)
    {
        try
        {
            var r = await action().ConfigureAwait(false);
            var w = traffic.Stats(r.Candidate, r.Objectives.WindowSeconds);
            var status = new CanaryStatus(r.Name, r.Stable.Version, r.Candidate.Version, r.StateName, r.Weight, r.Steps, r.StepSeconds, r.Reason,
                w.Requests, Math.Round(w.ErrorRate, 4), Math.Round(w.TtftP99Ms, 2), Math.Round(w.BlockRate, 4), w.Feedback, Math.Round(w.FeedbackMean, 4),
                r.Resumed ? true : null);
            await ctx.Response.WriteAsJsonAsync(status, LifecycleJson.Default.CanaryStatus, cancellationToken: ctx.RequestAborted).ConfigureAwait(false);
        }
        catch (ModelLifecycleException e)
        {
            await ModelAdminEndpoints.WriteError(ctx, e).ConfigureAwait(false);
        }
    }
}
