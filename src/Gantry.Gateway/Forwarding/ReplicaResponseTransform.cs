using Gantry.Gateway.Replicas;
using Gantry.Gateway.Routing;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Gantry.Gateway.Forwarding;

/// <summary>
/// Runs on each replica response before its body is copied: names the replica that served (<c>x-gantry-replica</c>),
/// echoes <c>x-request-id</c> when the replica did not, and holds back the body of a 503 (the replica is draining or not
/// ready; it generated nothing) so <see cref="RetryMiddleware"/> can try another replica.
/// </summary>
public static class ReplicaResponseTransform
{
    public const string ReplicaHeader = "x-gantry-replica";

    public static void Add(TransformBuilderContext builder, ReplicaSet replicas) => builder.AddResponseTransform(t =>
    {
        var http = t.HttpContext;
        var routing = http.Features.Get<RoutingRequest>();
        if (http.GetReverseProxyFeature().ProxiedDestination is { } destination)
            http.Response.Headers[ReplicaHeader] = replicas.Find(destination.DestinationId)?.Name ?? destination.Model.Config.Address;
        if (routing is not null && !http.Response.Headers.ContainsKey(RequestInspector.RequestIdHeader))
            http.Response.Headers[RequestInspector.RequestIdHeader] = routing.RequestId;
        if (routing is not null && t.ProxyResponse?.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable)
        {
            routing.RefusedByReplica = true;
            t.SuppressResponseBody = true;
        }
        return default;
    });
}
