namespace Gantry.Gateway;

/// <summary>What <c>gantry gateway</c> was asked for: where to listen, which replicas to route to, and how.</summary>
public sealed record GatewayOptions
{
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>0 picks a free port (tests).</summary>
    public int Port { get; init; } = 8080;

    /// <summary>Fixed replicas (<c>--replica URL</c>, repeatable).</summary>
    public IReadOnlyList<Uri> Replicas { get; init; } = [];

    /// <summary>Replicas discovered from DNS (<c>--replicas-from dns:NAME:PORT</c>), e.g. a Kubernetes headless Service.</summary>
    public DnsReplicaSource? ReplicasFromDns { get; init; }

    /// <summary>The routing policy (<see cref="RoutingPolicyNames"/>).</summary>
    public string Policy { get; init; } = RoutingPolicyNames.Default;

    /// <summary>Per model, a GGUF file whose tokenizer and chat template the routing key is computed with. Models without one
    /// are keyed on the rendered prompt's characters instead (same grouping of shared prefixes, cruder block edges).</summary>
    public IReadOnlyDictionary<string, string> Tokenizers { get; init; } = new Dictionary<string, string>();

    /// <summary>Tokens per KV block on the replicas (the engine's <c>BlockSize</c>).</summary>
    public int BlockSize { get; init; } = 16;

    /// <summary>How many leading blocks of a prompt form its routing key.</summary>
    public int PrefixBlocks { get; init; } = 4;

    /// <summary>Consistent hashing with bounded loads: no replica takes more than this factor times the mean load.</summary>
    public double LoadBound { get; init; } = 1.25;

    /// <summary>Requests a replica may take above the bound before its prefixes spill to the next replica on the ring.</summary>
    public double LoadSlack { get; init; } = 2;

    /// <summary>The default policy leaves the affinity target for the least-loaded replica when the target's load exceeds the
    /// least load by this many requests, or its KV cache is fuller than <see cref="OverloadKvUsage"/>.</summary>
    public double OverloadMargin { get; init; } = 4;

    public double OverloadKvUsage { get; init; } = 0.95;

    /// <summary>The header the session policy sticks on when the body has no <c>user</c>.</summary>
    public string SessionHeader { get; init; } = "x-session-id";

    /// <summary>How often each replica's load gauges are scraped from its <c>/metrics</c>.</summary>
    public TimeSpan ScrapeInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How often each replica's <c>/v1/models</c> is read.</summary>
    public TimeSpan ModelsInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Active health checks on <c>/ready</c>.</summary>
    public TimeSpan HealthInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a replica that failed a request is left out (passive ejection) before it is tried again.</summary>
    public TimeSpan EjectFor { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries on other replicas for a request whose response has not started.</summary>
    public int MaxRetries { get; init; } = 2;

    public long MaxBodyBytes { get; init; } = 1 << 20;

    /// <summary>The state database's folder (<c>--state-dir</c>, as for <c>gantry keys</c>): with it the gateway requires API
    /// keys and enforces their tenants' rate limits, concurrency and token quotas across the fleet.</summary>
    public string? StateDir { get; init; }

    /// <summary>StackExchange.Redis configuration (<c>--redis</c>, e.g. <c>redis:6379</c>): where the limits are counted, shared
    /// by every gateway; null counts them in this process.</summary>
    public string? Redis { get; init; }

    /// <summary>What to do with a request while Redis cannot be reached (<c>--redis-failure open|closed</c>).</summary>
    public RedisFailureMode RedisFailure { get; init; } = RedisFailureMode.Open;

    public void Validate()
    {
        if (Replicas.Count == 0 && ReplicasFromDns is null) throw new ArgumentException("no replicas and no DNS replica source", nameof(Replicas));
        if (Port is < 0 or > 65535) throw new ArgumentException($"must be in 0..65535 (got {Port})", nameof(Port));
        foreach (var r in Replicas)
            if (!r.IsAbsoluteUri || r.Scheme is not ("http" or "https")) throw new ArgumentException($"must be an http(s) URL (got '{r}')", nameof(Replicas));
        if (!RoutingPolicyNames.All.Contains(Policy))
            throw new ArgumentException($"must be one of {string.Join(", ", RoutingPolicyNames.All)} (got '{Policy}')", nameof(Policy));
        if (BlockSize is < 1 or > 4096) throw new ArgumentException($"must be in 1..4096 (got {BlockSize})", nameof(BlockSize));
        if (PrefixBlocks is < 1 or > 1024) throw new ArgumentException($"must be in 1..1024 (got {PrefixBlocks})", nameof(PrefixBlocks));
        if (LoadSlack < 0) throw new ArgumentException($"must not be negative (got {LoadSlack})", nameof(LoadSlack));
        if (LoadBound < 1) throw new ArgumentException($"must be at least 1 (got {LoadBound})", nameof(LoadBound));
        if (MaxRetries is < 0 or > 10) throw new ArgumentException($"must be in 0..10 (got {MaxRetries})", nameof(MaxRetries));
        if (MaxBodyBytes < 1024) throw new ArgumentException($"must be at least 1024 (got {MaxBodyBytes})", nameof(MaxBodyBytes));
        if (ScrapeInterval <= TimeSpan.Zero || ModelsInterval <= TimeSpan.Zero || HealthInterval <= TimeSpan.Zero)
            throw new ArgumentException("scrape, models and health intervals must be positive");
        if (Redis is not null && StateDir is null) throw new ArgumentException("needs a state directory (the keys whose limits it shares)", nameof(Redis));
        if (StateDir is not null && !Directory.Exists(StateDir)) throw new DirectoryNotFoundException($"state directory not found: {StateDir}");
        foreach (var (model, path) in Tokenizers)
            if (!File.Exists(path)) throw new FileNotFoundException($"tokenizer file for model '{model}' not found: {path}", path);
    }
}

/// <summary><c>--redis-failure</c>: let requests through unlimited (<c>open</c>, availability first) or refuse them with 503
/// (<c>closed</c>, limits first) while the shared limit store is down.</summary>
public enum RedisFailureMode
{
    Open,
    Closed,
}

/// <summary><c>dns:NAME:PORT</c>: every address NAME resolves to, on PORT, over http.</summary>
public sealed record DnsReplicaSource(string Name, int Port)
{
    public static DnsReplicaSource Parse(string spec)
    {
        var parts = spec.Split(':');
        if (parts.Length != 3 || parts[0] != "dns" || parts[1].Length == 0
            || !int.TryParse(parts[2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            throw new FormatException($"a DNS replica source must look like dns:NAME:PORT (got '{spec}')");
        return new DnsReplicaSource(parts[1], port);
    }
}
