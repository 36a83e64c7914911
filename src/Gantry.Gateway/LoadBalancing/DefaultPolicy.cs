using Gantry.Gateway.Routing;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Model;

namespace Gantry.Gateway.LoadBalancing;

/// <summary>
/// <c>default</c>: prefix affinity (bounded-load ring over the prompt's first blocks; the session key when the body has no
/// prompt) unless the affinity target is overloaded, then least load. Overloaded means it holds
/// <see cref="GatewayOptions.OverloadMargin"/> more requests than the least-loaded replica, or its KV cache is fuller than
/// <see cref="GatewayOptions.OverloadKvUsage"/>: waiting behind a queue or an eviction costs more than recomputing a prefix.
/// The ring's own bound only sees load through this gateway's eyes; this check also sees the scraped gauges, so it
/// reacts to load other gateways put on the target.
/// </summary>
public sealed class DefaultPolicy(RingCache rings, LoadView load, GatewayOptions options) : ILoadBalancingPolicy
{
    public string Name => RoutingPolicyNames.Default;

    public DestinationState? PickDestination(HttpContext context, ClusterState cluster, IReadOnlyList<DestinationState> availableDestinations)
    {
        var routing = context.Features.Get<RoutingRequest>();
        var key = routing?.PrefixKey ?? (routing?.Session is { } s ? SessionPolicy.SessionKey(s) : (ulong?)null);
        var least = load.Least(availableDestinations);
        if (key is null || least is null) return least;
        var target = PrefixAffinityPolicy.Pick(key.Value, availableDestinations, rings, load, options)!;
        var overloaded = load.Requests(target) >= load.Requests(least) + options.OverloadMargin || load.KvUsage(target) > options.OverloadKvUsage;
        return overloaded ? least : target;
    }
}
