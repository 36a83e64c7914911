using Gantry.Engine;
using Gantry.Gateway;
using Gantry.Gateway.Hosting;
using Gantry.Server.Configuration;
using Gantry.Server.Hosting;
using Microsoft.Extensions.Logging;

namespace Gantry.Bench.Gateway;

/// <summary>Real replicas (in-process <c>gantry serve</c>, one engine thread each) and a gateway over them, on loopback.</summary>
internal sealed class LiveFleet : IAsyncDisposable
{
    public const string Model = "m";

    private LiveFleet(List<GantryServer> replicas, GantryGateway? gateway)
    {
        Replicas = replicas;
        Gateway = gateway;
    }

    public List<GantryServer> Replicas { get; }

    public GantryGateway? Gateway { get; }

    public static async Task<LiveFleet> StartAsync(string modelPath, int replicas, string? policy, int kvMib)
    {
        var servers = new List<GantryServer>();
        for (var i = 0; i < replicas; i++)
        {
            var server = GantryServer.Create(new ServerOptions
            {
                Port = 0,
                Threads = 1,
                Models = [new ModelSpec(modelPath, Model)],
                DrainSeconds = 2,
                Engine = new EngineOptions { KvCacheBytes = (long)kvMib << 20 },
            }, logLevel: LogLevel.Warning);
            await server.StartAsync();
            await server.ModelsLoaded;
            servers.Add(server);
        }
        GantryGateway? gateway = null;
        if (policy is not null)
        {
            gateway = GantryGateway.Create(new GatewayOptions
            {
                Port = 0,
                Replicas = servers.Select(s => s.Url).ToList(),
                Policy = policy,
                Tokenizers = new Dictionary<string, string> { [Model] = modelPath },
            }, LogLevel.Warning);
            await gateway.StartAsync();
        }
        return new LiveFleet(servers, gateway);
    }

    /// <summary>Prompt tokens served from the replicas' prefix caches / prompt tokens looked up, summed over replicas.</summary>
    public (long Hits, long Queried) PrefixTokens()
    {
        long hits = 0, queried = 0;
        foreach (var r in Replicas)
        {
            var s = r.Registry.Models[0].Engine.Stats;
            hits += s.PrefixHitTokens;
            queried += s.PrefixQueriedTokens;
        }
        return (hits, queried);
    }

    public async ValueTask DisposeAsync()
    {
        if (Gateway is not null) await Gateway.DisposeAsync();
        foreach (var r in Replicas) await r.DisposeAsync();
    }
}
