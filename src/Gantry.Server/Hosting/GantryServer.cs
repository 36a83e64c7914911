using Gantry.Security;
using Gantry.Server.Catalog;
using Gantry.Server.Configuration;
using Gantry.Server.Lifecycle;
using Gantry.Server.Telemetry;
using Gantry.Tensors.Threading;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gantry.Server.Hosting;

/// <summary>
/// The OpenAI-compatible HTTP server as one object: a slim <see cref="WebApplication"/> on Kestrel with
/// <see cref="GantryServerServiceCollectionExtensions.AddGantryServer"/> and <see cref="GantryApiEndpointRouteBuilderExtensions.MapGantryApi"/>.
/// It listens first and loads models in the background (<see cref="ModelHostService"/>). Stopping (SIGTERM or
/// <see cref="StopAsync"/>) drains: new generation requests get 503, in-flight ones get <see cref="ServerOptions.DrainSeconds"/>
/// to finish before their connections are aborted, which cancels them.
/// </summary>
public sealed class GantryServer : IAsyncDisposable
{
    /// <summary>Builds the served models; the default loads <see cref="ServerOptions.Models"/> (or the demo model).</summary>
    public delegate IReadOnlyList<ServedModel> ModelLoader(ServerOptions options, WorkerPool pool, ILogger logger);

    private readonly WebApplication _app;
    private readonly ModelHostService _models;
    private readonly ILogger _logger;
    private int _disposed;

    private GantryServer(WebApplication app)
    {
        _app = app;
        _models = app.Services.GetRequiredService<ModelHostService>();
        _logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Gantry.Server");
        Registry = app.Services.GetRequiredService<ModelRegistry>();
        Lifecycle = app.Services.GetRequiredService<ModelLifecycle>();
        Security = app.Services.GetService<SecurityServices>();
    }

    public ModelRegistry Registry { get; }

    /// <summary>Runtime load, unload and swap of model versions, and the model registry.</summary>
    public ModelLifecycle Lifecycle { get; }

    /// <summary>Keys, limits and the audit log; null when the server runs without a security layer.</summary>
    public SecurityServices? Security { get; }

    /// <summary>The address it listens on (with the real port when <see cref="ServerOptions.Port"/> is 0), set by <see cref="StartAsync"/>.</summary>
    public Uri Url { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Completes when the models are loaded; faults when loading failed.</summary>
    public Task ModelsLoaded => _models.Loaded;

    /// <param name="configureLogging">Adds log providers (tests capture lines); the default logs to the console.</param>
    public static GantryServer Create(ServerOptions options, ModelLoader? loader = null, LogLevel logLevel = LogLevel.Information,
        Action<ILoggingBuilder>? configureLogging = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(logLevel);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        if (configureLogging is null) builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
        else configureLogging(builder.Logging);
        if (options.Telemetry is { } telemetry) builder.Logging.AddGantryTelemetry(telemetry);
        builder.WebHost.UseUrls($"http://{options.Host}:{options.Port}");
        builder.Services.AddGantryServer(options, loader: loader);
        var app = builder.Build();
        app.MapGantryApi();
        return new GantryServer(app);
    }

    /// <summary>Checks the options, starts listening and begins loading the models.</summary>
    public async Task StartAsync(CancellationToken ct = default)
    {
        await _app.StartAsync(ct).ConfigureAwait(false);
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Url = new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        ServerLog.Listening(_logger, address);
    }

    /// <summary>Waits until the host is told to stop (SIGTERM, Ctrl+C).</summary>
    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    /// <summary>Drains and stops listening.</summary>
    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        try { await _app.StopAsync().ConfigureAwait(false); } catch (ObjectDisposedException) { }
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
