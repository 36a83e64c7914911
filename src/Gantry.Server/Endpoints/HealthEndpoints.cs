using Gantry.Engine;
using Gantry.Server.Catalog;
using Gantry.Server.Configuration;
using Gantry.Server.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Gantry.Server.Endpoints;

/// <summary>
/// <c>GET /health</c>: the process answers. <c>GET /ready</c>: models are loaded and every engine turns a one-token request
/// around through its scheduler within the probe timeout, so a stuck engine loop is reported not ready (503).
/// Concurrent probes share one run.
/// </summary>
internal sealed class HealthEndpoints(ModelRegistry registry, IOptions<ServerOptions> options)
{
    private readonly TimeSpan _probeTimeout = options.Value.ReadyProbeTimeout;
    private readonly Lock _gate = new();
    private Task<ApiError?>? _probe;

    public static Task Health(HttpContext ctx)
    {
        ctx.Response.ContentType = "application/json";
        return ctx.Response.WriteAsync("{\"status\":\"ok\"}", ctx.RequestAborted);
    }

    public async Task Ready(HttpContext ctx)
    {
        if (registry.Unavailable() is { } e)
        {
            await ErrorWriter.WriteAsync(ctx, e).ConfigureAwait(false);
            return;
        }
        Task<ApiError?> probe;
        lock (_gate)
        {
            if (_probe is null || _probe.IsCompleted) _probe = ProbeAllAsync();
            probe = _probe;
        }
        if (await probe.ConfigureAwait(false) is { } failed)
        {
            await ErrorWriter.WriteAsync(ctx, failed).ConfigureAwait(false);
            return;
        }
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync("{\"status\":\"ready\"}", ctx.RequestAborted).ConfigureAwait(false);
    }

    private async Task<ApiError?> ProbeAllAsync()
    {
        foreach (var model in registry.Models)
        {
            if (await ProbeAsync(model).ConfigureAwait(false) is { } e) return e;
        }
        return null;
    }

    private async Task<ApiError?> ProbeAsync(ServedModel model)
    {
        var tokenizer = model.Model.Tokenizer;
        var request = new GenerationRequest
        {
            PromptTokens = [tokenizer.BosId >= 0 ? tokenizer.BosId : 0],
            MaxTokens = 1,
            IgnoreEndOfGeneration = true,
            Priority = int.MinValue,
        };
        using var timeout = new CancellationTokenSource(_probeTimeout);
        try
        {
            var events = await model.Engine.GenerateAllAsync(request, timeout.Token).ConfigureAwait(false);
            var last = events.Count > 0 ? events[^1] : null;
            if (last?.FinishReason is FinishReason.Length or FinishReason.Stop) return null;
            if (timeout.IsCancellationRequested)
                return ApiError.NotReady($"Model '{model.Name}' did not produce a token within {_probeTimeout.TotalSeconds:0.#} s");
            return ApiError.NotReady($"Model '{model.Name}' failed its one-token probe: {last?.Error ?? "no token"}");
        }
        catch (Exception ex) when (ErrorMapper.Map(ex) is { } mapped)
        {
            return ApiError.NotReady($"Model '{model.Name}' is not taking requests: {mapped.Message}");
        }
    }
}
