using Prometheus;

namespace Gantry.Gateway;

/// <summary>The gateway's Prometheus series (its own registry: tests run several gateways in one process).</summary>
public sealed class GatewayMetrics
{
    public GatewayMetrics()
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var f = Prometheus.Metrics.WithCustomRegistry(Registry);
        Requests = f.CreateCounter("gantry_gateway_requests_total", "Requests proxied, by replica that answered and status code.", ["replica", "status"]);
        Retries = f.CreateCounter("gantry_gateway_retries_total", "Requests sent again to another replica because one failed before responding.");
        Ejections = f.CreateCounter("gantry_gateway_ejections_total", "Replicas left out after a failed request (passive health).");
        TokenCorrections = f.CreateCounter("gantry_gateway_token_corrections_total",
            "Tokens given back to (refund) or taken from (charge) the shared token limits when a request's real use differed from its reservation.", ["direction"]);
        LimitStoreErrors = f.CreateCounter("gantry_gateway_limit_store_errors_total", "Shared-limit store (Redis) calls that failed, by the outcome applied.", ["outcome"]);
    }

    public CollectorRegistry Registry { get; }

    public Counter Requests { get; }
    public Counter Retries { get; }
    public Counter Ejections { get; }
    public Counter LimitStoreErrors { get; }
    public Counter TokenCorrections { get; }
}
