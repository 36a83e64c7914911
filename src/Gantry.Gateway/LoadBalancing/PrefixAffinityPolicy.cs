using Gantry.Gateway.Routing;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Model;

namespace Gantry.Gateway.LoadBalancing;

/// <summary>
/// <c>prefix-affinity</c>: the prompt's routing key (<see cref="PromptKeyer"/>) on a consistent-hash ring with bounded loads,
/// so requests sharing their first blocks meet the replica that has those blocks cached, until it carries more than
/// <see cref="GatewayOptions.LoadBound"/> times the mean load plus <see cref="GatewayOptions.LoadSlack"/>. The bound counts
/// this gateway's in-flight requests, which are exact and current (scraped gauges lag by up to a scrape interval and
/// would spill a burst for load that has already left). A request with no prompt goes to the least-loaded replica.
/// </summary>
public sealed class PrefixAffinityPolicy(RingCache rings, LoadView load, GatewayOptions options) : ILoadBalancingPolicy
{
    public string Name => RoutingPolicyNames.PrefixAffinity;

    public DestinationState? PickDestination(HttpContext context, ClusterState cluster, IReadOnlyList<DestinationState> availableDestinations) =>
        context.Features.Get<RoutingRequest>()?.PrefixKey is { } key
            ? Pick(key, availableDestinations, rings, load, options)
            : load.Least(availableDestinations);

    /// <summary>The bounded-load ring's choice for <paramref name="key"/> among <paramref name="available"/>.</summary>
    public static DestinationState? Pick(ulong key, IReadOnlyList<DestinationState> available, RingCache rings, LoadView load, GatewayOptions options)
    {
        if (available.Count == 0) return null;
        if (available.Count == 1) return available[0];
        var ring = rings.For(available);
        Span<double> loads = available.Count <= 64 ? stackalloc double[available.Count] : new double[available.Count];
        for (var i = 0; i < available.Count; i++) loads[i] = load.Local(available[i]);
        return available[ring.Pick(key, loads, options.LoadBound, options.LoadSlack)];
    }
}
