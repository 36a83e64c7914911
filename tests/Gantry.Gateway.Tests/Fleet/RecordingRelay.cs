using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Gantry.Gateway.Tests.Fleet;

/// <summary>
/// A TCP relay on 127.0.0.1 in front of one replica that records, per connection, every byte the replica sent back:
/// what the gateway received, before any proxying, to compare with what the client received from the gateway.
/// </summary>
public sealed class RecordingRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Uri _upstream;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public RecordingRelay(Uri upstream)
    {
        _upstream = upstream;
        _listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _accepting = AcceptAsync();
    }

    public Uri Url { get; }

    /// <summary>Each connection's bytes from the replica, in order.</summary>
    public ConcurrentQueue<MemoryStream> Responses { get; } = new();

    private async Task AcceptAsync()
    {
        var connections = new List<Task>();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                connections.Add(RelayAsync(client));
            }
        }
        catch (OperationCanceledException) { }
        catch (SocketException) { }
        await Task.WhenAll(connections).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var upstream = new TcpClient())
        {
            await upstream.ConnectAsync(_upstream.Host, _upstream.Port, _stop.Token);
            var record = new MemoryStream();
            Responses.Enqueue(record);
            var a = client.GetStream();
            var b = upstream.GetStream();
            var up = CopyAsync(a, b, null);
            var down = CopyAsync(b, a, record);
            await Task.WhenAny(up, down);
        }
    }

    private async Task CopyAsync(Stream from, Stream to, MemoryStream? record)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int n;
            while ((n = await from.ReadAsync(buffer, _stop.Token)) > 0)
            {
                if (record is not null) lock (record) record.Write(buffer, 0, n);
                await to.WriteAsync(buffer.AsMemory(0, n), _stop.Token);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException) { }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }

    /// <summary>
    /// The body of the HTTP/1.1 response in <paramref name="raw"/> whose headers contain <paramref name="marker"/>,
    /// de-chunked; null if there is none, or if the recording stops inside a response (another connection's health
    /// probe still arriving while the test reads every connection).
    /// </summary>
    public static byte[]? BodyOf(byte[] raw, string marker)
    {
        var pos = 0;
        while (pos < raw.Length)
        {
            var headerEnd = IndexOf(raw, "\r\n\r\n"u8, pos);
            if (headerEnd < 0) return null;
            var headers = System.Text.Encoding.ASCII.GetString(raw, pos, headerEnd - pos);
            var body = new MemoryStream();
            pos = headerEnd + 4;
            if (headers.Contains("transfer-encoding: chunked", StringComparison.OrdinalIgnoreCase))
            {
                while (true)
                {
                    var lineEnd = IndexOf(raw, "\r\n"u8, pos);
                    if (lineEnd < 0) return null; // a response still arriving (a health probe on another connection)
                    var size = Convert.ToInt32(System.Text.Encoding.ASCII.GetString(raw, pos, lineEnd - pos).Split(';')[0], 16);
                    pos = lineEnd + 2;
                    if (size == 0) { pos += 2; break; }
                    if (pos + size > raw.Length) return null;
                    body.Write(raw, pos, size);
                    pos += size + 2;
                }
            }
            else
            {
                var length = headers.Split("\r\n").Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals("content-length", StringComparison.OrdinalIgnoreCase))
                    .Select(p => int.Parse(p[1].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
                if (pos + length > raw.Length) return null;
                body.Write(raw, pos, length);
                pos += length;
            }
            if (headers.Contains(marker, StringComparison.OrdinalIgnoreCase)) return body.ToArray();
        }
        return null;
    }

    private static int IndexOf(byte[] haystack, ReadOnlySpan<byte> needle, int from)
    {
        var i = haystack.AsSpan(from).IndexOf(needle);
        return i < 0 ? -1 : from + i;
    }
}
