using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Gantry.Server.Tests.Telemetry;

/// <summary>
/// A loopback OTLP/HTTP collector for tests: accepts every POST (<c>/v1/traces</c>, <c>/v1/metrics</c>, <c>/v1/logs</c>),
/// answers 200 with an empty protobuf body, and keeps what arrived. The payloads are protobuf; tests look for the
/// names inside them, which protobuf stores as plain UTF-8.
/// </summary>
internal sealed class OtlpReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public OtlpReceiver()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri Url { get; }

    public ConcurrentQueue<(string Path, string ContentType, byte[] Body)> Received { get; } = new();

    /// <summary>Everything that arrived at <paramref name="path"/>, as one string (UTF-8 decoded, binary noise and all).</summary>
    public string Text(string path) => string.Concat(Received.Where(r => r.Path == path).Select(r => System.Text.Encoding.UTF8.GetString(r.Body)));

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext ctx;
            try { ctx = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            using var body = new MemoryStream();
            await ctx.Request.InputStream.CopyToAsync(body);
            Received.Enqueue((ctx.Request.Url!.AbsolutePath, ctx.Request.ContentType ?? "", body.ToArray()));
            ctx.Response.StatusCode = 200;
            ctx.Response.ContentType = "application/x-protobuf";
            ctx.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(10)); } catch (AggregateException) { }
    }
}
