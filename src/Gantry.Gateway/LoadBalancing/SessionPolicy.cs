using Gantry.Gateway.Routing;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Model;

namespace Gantry.Gateway.LoadBalancing;

/// <summary>
/// <c>session</c>: requests with the same <c>user</c> (or session header) go to the same replica, its owner on the hash ring,
/// whatever the load, so a conversation's growing prompt always meets its own cached turns. No session: least load.
/// </summary>
public sealed class SessionPolicy(RingCache rings, LoadView load) : ILoadBalancingPolicy
{
    public string Name => RoutingPolicyNames.Session;

    public DestinationState? PickDestination(HttpContext context, ClusterState cluster, IReadOnlyList<DestinationState> availableDestinations)
    {
        if (context.Features.Get<RoutingRequest>()?.Session is not { } session || availableDestinations.Count == 0)
            return load.Least(availableDestinations);
        return availableDestinations[rings.For(availableDestinations).Owner(SessionKey(session))];
    }

    public static ulong SessionKey(string session)
    {
        var h = 0xCBF29CE484222325UL;
        foreach (var c in session)
        {
            h ^= c;
            h *= 0x100000001B3UL;
        }
        return h;
    }
}
