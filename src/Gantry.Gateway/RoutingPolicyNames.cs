namespace Gantry.Gateway;

/// <summary>The routing policies <c>--policy</c> accepts, each a YARP load-balancing policy of the same name.</summary>
public static class RoutingPolicyNames
{
    /// <summary>Prefix affinity unless the affinity target is overloaded, then least load; sessions stick when there is no prompt.</summary>
    public const string Default = "default";

    /// <summary>Consistent hashing with bounded loads over the prompt's first blocks.</summary>
    public const string PrefixAffinity = "prefix-affinity";

    /// <summary>The replica with the fewest requests (scraped gauges and this gateway's in-flight count), then the emptiest KV cache.</summary>
    public const string LeastLoad = "least-load";

    /// <summary>Sticky by the body's <c>user</c> or the session header.</summary>
    public const string Session = "session";

    /// <summary>YARP's own round robin: the baseline the others are measured against.</summary>
    public const string RoundRobin = "round-robin";

    /// <summary>The passive health policy (Health/EjectOnFailurePolicy): one replica-side failure ejects the replica for a while.</summary>
    public const string PassiveHealth = "eject-on-failure";

    public static readonly IReadOnlyList<string> All = [Default, PrefixAffinity, LeastLoad, Session, RoundRobin];

    /// <summary>The YARP policy name a cluster is configured with.</summary>
    public static string ToYarp(string policy) => policy == RoundRobin ? Yarp.ReverseProxy.LoadBalancing.LoadBalancingPolicies.RoundRobin : policy;
}
