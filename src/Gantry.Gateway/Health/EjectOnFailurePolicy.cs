using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace Gantry.Gateway.Health;

/// <summary>
/// Passive ejection: a replica that fails a request on its side (refused or dropped connection, timeout, broken response)
/// is marked unhealthy at once and left out for <see cref="GatewayOptions.EjectFor"/>; YARP then offers it again and the
/// active <c>/ready</c> checks confirm it. One failure is enough because a replica process either serves or is gone:
/// waiting for a failure rate would send more requests into a dead socket. Client-side failures (the caller went away)
/// say nothing about the replica and are ignored.
/// </summary>
public sealed class EjectOnFailurePolicy(IDestinationHealthUpdater health, GatewayMetrics metrics, ILogger<EjectOnFailurePolicy> logger) : IPassiveHealthCheckPolicy
{
    public const string PolicyName = RoutingPolicyNames.PassiveHealth;

    public string Name => PolicyName;

    public void RequestProxied(HttpContext context, ClusterState cluster, DestinationState destination)
    {
        if (context.Features.Get<IForwarderErrorFeature>() is not { } error || !IsReplicaFault(error.Error)) return;
        var period = cluster.Model.Config.HealthCheck?.Passive?.ReactivationPeriod ?? TimeSpan.FromSeconds(10);
        health.SetPassive(cluster, destination, DestinationHealth.Unhealthy, period);
        metrics.Ejections.Inc();
        GatewayLog.Ejected(logger, destination.Model.Config.Address, error.Error.ToString(), period.TotalSeconds);
    }

    /// <summary>Errors on the replica's side of the proxy, as opposed to the client's.</summary>
    public static bool IsReplicaFault(ForwarderError error) => error is ForwarderError.Request or ForwarderError.RequestTimedOut
        or ForwarderError.RequestBodyDestination or ForwarderError.ResponseBodyDestination or ForwarderError.UpgradeResponseDestination
        or ForwarderError.UpgradeRequestDestination;
}
