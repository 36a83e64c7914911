using Gantry.Server.Endpoints;
using Gantry.Server.Metrics;
using Gantry.Server.Security;
using Gantry.Server.Validation;
using Gantry.Tensors.Threading;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gantry.Server.Hosting;

/// <summary>
/// The OpenAI-compatible HTTP server: Kestrel, the routes, one error-mapping middleware, and the models' lifetime.
/// It listens first and loads models in the background (<c>/health</c> answers at once, <c>/ready</c> and generation
/// answer 503 until loaded). Stopping (SIGTERM or <see cref="StopAsync"/>) drains: new generation requests get 503, in-flight
/// ones get <see cref="ServerOptions.DrainSeconds"/> to finish before their connections are aborted, which cancels them.
/// </summary>
public sealed class GantryServer : IAsyncDisposable
{
    /// <summary>Builds the served models; the default loads <see cref="ServerOptions.Models"/> (or the demo model).</summary>
    public delegate IReadOnlyList<ServedModel> ModelLoader(ServerOptions options, WorkerPool pool, ILogger logger);

    private readonly WebApplication _app;
    private readonly ServerState _state;
    private readonly WorkerPool _pool;
    private readonly ModelLoader _loader;
    private Task _loading = Task.CompletedTask;
    private int _disposed;

    private GantryServer(WebApplication app, ServerState state, WorkerPool pool, ModelLoader loader)
    {
        _app = app;
        _state = state;
        _pool = pool;
        _loader = loader;
    }

    public ModelRegistry Registry => _state.Registry;

    /// <summary>Keys, limits and the audit log; null when the server runs without a security layer.</summary>
    public SecurityServices? Security => _state.Security;

    /// <summary>The address it listens on (with the real port when <see cref="ServerOptions.Port"/> is 0), set by <see cref="StartAsync"/>.</summary>
    public Uri Url { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Completes when the models are loaded; faults when loading failed.</summary>
    public Task ModelsLoaded => _loading;

    public static GantryServer Create(ServerOptions options, ModelLoader? loader = null, LogLevel logLevel = LogLevel.Information)
    {
        options.Validate();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(logLevel);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
        builder.WebHost.UseUrls($"http://{options.Host}:{options.Port}");
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = options.MaxBodyBytes;
        });
        builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = TimeSpan.FromSeconds(options.DrainSeconds));
        var app = builder.Build();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Gantry.Server");
        var security = options.Security is { } settings ? SecurityServices.Start(settings, options.Host, logger) : null;
        var metrics = new ServerMetrics();
        var state = new ServerState(new ModelRegistry(), options, metrics, logger)
        {
            Security = security,
            Guardrails = new Guardrails.ServerGuardrails(options.Guardrails, metrics.GuardrailVerdicts),
        };
        Map(app, state);
        app.Lifetime.ApplicationStopping.Register(() =>
        {
            state.Registry.BeginDrain();
            ServerLog.Draining(logger, options.DrainSeconds, state.InFlight);
        });
        return new GantryServer(app, state, new WorkerPool(options.Threads), loader ?? ModelCatalog.Load);
    }

    /// <summary>Starts listening and begins loading the models.</summary>
    public async Task StartAsync(CancellationToken ct = default)
    {
        await _app.StartAsync(ct).ConfigureAwait(false);
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Url = new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        ServerLog.Listening(_state.Logger, address);
        _loading = Task.Run(() =>
        {
            try
            {
                _state.Registry.Publish(_loader(_state.Options, _pool, _state.Logger));
            }
            catch (Exception e)
            {
                _state.Registry.Fail(e.Message);
                ServerLog.LoadFailed(_state.Logger, e);
                throw;
            }
        }, CancellationToken.None);
    }

    /// <summary>Waits until the host is told to stop (SIGTERM, Ctrl+C).</summary>
    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    /// <summary>Drains and stops listening.</summary>
    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        try { await _app.StopAsync().ConfigureAwait(false); } catch (ObjectDisposedException) { }
        try { await _loading.ConfigureAwait(false); } catch (Exception) { /* reported by StartAsync's caller */ }
        await _app.DisposeAsync().ConfigureAwait(false);
        await _state.Registry.DisposeAsync().ConfigureAwait(false);
        if (_state.Security is { } security) await security.DisposeAsync().ConfigureAwait(false);
        _pool.Dispose();
    }

    private static void Map(WebApplication app, ServerState state)
    {
        // Outermost: request ids, keys (401/403), per-key body and time limits, rate-limit headers, the audit record.
        if (state.Security is { } outer)
            app.Use(new SecurityMiddleware(outer, (ctx, e) => ErrorWriter.WriteAsync(ctx, ErrorMapper.Map(e))).InvokeAsync);
        app.Use(async (ctx, next) =>
        {
            try
            {
                await next(ctx).ConfigureAwait(false);
                if (!ctx.Response.HasStarted && ctx.Response.ContentType is null && ctx.Response.StatusCode is 404 or 405)
                {
                    var error = ctx.Response.StatusCode == 404 ? ApiError.NotFound(ctx.Request.Path) : ApiError.MethodNotAllowed(ctx.Request.Method, ctx.Request.Path);
                    await ErrorWriter.WriteAsync(ctx, error).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (ctx.RequestAborted.IsCancellationRequested && e is OperationCanceledException or IOException or ObjectDisposedException)
            {
                // The client went away; its generation was cancelled through RequestAborted.
            }
            catch (Exception e) when (!ctx.Response.HasStarted)
            {
                var error = ErrorMapper.Map(e);
                if (error is null)
                {
                    ServerLog.Unhandled(state.Logger, ctx.Request.Path, e);
                    error = ApiError.Internal("internal server error");
                }
                await ErrorWriter.WriteAsync(ctx, error).ConfigureAwait(false);
            }
            finally
            {
                state.Metrics.HttpRequests.WithLabels(EndpointLabel(ctx.Request.Path), StatusLabel(ctx.Response.StatusCode)).Inc();
            }
        });
        var health = new HealthEndpoints(state);
        app.MapPost("/v1/completions", ctx => CompletionsEndpoint.HandleAsync(ctx, state));
        app.MapPost("/v1/chat/completions", ctx => ChatCompletionsEndpoint.HandleAsync(ctx, state));
        app.MapGet("/v1/models", ctx => ModelsEndpoint.HandleAsync(ctx, state));
        app.MapGet("/health", HealthEndpoints.Health);
        app.MapGet("/ready", health.Ready);
        app.MapGet("/metrics", ctx => MetricsEndpoint.HandleAsync(ctx, state));
        if (state.Security is { } security) new AdminEndpoints(security, (ctx, e) => ErrorWriter.WriteAsync(ctx, ErrorMapper.Map(e))).Map(app);
    }

    private static readonly string[] KnownPaths = ["/v1/completions", "/v1/chat/completions", "/v1/models", "/health", "/ready", "/metrics"];

    private static string EndpointLabel(PathString path) => KnownPaths.FirstOrDefault(p => path.Equals(p, StringComparison.OrdinalIgnoreCase)) ?? "other";

    private static string StatusLabel(int status) => status switch
    {
        200 => "200", 400 => "400", 404 => "404", 405 => "405", 413 => "413", 429 => "429", 500 => "500", 503 => "503",
        _ => status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
