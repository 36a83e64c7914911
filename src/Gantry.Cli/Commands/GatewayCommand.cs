using Gantry.Gateway;
using System.CommandLine;
using Gantry.Gateway.Hosting;

namespace Gantry.Cli.Commands;

/// <summary>
/// <c>gantry gateway (--replica URL … | --replicas-from dns:NAME:PORT | --config FILE) [--host H] [--port P] [--policy P] …</c>:
/// the fleet gateway in front of <c>gantry serve</c> replicas. Flags override the config file. Runs until SIGTERM/Ctrl+C.
/// </summary>
internal static class GatewayCommand
{
    public static Command Build()
    {
        var replicas = new Option<string[]>("--replica") { Description = "A replica's base URL, e.g. http://10.0.0.5:8000 (repeatable)" };
        var from = new Option<string?>("--replicas-from") { Description = "Discover replicas from DNS: dns:NAME:PORT (e.g. a headless Service)" };
        var config = new Option<string?>("--config") { Description = "JSON settings file (see docs/fleet.md); flags override it" };
        var host = new Option<string?>("--host") { Description = "Address to listen on (default 127.0.0.1)" };
        var port = new Option<int?>("--port") { Description = "Port to listen on (default 8080)" };
        var policy = new Option<string?>("--policy") { Description = $"Routing policy: {string.Join(", ", RoutingPolicyNames.All)} (default: default)" };
        var tokenizers = new Option<string[]>("--tokenizer") { Description = "MODEL=file.gguf: compute MODEL's routing key with this file's tokenizer and chat template (repeatable)" };
        var blockSize = new Option<int?>("--block-size") { Description = "Tokens per KV block on the replicas (default 16)" };
        var prefixBlocks = new Option<int?>("--prefix-blocks") { Description = "Leading blocks of a prompt that form its routing key (default 4)" };
        var sessionHeader = new Option<string?>("--session-header") { Description = "Header the session policy sticks on when the body has no user (default x-session-id)" };
        var retries = new Option<int?>("--max-retries") { Description = "Retries on other replicas before a response starts (default 2)" };
        var stateDir = SecurityOptions.StateDir();
        var redis = new Option<string?>("--redis") { Description = "Count API keys' limits in Redis (e.g. redis:6379), shared by every gateway; needs --state-dir" };
        var redisFailure = new Option<string?>("--redis-failure") { Description = "While Redis is down: open (let requests through) or closed (refuse with 503); default open" };
        var command = new Command("gateway", "Route OpenAI API requests over gantry replicas (prefix affinity, load, health, failover)")
        {
            replicas, from, config, host, port, policy, tokenizers, blockSize, prefixBlocks, sessionHeader, retries, stateDir, redis, redisFailure,
        };
        command.SetAction(parse =>
        {
            var options = new GatewayOptions();
            if (parse.GetValue(config) is { } file) options = GatewayConfigFile.Load(file).ApplyTo(options);
            var urls = parse.GetValue(replicas) ?? [];
            if (urls.Length > 0 && parse.GetValue(from) is not null) throw new CliUsageException("give --replica or --replicas-from, not both");
            options = options with
            {
                Replicas = urls.Length > 0 ? urls.Select(GatewayConfigFile.ParseReplica).ToList() : options.Replicas,
                ReplicasFromDns = parse.GetValue(from) is { } d ? ParseDnsSource(d) : options.ReplicasFromDns,
                Host = parse.GetValue(host) ?? options.Host,
                Port = parse.GetValue(port) ?? options.Port,
                Policy = parse.GetValue(policy) ?? options.Policy,
                Tokenizers = (parse.GetValue(tokenizers) ?? []) is { Length: > 0 } t ? ParseTokenizers(t) : options.Tokenizers,
                BlockSize = parse.GetValue(blockSize) ?? options.BlockSize,
                PrefixBlocks = parse.GetValue(prefixBlocks) ?? options.PrefixBlocks,
                SessionHeader = parse.GetValue(sessionHeader) ?? options.SessionHeader,
                MaxRetries = parse.GetValue(retries) ?? options.MaxRetries,
                StateDir = parse.GetValue(stateDir) ?? options.StateDir,
                Redis = parse.GetValue(redis) ?? options.Redis,
                RedisFailure = parse.GetValue(redisFailure) is { } f ? ParseFailure(f) : options.RedisFailure,
            };
            if (options.Replicas.Count == 0 && options.ReplicasFromDns is null)
                throw new CliUsageException("no replicas: give --replica URL, --replicas-from dns:NAME:PORT or --config FILE");
            options.Validate();
            return Run(options).GetAwaiter().GetResult();
        });
        return command;
    }

    private static DnsReplicaSource ParseDnsSource(string spec)
    {
        try
        {
            return DnsReplicaSource.Parse(spec);
        }
        catch (FormatException e)
        {
            throw new CliUsageException("--replicas-from: " + e.Message);
        }
    }

    private static RedisFailureMode ParseFailure(string value) => value switch
    {
        "open" => RedisFailureMode.Open,
        "closed" => RedisFailureMode.Closed,
        _ => throw new CliUsageException($"--redis-failure must be open or closed (got '{value}')"),
    };

    private static Dictionary<string, string> ParseTokenizers(string[] specs)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var spec in specs)
        {
            var eq = spec.IndexOf('=');
            if (eq <= 0 || eq == spec.Length - 1) throw new CliUsageException($"--tokenizer must look like MODEL=file.gguf (got '{spec}')");
            map[spec[..eq]] = spec[(eq + 1)..];
        }
        return map;
    }

    private static async Task<int> Run(GatewayOptions options)
    {
        await using var gateway = GantryGateway.Create(options);
        await gateway.StartAsync().ConfigureAwait(false);
        Console.Error.WriteLine($"gantry: gateway at {gateway.Url} over {gateway.Replicas.All.Count} replica(s), policy {options.Policy} (Ctrl+C to stop)");
        await gateway.WaitForShutdownAsync().ConfigureAwait(false);
        return 0;
    }
}
