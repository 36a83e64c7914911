using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Model;

namespace Gantry.Gateway.LoadBalancing;

/// <summary><c>least-load</c>: the replica with the fewest waiting and running requests, then the emptiest KV cache (<see cref="LoadView"/>).</summary>
public sealed class LeastLoadPolicy(LoadView load) : ILoadBalancingPolicy
{
    public string Name => RoutingPolicyNames.LeastLoad;

    public DestinationState? PickDestination(HttpContext context, ClusterState cluster, IReadOnlyList<DestinationState> availableDestinations) =>
        load.Least(availableDestinations);
}
