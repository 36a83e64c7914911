using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gantry.Gateway;

/// <summary>
/// <c>gantry gateway --config FILE</c>: the same settings as the flags, as JSON, e.g.
/// <c>{"replicas": ["http://10.0.0.5:8000"], "policy": "default", "tokenizers": {"llama": "/models/llama.gguf"}}</c>
/// or <c>{"replicas_from": "dns:gantry-replicas:8000"}</c>. Unknown keys are an error, so a typo is not silently ignored.
/// </summary>
public sealed record GatewayConfigFile
{
    [JsonPropertyName("host")] public string? Host { get; init; }
    [JsonPropertyName("port")] public int? Port { get; init; }
    [JsonPropertyName("replicas")] public List<string>? Replicas { get; init; }
    [JsonPropertyName("replicas_from")] public string? ReplicasFrom { get; init; }
    [JsonPropertyName("policy")] public string? Policy { get; init; }
    [JsonPropertyName("tokenizers")] public Dictionary<string, string>? Tokenizers { get; init; }
    [JsonPropertyName("block_size")] public int? BlockSize { get; init; }
    [JsonPropertyName("prefix_blocks")] public int? PrefixBlocks { get; init; }
    [JsonPropertyName("load_bound")] public double? LoadBound { get; init; }
    [JsonPropertyName("session_header")] public string? SessionHeader { get; init; }
    [JsonPropertyName("max_retries")] public int? MaxRetries { get; init; }
    [JsonPropertyName("health_interval_ms")] public int? HealthIntervalMs { get; init; }
    [JsonPropertyName("scrape_interval_ms")] public int? ScrapeIntervalMs { get; init; }
    [JsonPropertyName("state_dir")] public string? StateDir { get; init; }
    [JsonPropertyName("redis")] public string? Redis { get; init; }
    [JsonPropertyName("redis_failure")] public string? RedisFailure { get; init; }

    private static readonly JsonSerializerOptions Json = new()
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static GatewayConfigFile Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"file not found: {path}", path);
        return JsonSerializer.Deserialize<GatewayConfigFile>(File.ReadAllText(path), Json) ?? throw new JsonException($"{path} holds no settings");
    }

    /// <summary>These settings over <paramref name="options"/> (the file's values win where present).</summary>
    public GatewayOptions ApplyTo(GatewayOptions options) => options with
    {
        Host = Host ?? options.Host,
        Port = Port ?? options.Port,
        Replicas = Replicas is { } r ? r.Select(ParseReplica).ToList() : options.Replicas,
        ReplicasFromDns = ReplicasFrom is { } d ? DnsReplicaSource.Parse(d) : options.ReplicasFromDns,
        Policy = Policy ?? options.Policy,
        Tokenizers = Tokenizers ?? options.Tokenizers,
        BlockSize = BlockSize ?? options.BlockSize,
        PrefixBlocks = PrefixBlocks ?? options.PrefixBlocks,
        LoadBound = LoadBound ?? options.LoadBound,
        SessionHeader = SessionHeader ?? options.SessionHeader,
        MaxRetries = MaxRetries ?? options.MaxRetries,
        HealthInterval = HealthIntervalMs is { } h ? TimeSpan.FromMilliseconds(h) : options.HealthInterval,
        ScrapeInterval = ScrapeIntervalMs is { } s ? TimeSpan.FromMilliseconds(s) : options.ScrapeInterval,
        StateDir = StateDir ?? options.StateDir,
        Redis = Redis ?? options.Redis,
        RedisFailure = RedisFailure switch
        {
            null => options.RedisFailure,
            "open" => RedisFailureMode.Open,
            "closed" => RedisFailureMode.Closed,
            _ => throw new FormatException($"redis_failure must be open or closed (got '{RedisFailure}')"),
        },
    };

    public static Uri ParseReplica(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri : throw new ArgumentException($"must be an http(s) URL (got '{url}')", nameof(GatewayOptions.Replicas));
}
