using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gantry.Gateway.Replicas;

/// <summary>
/// <c>--replicas-from dns:NAME:PORT</c>: resolves NAME every few seconds (a Kubernetes headless Service lists one address per
/// ready pod) and makes the replica set exactly those addresses. A failed lookup keeps the last set, so a DNS hiccup does
/// not empty the fleet.
/// </summary>
public sealed class DnsReplicaWatcher(ReplicaSet replicas, GatewayOptions options, ILogger<DnsReplicaWatcher> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    /// <summary>One lookup; also run once before the gateway starts listening.</summary>
    public async Task ResolveOnceAsync(CancellationToken ct)
    {
        if (options.ReplicasFromDns is not { } source) return;
        try
        {
            var addresses = await Dns.GetHostAddressesAsync(source.Name, ct).ConfigureAwait(false);
            var uris = addresses
                .Where(a => a.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
                .OrderBy(a => a.ToString(), StringComparer.Ordinal)
                .Select(a => new UriBuilder("http", a.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{a}]" : a.ToString(), source.Port).Uri);
            if (replicas.SetReplicas(uris)) GatewayLog.ReplicasChanged(logger, source.Name, replicas.All.Count);
        }
        catch (SocketException e)
        {
            GatewayLog.DnsFailed(logger, source.Name, e.Message);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.ReplicasFromDns is null) return;
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false)) await ResolveOnceAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
