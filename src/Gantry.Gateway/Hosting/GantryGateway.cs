using Gantry.Gateway.Replicas;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gantry.Gateway.Hosting;

/// <summary>
/// <c>gantry gateway</c>: Kestrel hosting <see cref="GatewayServices"/>. Before it listens it resolves DNS replicas and
/// reads every replica's models and load once, so the first request already routes by model and load.
/// </summary>
public sealed class GantryGateway : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _disposed;

    private GantryGateway(WebApplication app) => _app = app;

    public GatewayOptions Options => _app.Services.GetRequiredService<GatewayOptions>();

    public ReplicaSet Replicas => _app.Services.GetRequiredService<ReplicaSet>();

    public GatewayMetrics Metrics => _app.Services.GetRequiredService<GatewayMetrics>();

    /// <summary>The address it listens on (with the real port when <see cref="GatewayOptions.Port"/> is 0), set by <see cref="StartAsync"/>.</summary>
    public Uri Url { get; private set; } = new("http://127.0.0.1/");

    public static GantryGateway Create(GatewayOptions options, LogLevel logLevel = LogLevel.Information)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(logLevel);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("Yarp", LogLevel.Warning);
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
        builder.WebHost.UseUrls($"http://{options.Host}:{options.Port}");
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = options.MaxBodyBytes;
        });
        builder.Services.AddGantryGateway(options);
        var app = builder.Build();
        app.MapGantryGateway();
        return new GantryGateway(app);
    }

    public async Task StartAsync(CancellationToken ct = default)
    {
        await _app.Services.GetRequiredService<DnsReplicaWatcher>().ResolveOnceAsync(ct).ConfigureAwait(false);
        using (var first = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            first.CancelAfter(TimeSpan.FromSeconds(5));
            try { await _app.Services.GetRequiredService<ReplicaMonitor>().RefreshAllAsync(first.Token).ConfigureAwait(false); }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested) { }
        }
        await _app.StartAsync(ct).ConfigureAwait(false);
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Url = new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        var logger = _app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Gantry.Gateway");
        GatewayLog.Listening(logger, address, Replicas.All.Count, Options.Policy);
    }

    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        try { await _app.StopAsync().ConfigureAwait(false); } catch (ObjectDisposedException) { }
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
