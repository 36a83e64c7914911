using System.Text;
using Gantry.Engine;
using Gantry.Gateway;
using Gantry.Gateway.Hosting;
using Gantry.Server.Configuration;
using Gantry.Server.Hosting;
using Gantry.TestSupport;
using Microsoft.Extensions.Logging;

namespace Gantry.Gateway.Tests.Fleet;

/// <summary>
/// Real replicas (in-process <c>gantry serve</c>: Kestrel on 127.0.0.1, a free port, stories260K as "stories") and gateways
/// in front of them, all on loopback. Each test that changes the fleet (kills a replica) builds its own.
/// </summary>
public sealed class Fleet : IAsyncDisposable
{
    public const string Model = "stories";

    private Fleet(List<GantryServer> replicas, List<GantryGateway> gateways)
    {
        Replicas = replicas;
        Gateways = gateways;
    }

    public List<GantryServer> Replicas { get; }

    public List<GantryGateway> Gateways { get; }

    public static ServerOptions ReplicaOptions(int drainSeconds = 5) => new()
    {
        Port = 0,
        Threads = 1,
        Models = [new ModelSpec(SharedModels.Stories260K, Model)],
        MaxBodyBytes = 64 * 1024,
        DrainSeconds = drainSeconds,
        Engine = new EngineOptions { KvCacheBytes = 16L << 20 },
    };

    public static GatewayOptions GatewayOptions(IEnumerable<Uri> replicas, string policy = RoutingPolicyNames.Default) => new()
    {
        Port = 0,
        Replicas = replicas.ToList(),
        Policy = policy,
        Tokenizers = new Dictionary<string, string> { [Model] = SharedModels.Stories260K },
        HealthInterval = TimeSpan.FromMilliseconds(500),
    };

    /// <param name="healthInterval">The gateways' active health probe interval (its timeout is the larger of this and 2 s);
    /// null keeps <see cref="GatewayOptions(IEnumerable{Uri}, string)"/>'s 500 ms, which the failover tests need to see a
    /// killed replica quickly.</param>
    public static async Task<Fleet> StartAsync(int replicas, int gateways, string policy = RoutingPolicyNames.Default, int drainSeconds = 5,
        TimeSpan? healthInterval = null)
    {
        var servers = new List<GantryServer>();
        for (var i = 0; i < replicas; i++) servers.Add(await StartReplicaAsync(ReplicaOptions(drainSeconds)));
        var list = new List<GantryGateway>();
        for (var i = 0; i < gateways; i++)
        {
            var options = GatewayOptions(servers.Select(s => s.Url), policy);
            if (healthInterval is { } interval) options = options with { HealthInterval = interval };
            var gateway = GantryGateway.Create(options, LogLevel.Warning);
            await gateway.StartAsync();
            list.Add(gateway);
        }
        return new Fleet(servers, list);
    }

    public static async Task<GantryServer> StartReplicaAsync(ServerOptions options)
    {
        var server = GantryServer.Create(options, logLevel: LogLevel.Warning);
        await server.StartAsync();
        await server.ModelsLoaded;
        return server;
    }

    public static HttpClient Client(Uri url) => new() { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public async ValueTask DisposeAsync()
    {
        foreach (var g in Gateways) await g.DisposeAsync();
        foreach (var r in Replicas) await r.DisposeAsync();
    }
}
