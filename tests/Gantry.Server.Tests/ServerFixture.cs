using System.Text;
using Gantry.Engine;
using Gantry.Server.Configuration;
using Gantry.Server.Hosting;
using Gantry.TestSupport;
using Microsoft.Extensions.Logging;

namespace Gantry.Server.Tests;

/// <summary>One real Kestrel server on 127.0.0.1 (free port) serving stories260K as "stories", shared by the test classes.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public const string Model = "stories";

    public GantryServer Server { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public Uri Url => Server.Url;

    public static ServerOptions Options(int maxQueue = 1024, params ModelSpec[] models) => new()
    {
        Port = 0,
        Threads = 1,
        Models = models.Length > 0 ? models : [new ModelSpec(SharedModels.Stories260K, Model)],
        MaxBodyBytes = 64 * 1024,
        DrainSeconds = 5,
        Engine = new EngineOptions { KvCacheBytes = 16L << 20, Scheduler = new() { MaxQueue = maxQueue } },
    };

    public async Task InitializeAsync() => (Server, Http) = await StartAsync(Options());

    /// <summary>Starts a server on a free port with its models loaded, and a client for it (for tests that need their own).</summary>
    public static async Task<(GantryServer Server, HttpClient Http)> StartAsync(ServerOptions options)
    {
        var server = GantryServer.Create(options, logLevel: LogLevel.Warning);
        await server.StartAsync();
        await server.ModelsLoaded;
        return (server, new HttpClient { BaseAddress = server.Url, Timeout = TimeSpan.FromSeconds(60) });
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }

    public Task<HttpResponseMessage> PostAsync(string path, string json) =>
        Http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>Waits until the engine holds no KV blocks (freed blocks stay revivable in the prefix cache but count as free).</summary>
    public async Task<int> WaitForBlocksFreeAsync(TimeSpan timeout)
    {
        var engine = Server.Registry.Models[0].Engine;
        var deadline = DateTime.UtcNow + timeout;
        while (engine.Stats.BlocksUsed != 0 && DateTime.UtcNow < deadline) await Task.Delay(20);
        return engine.Stats.BlocksUsed;
    }
}

[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<ServerFixture>
{
    public const string Name = "server";
}
