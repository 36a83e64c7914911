using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gantry.Server.Distributed;

/// <summary>
/// Hosts a <see cref="StageWorker"/> as a gRPC service on Kestrel over cleartext HTTP/2 (<c>gantry worker</c>).
/// Flow-control windows are raised so a step's activations (megabytes) cross in one round trip, and message limits
/// are lifted (a stage's replies are logits of whole batches).
/// </summary>
public static class StageWorkerHost
{
    /// <summary>HTTP/2 window for a connection and for each stream (the default 768 KiB would stall big steps).</summary>
    public const int WindowBytes = 16 << 20; // the client's largest allowed stream window

    /// <summary>Builds (does not start) the host; port 0 picks a free one (see <see cref="Address"/> once started).</summary>
    public static WebApplication Build(StageWorker worker, string host, int port, LogLevel logLevel = LogLevel.Warning)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(logLevel);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = null;
            k.Limits.Http2.InitialConnectionWindowSize = WindowBytes;
            k.Limits.Http2.InitialStreamWindowSize = WindowBytes;
            void Http2(ListenOptions o) => o.Protocols = HttpProtocols.Http2;
            if (IPAddress.TryParse(host, out var ip)) k.Listen(ip, port, Http2);
            else if (host is "localhost") k.ListenLocalhost(port, Http2);
            else k.ListenAnyIP(port, Http2);
        });
        builder.Services.AddGrpc(o =>
        {
            o.MaxReceiveMessageSize = null;
            o.MaxSendMessageSize = null;
            o.EnableDetailedErrors = true; // the leader's error names the stage's reason
        });
        builder.Services.AddSingleton(worker);
        var app = builder.Build();
        app.MapGrpcService<StageWorker>();
        return app;
    }

    /// <summary>Waits for SIGTERM/Ctrl+C (the host's own shutdown), for callers without the hosting namespace.</summary>
    public static Task WaitForShutdownAsync(WebApplication app) => app.WaitForShutdownAsync();

    /// <summary>The first address a started host listens on (<c>http://127.0.0.1:PORT</c>).</summary>
    public static Uri Address(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
    }
}
