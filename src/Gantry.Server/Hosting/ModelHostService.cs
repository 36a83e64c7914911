using Gantry.Server.Catalog;
using Gantry.Server.Configuration;
using Gantry.Server.Guardrails;
using Gantry.Server.Lifecycle;
using Gantry.Tensors.Threading;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gantry.Server.Hosting;

/// <summary>
/// The models' lifetime inside the host: once the host has started (and is listening) it loads the models in the
/// background and publishes them (<c>/health</c> answers at once, <c>/ready</c> and generation answer 503 until then);
/// when the host begins stopping, new generation requests get 503 while in-flight ones drain (the host's shutdown
/// timeout is <see cref="ServerOptions.DrainSeconds"/>); after every hosted service has stopped — so after the server
/// has drained — it disposes the engines. A guard model (<see cref="ServerOptions.GuardModel"/>) loads first, on the same task.
/// </summary>
internal sealed class ModelHostService(ModelRegistry registry, IOptions<ServerOptions> options, WorkerPool pool,
    GantryServer.ModelLoader loader, ModelLifecycle lifecycle, TrafficController traffic, IHostApplicationLifetime lifetime, ILogger<ModelHostService> logger,
    LoraAdapterRegistry adapters, ServerGuardModel guardModel) : IHostedLifecycleService
{
    private Task _loading = Task.CompletedTask;

    /// <summary>Completes when the models are loaded; faults when loading failed.</summary>
    public Task Loaded => _loading;

    public Task StartingAsync(CancellationToken ct) => Task.CompletedTask;

    public Task StartAsync(CancellationToken ct) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken ct)
    {
        lifetime.ApplicationStopping.Register(() =>
        {
            registry.BeginDrain();
            ServerLog.Draining(logger, options.Value.DrainSeconds, registry.InFlight);
        });
        _loading = Task.Run(async () =>
        {
            try
            {
                guardModel.Load(); // before the served models: no request is served unguarded
                lifecycle.PublishInitial(loader(options.Value, pool, logger));
                await traffic.ResumeAsync(CancellationToken.None).ConfigureAwait(false); // splits and canaries persisted by an earlier run
                foreach (var spec in options.Value.LoraAdapters)
                    if (adapters.Load(spec.Name, spec.Path) is { } error) throw new InvalidOperationException($"LoRA adapter '{spec.Name}': {error.Message}");
            }
            catch (Exception e)
            {
                registry.Fail(e.Message);
                if (e is Models.ModelFormatException or FileNotFoundException) ServerLog.LoadRefused(logger, e.Message);
                else ServerLog.LoadFailed(logger, e);
                throw;
            }
        }, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StoppingAsync(CancellationToken ct) => Task.CompletedTask;

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    public async Task StoppedAsync(CancellationToken ct)
    {
        try { await _loading.ConfigureAwait(false); } catch (Exception) { /* reported by whoever awaits Loaded */ }
        await lifecycle.DisposeAsync().ConfigureAwait(false);
        await registry.DisposeAsync().ConfigureAwait(false);
        guardModel.Dispose();
    }
}
