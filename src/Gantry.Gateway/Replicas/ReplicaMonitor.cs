using System.Collections.Frozen;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gantry.Gateway.Replicas;

/// <summary>
/// Keeps <see cref="ReplicaState"/> fresh: every <see cref="GatewayOptions.ScrapeInterval"/> it reads each replica's load
/// gauges from <c>/metrics</c>, and every <see cref="GatewayOptions.ModelsInterval"/> its model list from <c>/v1/models</c>.
/// Replicas are scraped in parallel, each with a short timeout, so one slow replica does not age the others' numbers.
/// </summary>
public sealed class ReplicaMonitor(ReplicaSet replicas, GatewayOptions options, ILogger<ReplicaMonitor> logger) : BackgroundService
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), UseProxy = false })
    {
        Timeout = TimeSpan.FromSeconds(2),
    };

    /// <summary>Reads every replica's models and load once (at start, and when a request names a model nobody is known to serve).</summary>
    public async Task RefreshAllAsync(CancellationToken ct)
    {
        await Task.WhenAll(replicas.All.Select(r => RefreshModelsAsync(r, ct))).ConfigureAwait(false);
        await Task.WhenAll(replicas.All.Select(r => ScrapeLoadAsync(r, ct))).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sinceModels = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(options.ScrapeInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                var all = replicas.All;
                if (sinceModels.Elapsed >= options.ModelsInterval || all.Any(r => !r.ModelsKnown))
                {
                    sinceModels.Restart();
                    await Task.WhenAll(all.Select(r => RefreshModelsAsync(r, stoppingToken))).ConfigureAwait(false);
                }
                await Task.WhenAll(all.Select(r => ScrapeLoadAsync(r, stoppingToken))).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task ScrapeLoadAsync(ReplicaState replica, CancellationToken ct)
    {
        try
        {
            var text = await _http.GetStringAsync(new Uri(replica.Address, "/metrics"), ct).ConfigureAwait(false);
            if (MetricsText.ParseLoad(text) is { } load) replica.SetLoad(load);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            if (replica.Reachable) GatewayLog.ScrapeFailed(logger, replica.Name, e.Message);
            replica.SetUnreachable();
        }
    }

    private async Task RefreshModelsAsync(ReplicaState replica, CancellationToken ct)
    {
        try
        {
            await using var stream = await _http.GetStreamAsync(new Uri(replica.Address, "/v1/models"), ct).ConfigureAwait(false);
            using var doc = await JsonDocument.ParseAsync(stream, cancellationToken: ct).ConfigureAwait(false);
            var models = new Dictionary<string, string>(StringComparer.Ordinal);
            if (doc.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array)
            {
                foreach (var card in data.EnumerateArray())
                    if (card.TryGetProperty("id", out var id) && id.GetString() is { } name) models[name] = card.GetRawText();
            }
            replica.SetModels(models.ToFrozenDictionary(StringComparer.Ordinal));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException && !ct.IsCancellationRequested)
        {
            replica.SetUnreachable();
        }
    }

    public override void Dispose()
    {
        base.Dispose();
        _http.Dispose();
    }
}
