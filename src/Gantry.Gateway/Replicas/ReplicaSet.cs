using System.Collections.Concurrent;
using Yarp.ReverseProxy.Configuration;

namespace Gantry.Gateway.Replicas;

/// <summary>
/// The replicas the gateway routes to, and the YARP configuration that follows from them: one cluster whose destinations
/// are the replicas (ids are their addresses), one route for the OpenAI API. Changing the set (DNS discovery) swaps the
/// configuration; YARP keeps requests already sent to a replica that left running to their end (draining), while new ones
/// go to the replicas that remain.
/// </summary>
public sealed class ReplicaSet
{
    public const string ClusterId = "replicas";
    public const string RouteId = "openai";

    private readonly ConcurrentDictionary<string, ReplicaState> _byId = new(StringComparer.Ordinal);
    private readonly GatewayOptions _options;
    private readonly InMemoryConfigProvider _config;
    private volatile IReadOnlyList<ReplicaState> _all = [];

    public ReplicaSet(GatewayOptions options, InMemoryConfigProvider config)
    {
        _options = options;
        _config = config;
        if (options.Replicas.Count > 0) SetReplicas(options.Replicas);
    }

    public IReadOnlyList<ReplicaState> All => _all;

    public ReplicaState? Find(string destinationId) => _byId.GetValueOrDefault(destinationId);

    /// <summary>Replaces the set; unchanged replicas keep their state. Returns false when nothing changed.</summary>
    public bool SetReplicas(IEnumerable<Uri> addresses)
    {
        var wanted = addresses.Select(Normalize).Distinct().ToList();
        if (wanted.Count == _all.Count && wanted.All(a => _byId.ContainsKey(a.ToString()))) return false;
        var next = wanted.Select(a => _byId.GetOrAdd(a.ToString(), id => new ReplicaState(id, a))).ToList();
        foreach (var gone in _byId.Keys.Except(next.Select(r => r.Id)).ToList()) _byId.TryRemove(gone, out _);
        _all = next;
        _config.Update([Route()], [Cluster(next)]);
        return true;
    }

    public static IReadOnlyList<RouteConfig> InitialRoutes() => [Route()];

    public static IReadOnlyList<ClusterConfig> InitialClusters() => [new ClusterConfig { ClusterId = ClusterId, Destinations = new Dictionary<string, DestinationConfig>() }];

    private static Uri Normalize(Uri a) => new(a.GetLeftPart(UriPartial.Authority) + "/");

    private static RouteConfig Route() => new()
    {
        RouteId = RouteId,
        ClusterId = ClusterId,
        Match = new RouteMatch { Path = "/v1/{**rest}" },
    };

    private ClusterConfig Cluster(IReadOnlyList<ReplicaState> replicas) => new()
    {
        ClusterId = ClusterId,
        LoadBalancingPolicy = RoutingPolicyNames.ToYarp(_options.Policy),
        Destinations = replicas.ToDictionary(r => r.Id, r => new DestinationConfig { Address = r.Address.ToString() }),
        HealthCheck = new HealthCheckConfig
        {
            Active = new ActiveHealthCheckConfig
            {
                Enabled = true,
                Interval = _options.HealthInterval,
                Timeout = TimeSpan.FromSeconds(Math.Max(2, _options.HealthInterval.TotalSeconds)),
                Policy = "ConsecutiveFailures",
                Path = "/ready",
            },
            Passive = new PassiveHealthCheckConfig
            {
                Enabled = true,
                Policy = RoutingPolicyNames.PassiveHealth,
                ReactivationPeriod = _options.EjectFor,
            },
            AvailableDestinationsPolicy = "HealthyOrPanic",
        },
        HttpRequest = new Yarp.ReverseProxy.Forwarder.ForwarderRequestConfig { ActivityTimeout = TimeSpan.FromMinutes(10) },
    };
}
